// Fuzz target: what kvnode reads on stdin, through the same steps as
// cpp/kv/kvnode_main.cpp: split at newlines, skip blank lines, decode, hand
// the message to the node (or send the decoder's error reply), tick the node.
// The shell's poll/read loop is left out; time is virtual (each line 3 ms
// later than the one before, a tick after every line, then two seconds of
// ticks so elections, failovers and timeouts fire), so a run is repeatable.
// A line "#wait <ms>" stands for time passing with no input (the node ticks
// every 10 ms), so an input can let a node become leader, then talk to it;
// kvnode itself would refuse such a line as malformed. Every protocol reads
// the same input.
//
// Properties beyond "no sanitizer finding": handling never throws, and every
// message a node sends encodes to a line that decodes again (a peer or
// client can always read what a node writes).
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <memory>
#include <vector>

#include "codec.h"
#include "fuzz_driver.h"
#include "maelstrom_dictionary.h"
#include "node_factory.h"

namespace {

constexpr kv::Time kLineGap = 3 * kv::kMillisecond;
constexpr kv::Time kTick = 10 * kv::kMillisecond;
constexpr kv::Time kSettle = 2 * kv::kSecond;
constexpr kv::Time kMaxWaited = 10 * kv::kSecond;  // all "#wait" lines of one input together

void check_sent(const std::vector<kv::Message>& out) {
  for (const kv::Message& m : out) {
    const std::string line = kv::encode(m);
    if (!kv::decode(line).message) fuzz::fail("a node sent a line that does not decode: " + line);
  }
}

// Ticks the node every 10 ms from `now` for `duration`; returns the new time.
kv::Time pass_time(kv::Node& node, kv::Time now, kv::Time duration) {
  std::vector<kv::Message> out;
  for (const kv::Time end = now + duration; now < end; now += kTick) {
    out.clear();
    node.tick(now, out);
    check_sent(out);
  }
  return now;
}

// "#wait <ms>" -> the duration (at most 5 s), or -1 for any other line.
kv::Time wait_of(const std::string& line) {
  if (line.rfind("#wait ", 0) != 0) return -1;
  const long ms = std::strtol(line.c_str() + 6, nullptr, 10);
  return std::clamp<long>(ms, 0, 5'000) * kv::kMillisecond;
}

void run_protocol(const std::string& protocol, const std::string& input) {
  kv::NodeConfig config;
  auto node = kv::make_node(protocol, config, 7);
  std::vector<kv::Message> out;
  kv::Time now = 0, waited = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const std::size_t newline = input.find('\n', pos);
    if (newline == std::string::npos) break;  // kvnode, too, waits for a line's end
    const std::string line = input.substr(pos, newline - pos);
    pos = newline + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (const kv::Time wait = wait_of(line); wait >= 0) {
      const kv::Time allowed = std::min(wait, kMaxWaited - waited);  // repeated waits stay cheap
      waited += allowed;
      now = pass_time(*node, now, allowed);
      continue;
    }
    now += kLineGap;
    out.clear();
    kv::Decoded d = kv::decode(line);
    if (d.message) node->handle(*d.message, now, out);
    else if (d.reply) out.push_back(*d.reply);
    check_sent(out);
    out.clear();
    node->tick(now, out);
    check_sent(out);
  }
  pass_time(*node, now, kSettle);
}

void run(const std::string& input) {
  for (const std::string& protocol : kv::protocol_names()) {
    try {
      run_protocol(protocol, input);
    } catch (const std::exception& e) {
      fuzz::fail(protocol + " node threw: " + e.what());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dictionary = fuzz::maelstrom_dictionary();
  dictionary.push_back("\n#wait 300\n");
  const fuzz::Target target{"kvnode", run, dictionary};
  return fuzz::run_driver(target, argc, argv);
}
