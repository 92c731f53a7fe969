// Driving one node by hand in the kv tests: its init message, then client
// requests (from c1) and ticks, with what the node sent back.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "message.h"
#include "node_factory.h"

namespace kv {

inline Message init_message(const std::string& node_id, const std::vector<std::string>& node_ids,
                            std::int64_t msg_id = 7) {
  Message m;
  m.src = "c0";
  m.dest = node_id.empty() ? "n1" : node_id;
  m.body.type = MsgType::init;
  m.body.msg_id = msg_id;
  m.body.node_id = node_id;
  m.body.node_ids = node_ids;
  return m;
}

// n1 of a cluster n1..n`cluster`, driven by hand.
struct Harness {
  std::unique_ptr<Node> node;
  std::vector<Message> out;
  std::int64_t next_id = 1;

  explicit Harness(const std::string& protocol, int cluster = 1, std::uint64_t seed = 42)
      : node(make_node(protocol, NodeConfig{}, seed)) {
    std::vector<std::string> ids;
    for (int i = 1; i <= cluster; ++i) ids.push_back("n" + std::to_string(i));
    node->handle(init_message("n1", ids, 0), 0, out);
  }
  // A client request from c1 (its msg_id filled in); what the node answered.
  std::vector<Message> send(Body body, Time now = 0) {
    Message m;
    m.src = "c1";
    m.dest = "n1";
    m.body = std::move(body);
    m.body.msg_id = next_id++;
    out.clear();
    node->handle(m, now, out);
    return out;
  }
  std::vector<Message> tick(Time now) {
    out.clear();
    node->tick(now, out);
    return out;
  }
};

}  // namespace kv
