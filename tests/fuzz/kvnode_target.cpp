// Fuzz target: what kvnode reads on stdin, through the same steps as
// cpp/kv/kvnode_main.cpp: split at newlines, skip blank lines, decode, hand
// the message to the node (or send the decoder's error reply), tick the node.
// The shell's poll/read loop is left out; time is virtual (each line 3 ms
// later than the one before, a tick after every line, then two seconds of
// ticks so elections, failovers and timeouts fire), so a run is repeatable.
// Every protocol reads the same input.
//
// Properties beyond "no sanitizer finding": handling never throws, and every
// message a node sends encodes to a line that decodes again (a peer or
// client can always read what a node writes).
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

void check_sent(const std::vector<kv::Message>& out) {
  for (const kv::Message& m : out) {
    const std::string line = kv::encode(m);
    if (!kv::decode(line).message) fuzz::fail("a node sent a line that does not decode: " + line);
  }
}

void run_protocol(const std::string& protocol, const std::string& input) {
  kv::NodeConfig config;
  auto node = kv::make_node(protocol, config, 7);
  std::vector<kv::Message> out;
  kv::Time now = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const std::size_t newline = input.find('\n', pos);
    if (newline == std::string::npos) break;  // kvnode, too, waits for a line's end
    const std::string line = input.substr(pos, newline - pos);
    pos = newline + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
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
  for (const kv::Time end = now + kSettle; now < end; now += kTick) {
    out.clear();
    node->tick(now, out);
    check_sent(out);
  }
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
  const fuzz::Target target{"kvnode", run, fuzz::maelstrom_dictionary()};
  return fuzz::run_driver(target, argc, argv);
}
