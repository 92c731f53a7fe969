// kvnode: one key-value node speaking Maelstrom's protocol on stdin/stdout.
//
//   kvnode --protocol raft [--seed S] [--replicas N --r R --w W]
//   maelstrom test -w lin-kv --bin ./kvnode --protocol raft ...   (works the same)
//
// The thin shell around a Node: it reads one JSON message per line, feeds it
// to the node with the real clock's time, ticks the node every 10 ms, and
// writes the node's messages, one per line. Logs go to stderr.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "codec.h"
#include "node_factory.h"

namespace {

kv::Time now_ns() {
  static const auto start = std::chrono::steady_clock::now();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
}

void send(const std::vector<kv::Message>& out) {
  for (const kv::Message& m : out) {
    const std::string line = kv::encode(m) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  std::fflush(stdout);
}

int usage(const std::string& problem) {
  std::cerr << "kvnode: " << problem
            << "\nusage: kvnode --protocol single|primary-backup|primary-backup-sync|quorum|raft [--seed S]"
               " [--replicas N --r R --w W]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string protocol;
  std::uint64_t seed = 1;
  kv::NodeConfig config;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage("option " + arg + " needs a value");
    const std::string value = argv[++i];
    char* end = nullptr;
    const long long n = std::strtoll(value.c_str(), &end, 10);
    const bool numeric = end && *end == '\0' && !value.empty();
    if (arg == "--protocol") protocol = value;
    else if (arg == "--seed" && numeric && n >= 0) seed = static_cast<std::uint64_t>(n);
    else if (arg == "--replicas" && numeric && n >= 1 && n <= 64) config.replicas = static_cast<int>(n);
    else if (arg == "--r" && numeric && n >= 1 && n <= 64) config.read_quorum = static_cast<int>(n);
    else if (arg == "--w" && numeric && n >= 1 && n <= 64) config.write_quorum = static_cast<int>(n);
    else return usage("bad option " + arg + " " + value);
  }
  if (protocol.empty()) return usage("--protocol is required");
  auto node = kv::make_node(protocol, config, seed);
  if (!node) return usage("unknown protocol '" + protocol + "'");
  std::cerr << "kvnode: protocol " << node->protocol() << ", waiting for init\n";

  const kv::Time tick = 10 * kv::kMillisecond;
  kv::Time next_tick = now_ns() + tick;
  std::string buffer;
  std::vector<kv::Message> out;
  char chunk[65536];
  bool open = true;
  while (open) {
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    const kv::Time wait = next_tick - now_ns();
    const int ready = poll(&fd, 1, wait > 0 ? static_cast<int>(wait / kv::kMillisecond) + 1 : 0);
    if (ready > 0) {
      const ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
      if (n <= 0) open = false;
      else buffer.append(chunk, static_cast<size_t>(n));
      size_t newline;
      while ((newline = buffer.find('\n')) != std::string::npos) {
        const std::string line = buffer.substr(0, newline);
        buffer.erase(0, newline + 1);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        kv::Decoded d = kv::decode(line);
        out.clear();
        if (d.message) {
          node->handle(*d.message, now_ns(), out);
          const bool refused_init = d.message->body.type == kv::MsgType::init && !out.empty() &&
                                    out.front().body.type == kv::MsgType::error;
          if (refused_init) std::cerr << "kvnode: init refused: " << out.front().body.text << "\n";
        } else {
          std::cerr << "kvnode: error " << d.error_code << ": " << d.error_text << ": " << line << "\n";
          if (d.reply) out.push_back(*d.reply);
        }
        send(out);
      }
    }
    if (now_ns() >= next_tick) {
      out.clear();
      node->tick(now_ns(), out);
      send(out);
      next_tick = now_ns() + tick;
    }
  }
  return 0;
}
