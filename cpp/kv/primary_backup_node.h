// Primary-backup replication, deliberately naive.
//
// View v's primary is node_ids[v % n]. The primary answers every request from
// its own copy and sends each change to the backups: asynchronously (answer
// first, replicate after) or, with NodeConfig::synchronous, answering a write
// only once every backup acknowledged it. A backup that hears nothing from the
// primary for failover_timeout moves to the next view, whose primary takes over.
//
// Nothing stops two nodes from both believing they are primary, and an
// asynchronous primary acknowledges writes the backups may never see. Under
// partitions and crashes this serves stale reads and loses acknowledged
// writes: the point of the lesson, caught by the linearizability checker.
#pragma once

#include <map>
#include <string>
#include <unordered_map>

#include "kv_store.h"
#include "node.h"

namespace kv {

class PrimaryBackupNode final : public Node {
 public:
  using Node::Node;
  const char* protocol() const override {
    return config_.synchronous ? "primary-backup-sync" : "primary-backup";
  }
  bool is_primary() const { return initialized() && primary_index() == self_index(); }
  std::int64_t view() const { return view_; }
  // Role (primary or backup), term = view, leader = the primary of that view, keys = its copy.
  NodeSummary summary() const override;

 protected:
  void on_init(Time now, std::vector<Message>& out) override;
  void on_client_request(const Message& request, Time now, std::vector<Message>& out) override;
  bool on_peer_message(const Message& message, Time now, std::vector<Message>& out) override;
  void on_tick(Time now, std::vector<Message>& out) override;
  void on_restart(Time now) override;

 private:
  int primary_index() const { return static_cast<int>(view_ % cluster_size()); }
  void adopt_view(std::int64_t view, Time now);
  void replicate(const std::string& key, std::int64_t version, std::vector<Message>& out);

  // Durable (the store is "on disk").
  Store store_;
  std::unordered_map<std::string, std::int64_t> versions_;  // key -> version of its value
  // Volatile.
  std::int64_t view_ = 0;
  std::int64_t next_seq_ = 0;
  Time last_heard_ = 0;   // from the primary (backups)
  Time next_heartbeat_ = 0;
  struct Unacked {
    Message reply;
    int acks_needed;
    Time deadline;
  };
  std::map<std::int64_t, Unacked> unacked_;  // synchronous mode: version -> reply held back
};

}  // namespace kv
