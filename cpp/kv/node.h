// The shape every protocol shares: a deterministic state machine.
//
// A node has no clock, no thread and no I/O. The host (the simulator, kvnode,
// or a Web Worker) calls handle() with one message or tick() with the current
// time, and sends the messages the node appended to `out`. All randomness
// comes from the seeded Rng the node was built with, so the same inputs give
// the same outputs.
//
// This base class does what every protocol does the same way: the init
// handshake, errors for unknown requests, and forwarding a client's request to
// another node (the leader or primary) and relaying its answer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "message.h"
#include "random.h"

namespace kv {

struct NodeConfig {
  // quorum: replicas per key (N), read and write quorums (R, W), virtual nodes per node on the ring
  int replicas = 3;
  int read_quorum = 2;
  int write_quorum = 2;
  int virtual_nodes = 16;
  // primary-backup: acknowledge a write only after every backup has it
  bool synchronous = false;
  // timers (virtual or real time)
  Time heartbeat_interval = 50 * kMillisecond;
  Time election_timeout_min = 150 * kMillisecond;
  Time election_timeout_max = 300 * kMillisecond;
  Time failover_timeout = 300 * kMillisecond;  // primary-backup: primary presumed dead
  Time request_timeout = 1000 * kMillisecond;  // forwarded / coordinated requests give up
};

// |value| < bound. A peer's counter (term, log index, view, version) past a
// bound no correct node reaches cannot be trusted, and counting on from it
// would overflow; protocols drop messages that carry one.
inline bool plausible(std::int64_t value, std::int64_t bound) { return value > -bound && value < bound; }

// What a node shows of itself, for the page's cluster view and tests. Read
// only: taking a summary changes nothing.
struct NodeSummary {
  struct Entry {
    std::int64_t index = 0;
    std::int64_t term = 0;
    std::string text;  // "write k1 3", "cas k0 1 2", "read k2", "no-op"
  };
  std::string role;         // leader, follower, candidate, primary, backup, coordinator, single
  std::int64_t term = 0;    // Raft's term, primary-backup's view; 0 for the others
  std::int64_t commit = 0;  // Raft's commit index; 0 for the others
  std::int64_t log = 0;     // Raft's log length; 0 for the others
  std::string leader;       // the node it believes leads (Raft) or is primary; "" if none
  std::map<std::string, std::int64_t> keys;  // the store as this node has it
  std::vector<Entry> entries;                // the last log entries (at most kSummaryEntries)
};
constexpr int kSummaryEntries = 20;

class Node {
 public:
  Node(NodeConfig config, std::uint64_t seed) : config_(config), rng_(seed) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  void handle(const Message& message, Time now, std::vector<Message>& out);
  void tick(Time now, std::vector<Message>& out);

  // A crash-restart: everything the protocol does not keep on disk is lost.
  // The node keeps its identity (the host re-creates the process with the same id).
  void crash_and_restart(Time now);

  virtual const char* protocol() const = 0;
  // Role, term, store and log as the view shows them (each protocol fills in its own).
  virtual NodeSummary summary() const { return NodeSummary{protocol(), 0, 0, 0, "", {}, {}}; }
  const std::string& id() const { return id_; }
  const std::vector<std::string>& node_ids() const { return node_ids_; }
  bool initialized() const { return !id_.empty(); }

 protected:
  // Called once the node knows its id and peers.
  virtual void on_init(Time now, std::vector<Message>& out) = 0;
  virtual void on_client_request(const Message& request, Time now, std::vector<Message>& out) = 0;
  // The protocol's own traffic; return false for a type it does not speak.
  virtual bool on_peer_message(const Message& message, Time now, std::vector<Message>& out) = 0;
  virtual void on_tick(Time now, std::vector<Message>& out) = 0;
  // Reset the volatile state (durable state stays).
  virtual void on_restart(Time now) = 0;

  // A new message from this node with a fresh msg_id.
  Message make_message(const std::string& dest, MsgType type);
  // Sends `request` to `target` on its client's behalf; relays the answer when it comes.
  void forward(const Message& request, const std::string& target, Time now, std::vector<Message>& out);
  // The client a request acts for (itself, or the one named in a forwarded request).
  static std::string requester(const Message& request);
  static std::int64_t requester_msg_id(const Message& request);

  int index_of(const std::string& node) const;  // -1 if unknown
  int self_index() const { return self_index_; }
  int cluster_size() const { return static_cast<int>(node_ids_.size()); }

  NodeConfig config_;
  Rng rng_;

 private:
  // Why an init cannot be accepted ("" when it can).
  static std::string init_problem(const Body& init);
  bool relay_forwarded_reply(const Message& reply, std::vector<Message>& out);

  struct Forwarded {
    std::string client;
    std::int64_t client_msg_id;
    Time deadline;
  };
  std::string id_;
  std::vector<std::string> node_ids_;
  int self_index_ = -1;
  std::int64_t next_msg_id_ = 1;
  std::map<std::int64_t, Forwarded> forwarded_;  // by the msg_id we sent
};

}  // namespace kv
