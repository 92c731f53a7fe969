// The baseline: one node holding all the data, answering every request itself.
// Linearizable trivially (one copy, one thread of control); unavailable when down.
#pragma once

#include "kv_store.h"
#include "node.h"

namespace kv {

class SingleNode final : public Node {
 public:
  using Node::Node;
  const char* protocol() const override { return "single"; }
  NodeSummary summary() const override {
    NodeSummary s;
    s.role = "single";
    for (const auto& [key, value] : store_.contents()) s.keys[key] = value;
    return s;
  }

 protected:
  void on_init(Time, std::vector<Message>&) override {}
  void on_client_request(const Message& request, Time, std::vector<Message>& out) override {
    out.push_back(store_.apply(request.body).reply(request));
  }
  bool on_peer_message(const Message&, Time, std::vector<Message>&) override { return false; }
  void on_tick(Time, std::vector<Message>&) override {}
  // The store counts as on disk: a restart keeps it.
  void on_restart(Time) override {}

 private:
  Store store_;
};

}  // namespace kv
