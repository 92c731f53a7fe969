// A Dynamo-style quorum store.
//
// Keys sit on a consistent-hash ring (hash_ring.h) with N replicas each. Any
// node coordinates a client's request: a read asks the N replicas and answers
// after R replies with the newest version (last writer wins: highest
// (version, writer)), then repairs replicas that returned older data; a write
// stamps a new version (a timestamp) and answers after W acknowledgements; a cas reads a
// quorum, compares, then writes a quorum (not atomic: two cas can both win).
//
// With R + W <= N a read quorum may miss the latest write entirely; even
// with R + W > N, sloppy timing and the read-then-write cas are not
// linearizable. The checker shows both.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "hash_ring.h"
#include "node.h"

namespace kv {

class QuorumNode final : public Node {
 public:
  using Node::Node;
  const char* protocol() const override { return "quorum"; }
  // Role "coordinator" (any node coordinates), keys = the replicas this node
  // stores, each with the newest value it has.
  NodeSummary summary() const override;

 protected:
  void on_init(Time now, std::vector<Message>& out) override;
  void on_client_request(const Message& request, Time now, std::vector<Message>& out) override;
  bool on_peer_message(const Message& message, Time now, std::vector<Message>& out) override;
  void on_tick(Time now, std::vector<Message>& out) override;
  void on_restart(Time now) override;

 private:
  struct Versioned {
    bool found = false;
    std::int64_t value = 0;
    std::int64_t version = 0;
    std::int64_t writer = 0;
    bool newer_than(const Versioned& o) const {
      if (found != o.found) return found;
      return version > o.version || (version == o.version && writer > o.writer);
    }
  };
  // One client request being coordinated.
  struct Coordination {
    Message request;
    std::vector<int> replicas;
    enum class Phase { reading, writing, done } phase = Phase::reading;
    int replies = 0;
    Versioned newest;
    std::vector<std::pair<int, Versioned>> seen;  // what each replica returned (for read repair)
    Versioned written;
    Time deadline = 0;
  };

  void start_read(std::int64_t op, std::vector<Message>& out);
  void start_write(std::int64_t op, std::int64_t value, std::vector<Message>& out);
  void on_read_reply(std::int64_t op, int replica, const Versioned& v, std::vector<Message>& out);
  void on_write_ack(std::int64_t op, std::vector<Message>& out);
  void finish_read_phase(Coordination& c, std::vector<Message>& out);
  void send_to_replica(std::int64_t op, int replica, Message m, std::vector<Message>& out);
  bool store_if_newer(const std::string& key, const Versioned& v);
  void repair(Coordination& c, std::vector<Message>& out);

  HashRing ring_;
  // Durable ("on disk").
  std::unordered_map<std::string, Versioned> data_;
  std::int64_t clock_ = 0;  // the highest version seen or made (versions are timestamps)
  Time now_ = 0;            // time of the message being handled
  // Volatile.
  std::int64_t next_op_ = 1;
  std::map<std::int64_t, Coordination> ops_;
  std::unordered_map<std::int64_t, std::int64_t> op_of_msg_;  // our replica request msg_id -> op
};

}  // namespace kv
