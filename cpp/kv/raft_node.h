// Raft (Ongaro & Ousterhout): leader election with randomized timeouts, log
// replication, commitment of current-term entries by majority, and a state
// machine that applies the committed log.
//
// Durable state (survives crash_and_restart): current term, vote, log.
// Volatile state (lost): role, leader, commit index, the applied store and
// client sessions (rebuilt by re-applying the log), replication progress.
//
// Reads go through the log like writes: a read is answered when its entry is
// applied, so it sees every write committed before it. That costs a log entry
// per read, but it needs no extra mechanism to be correct (see README.md).
//
// Clients may talk to any node: a follower that knows the leader forwards the
// request there and relays the answer; otherwise it answers error 11. A
// forwarded request that reaches a node which is no longer leader gets error 0
// (indefinite), since a duplicate of it may still be applied later.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kv_store.h"
#include "node.h"

namespace kv {

class RaftNode final : public Node {
 public:
  enum class Role { follower, candidate, leader };

  using Node::Node;
  const char* protocol() const override { return "raft"; }

  // For tests and the cluster view.
  Role role() const { return role_; }
  std::int64_t term() const { return current_term_; }
  std::int64_t commit_index() const { return commit_index_; }
  const std::vector<LogEntry>& log() const { return log_; }  // entry i (1-based) is log()[i - 1]
  const std::string& leader() const { return leader_; }
  // Role, term, commit index, log length, known leader, the applied store and
  // the last log entries. Read only.
  NodeSummary summary() const override;

 protected:
  void on_init(Time now, std::vector<Message>& out) override;
  void on_client_request(const Message& request, Time now, std::vector<Message>& out) override;
  bool on_peer_message(const Message& message, Time now, std::vector<Message>& out) override;
  void on_tick(Time now, std::vector<Message>& out) override;
  void on_restart(Time now) override;

 private:
  std::int64_t last_index() const { return static_cast<std::int64_t>(log_.size()); }
  std::int64_t term_at(std::int64_t index) const { return index == 0 ? 0 : log_[index - 1].term; }
  int majority() const { return cluster_size() / 2 + 1; }

  void reset_election_timer(Time now);
  void start_election(Time now, std::vector<Message>& out);
  void become_leader(Time now, std::vector<Message>& out);
  void step_down(std::int64_t term);
  void send_append(int peer, std::vector<Message>& out);
  void broadcast_append(std::vector<Message>& out);
  void advance_commit(std::vector<Message>& out);
  void apply_committed(std::vector<Message>& out);
  OpResult apply_entry(const LogEntry& entry);

  void on_request_vote(const Message& m, Time now, std::vector<Message>& out);
  void on_request_vote_res(const Message& m, Time now, std::vector<Message>& out);
  void on_append_entries(const Message& m, Time now, std::vector<Message>& out);
  void on_append_entries_res(const Message& m, std::vector<Message>& out);

  // Durable.
  std::int64_t current_term_ = 0;
  std::string voted_for_;
  std::vector<LogEntry> log_;

  // Volatile.
  Role role_ = Role::follower;
  std::string leader_;
  std::int64_t commit_index_ = 0;
  std::int64_t last_applied_ = 0;
  Time election_deadline_ = 0;
  Time next_heartbeat_ = 0;
  std::vector<bool> votes_;                 // by node index
  std::vector<std::int64_t> next_index_;    // by node index (leader only)
  std::vector<std::int64_t> match_index_;   // by node index (leader only)
  Store store_;
  // The last request applied per client and its result, so a duplicate
  // (a forwarded request delivered twice) is applied once.
  struct Session {
    std::int64_t msg_id = -1;
    OpResult result;
  };
  std::unordered_map<std::string, Session> sessions_;
  // Log index -> who to answer when it is applied (leader only).
  struct Waiting {
    std::string reply_to;
    std::int64_t in_reply_to;
    std::string client;
    std::int64_t client_msg_id;
  };
  std::map<std::int64_t, Waiting> waiting_;
};

}  // namespace kv
