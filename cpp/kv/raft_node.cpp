#include "raft_node.h"

#include <algorithm>

namespace kv {

namespace {
constexpr std::int64_t kMaxEntriesPerAppend = 64;
// One election per 150 ms would take 10^10 years to reach this term.
constexpr std::int64_t kMaxTerm = std::int64_t{1} << 62;

bool plausible_raft_numbers(const Body& b) {
  for (std::int64_t v : {b.term, b.last_log_index, b.last_log_term, b.prev_log_index, b.prev_log_term,
                         b.leader_commit, b.match_index}) {
    if (!plausible(v, kMaxTerm)) return false;
  }
  for (const LogEntry& e : b.entries) {
    if (!plausible(e.term, kMaxTerm)) return false;
  }
  return true;
}
}  // namespace

void RaftNode::on_init(Time now, std::vector<Message>&) {
  votes_.assign(cluster_size(), false);
  next_index_.assign(cluster_size(), 1);
  match_index_.assign(cluster_size(), 0);
  reset_election_timer(now);
}

void RaftNode::on_restart(Time now) {
  role_ = Role::follower;
  leader_.clear();
  commit_index_ = 0;
  last_applied_ = 0;
  store_.clear();
  sessions_.clear();
  waiting_.clear();
  votes_.assign(cluster_size(), false);
  next_index_.assign(cluster_size(), 1);
  match_index_.assign(cluster_size(), 0);
  reset_election_timer(now);
}

void RaftNode::reset_election_timer(Time now) {
  election_deadline_ = now + rng_.uniform(config_.election_timeout_min, config_.election_timeout_max);
}

void RaftNode::on_tick(Time now, std::vector<Message>& out) {
  if (role_ == Role::leader) {
    if (now >= next_heartbeat_) {
      broadcast_append(out);
      next_heartbeat_ = now + config_.heartbeat_interval;
    }
  } else if (now >= election_deadline_) {
    start_election(now, out);
  }
}

void RaftNode::start_election(Time now, std::vector<Message>& out) {
  ++current_term_;
  role_ = Role::candidate;
  leader_.clear();
  voted_for_ = id();
  votes_.assign(cluster_size(), false);
  votes_[self_index()] = true;
  reset_election_timer(now);
  if (majority() == 1) {
    become_leader(now, out);
    return;
  }
  for (int peer = 0; peer < cluster_size(); ++peer) {
    if (peer == self_index()) continue;
    Message m = make_message(node_ids()[peer], MsgType::request_vote);
    m.body.term = current_term_;
    m.body.last_log_index = last_index();
    m.body.last_log_term = term_at(last_index());
    out.push_back(std::move(m));
  }
}

void RaftNode::become_leader(Time now, std::vector<Message>& out) {
  role_ = Role::leader;
  leader_ = id();
  next_index_.assign(cluster_size(), last_index() + 1);
  match_index_.assign(cluster_size(), 0);
  // A no-op of the new term: committing it commits every earlier entry too,
  // since a leader may only count replicas for entries of its own term.
  LogEntry noop;
  noop.term = current_term_;
  log_.push_back(noop);
  match_index_[self_index()] = last_index();
  broadcast_append(out);
  next_heartbeat_ = now + config_.heartbeat_interval;
  advance_commit(out);
}

// Seeing a higher term: whatever we were, we are now a follower of that term.
void RaftNode::step_down(std::int64_t term) {
  if (term > current_term_) {
    current_term_ = term;
    voted_for_.clear();
  }
  if (role_ == Role::leader) {
    // Requests still in flight may or may not commit under the next leader;
    // we cannot tell the clients either way, so they time out (indefinite).
    waiting_.clear();
  }
  role_ = Role::follower;
}

void RaftNode::on_client_request(const Message& request, Time now, std::vector<Message>& out) {
  if (role_ != Role::leader) {
    if (!request.body.client.empty()) {
      // A forwarded request that reached a non-leader. The network may hold a
      // duplicate of it that reaches us once we do lead, and then it would be
      // applied: "not done" (11) could turn out false. So the answer is
      // indefinite (0), and the client records the operation as info.
      out.push_back(error_reply(request, code::timeout, "not the leader (a copy of the request may still apply)"));
    } else if (!leader_.empty() && leader_ != id()) {
      forward(request, leader_, now, out);
    } else {
      // Straight from the client and never forwarded: certainly not applied.
      out.push_back(error_reply(request, code::temporarily_unavailable, "not the leader"));
    }
    return;
  }
  LogEntry e;
  e.term = current_term_;
  const Body& b = request.body;
  e.op = b.type == MsgType::read ? OpKind::read : b.type == MsgType::write ? OpKind::write : OpKind::cas;
  e.key = b.key;
  e.value = b.type == MsgType::cas ? b.to : b.value.value_or(0);
  e.from = b.from;
  e.client = requester(request);
  e.client_msg_id = requester_msg_id(request);
  waiting_[last_index() + 1] = Waiting{request.src, b.msg_id.value_or(0), e.client, e.client_msg_id};
  log_.push_back(std::move(e));
  match_index_[self_index()] = last_index();
  broadcast_append(out);
  advance_commit(out);  // a one-node cluster commits at once
}

void RaftNode::send_append(int peer, std::vector<Message>& out) {
  Message m = make_message(node_ids()[peer], MsgType::append_entries);
  Body& b = m.body;
  const std::int64_t next = std::min(next_index_[peer], last_index() + 1);
  b.term = current_term_;
  b.prev_log_index = next - 1;
  b.prev_log_term = term_at(next - 1);
  b.leader_commit = commit_index_;
  const std::int64_t end = std::min(last_index(), next - 1 + kMaxEntriesPerAppend);
  b.entries.assign(log_.begin() + (next - 1), log_.begin() + end);
  out.push_back(std::move(m));
}

void RaftNode::broadcast_append(std::vector<Message>& out) {
  for (int peer = 0; peer < cluster_size(); ++peer) {
    if (peer != self_index()) send_append(peer, out);
  }
}

bool RaftNode::on_peer_message(const Message& m, Time now, std::vector<Message>& out) {
  if (!plausible_raft_numbers(m.body)) return true;  // from a broken peer: dropped
  switch (m.body.type) {
    case MsgType::request_vote: on_request_vote(m, now, out); return true;
    case MsgType::request_vote_res: on_request_vote_res(m, now, out); return true;
    case MsgType::append_entries: on_append_entries(m, now, out); return true;
    case MsgType::append_entries_res: on_append_entries_res(m, out); return true;
    default: return false;
  }
}

void RaftNode::on_request_vote(const Message& m, Time now, std::vector<Message>& out) {
  const Body& b = m.body;
  if (b.term > current_term_) step_down(b.term);
  const bool log_ok = b.last_log_term > term_at(last_index()) ||
                      (b.last_log_term == term_at(last_index()) && b.last_log_index >= last_index());
  const bool grant = b.term == current_term_ && log_ok && (voted_for_.empty() || voted_for_ == m.src);
  if (grant) {
    voted_for_ = m.src;
    reset_election_timer(now);
  }
  Message r = reply_to(m, MsgType::request_vote_res);
  r.body.term = current_term_;
  r.body.success = grant;
  out.push_back(std::move(r));
}

void RaftNode::on_request_vote_res(const Message& m, Time now, std::vector<Message>& out) {
  const Body& b = m.body;
  if (b.term > current_term_) {
    step_down(b.term);
    return;
  }
  if (role_ != Role::candidate || b.term != current_term_ || !b.success) return;
  const int voter = index_of(m.src);
  if (voter < 0) return;
  votes_[voter] = true;
  if (std::count(votes_.begin(), votes_.end(), true) >= majority()) become_leader(now, out);
}

void RaftNode::on_append_entries(const Message& m, Time now, std::vector<Message>& out) {
  const Body& b = m.body;
  if (b.prev_log_index < 0) return;  // nonsense from a broken peer; never index with it
  Message r = reply_to(m, MsgType::append_entries_res);
  if (b.term < current_term_) {
    r.body.term = current_term_;
    r.body.success = false;
    r.body.match_index = 0;
    out.push_back(std::move(r));
    return;
  }
  step_down(b.term);  // same term: a candidate yields to the elected leader
  leader_ = m.src;
  reset_election_timer(now);
  r.body.term = current_term_;

  if (b.prev_log_index > last_index() || term_at(b.prev_log_index) != b.prev_log_term) {
    // Tell the leader how far back to go: our log's end, or before the conflict.
    r.body.success = false;
    r.body.match_index = std::min(last_index(), b.prev_log_index - 1);
    out.push_back(std::move(r));
    return;
  }
  std::int64_t index = b.prev_log_index;
  for (const LogEntry& e : b.entries) {
    ++index;
    if (index <= last_index()) {
      if (term_at(index) == e.term) continue;  // already have it (a duplicate or reordered append)
      log_.resize(index - 1);                  // a conflicting suffix from a deposed leader
    }
    log_.push_back(e);
  }
  if (b.leader_commit > commit_index_) {
    commit_index_ = std::min(b.leader_commit, index);
    apply_committed(out);
  }
  r.body.success = true;
  r.body.match_index = index;
  out.push_back(std::move(r));
}

void RaftNode::on_append_entries_res(const Message& m, std::vector<Message>& out) {
  const Body& b = m.body;
  if (b.term > current_term_) {
    step_down(b.term);
    return;
  }
  if (role_ != Role::leader || b.term != current_term_) return;
  const int peer = index_of(m.src);
  if (peer < 0 || peer == self_index()) return;
  if (b.success) {
    match_index_[peer] = std::max(match_index_[peer], std::min(b.match_index, last_index()));
    next_index_[peer] = std::max(next_index_[peer], match_index_[peer] + 1);
    advance_commit(out);
    if (next_index_[peer] <= last_index()) send_append(peer, out);  // more to send
  } else {
    // Back up (never below what the follower is known to hold), and retry.
    const std::int64_t hint = std::min(next_index_[peer] - 1, b.match_index + 1);
    next_index_[peer] = std::max(match_index_[peer] + 1, std::max<std::int64_t>(1, hint));
    send_append(peer, out);
  }
}

void RaftNode::advance_commit(std::vector<Message>& out) {
  for (std::int64_t n = last_index(); n > commit_index_; --n) {
    if (term_at(n) != current_term_) break;  // only entries of our term count by replicas
    int replicas = 0;
    for (std::int64_t match : match_index_) replicas += match >= n ? 1 : 0;
    if (replicas >= majority()) {
      commit_index_ = n;
      apply_committed(out);
      return;
    }
  }
}

void RaftNode::apply_committed(std::vector<Message>& out) {
  while (last_applied_ < commit_index_) {
    ++last_applied_;
    const LogEntry& e = log_[last_applied_ - 1];
    OpResult result = apply_entry(e);
    auto w = waiting_.find(last_applied_);
    if (w == waiting_.end()) continue;
    if (w->second.client == e.client && w->second.client_msg_id == e.client_msg_id) {
      out.push_back(result.reply(id(), w->second.reply_to, w->second.in_reply_to));
    }
    waiting_.erase(w);
  }
}

OpResult RaftNode::apply_entry(const LogEntry& e) {
  if (e.op == OpKind::noop) return ok(MsgType::write_ok);
  Session& s = sessions_[e.client];
  if (e.client_msg_id <= s.msg_id) {
    // Applied before: answer as the first time, change nothing.
    return e.client_msg_id == s.msg_id ? s.result : failure(code::abort, "duplicate of an older request");
  }
  OpResult r;
  switch (e.op) {
    case OpKind::read: r = store_.read(e.key); break;
    case OpKind::write: r = store_.write(e.key, e.value); break;
    case OpKind::cas: r = store_.cas(e.key, e.from, e.value); break;
    case OpKind::noop: break;
  }
  s.msg_id = e.client_msg_id;
  s.result = r;
  return r;
}

}  // namespace kv

namespace kv {

namespace {
const char* role_name(RaftNode::Role role) {
  switch (role) {
    case RaftNode::Role::leader: return "leader";
    case RaftNode::Role::candidate: return "candidate";
    case RaftNode::Role::follower: break;
  }
  return "follower";
}

// "write k1 3", "cas k0 1 2", "read k2", "no-op": what the view lists.
std::string entry_text(const LogEntry& e) {
  switch (e.op) {
    case OpKind::read: return "read " + e.key;
    case OpKind::write: return "write " + e.key + " " + std::to_string(e.value);
    case OpKind::cas: return "cas " + e.key + " " + std::to_string(e.from) + " " + std::to_string(e.value);
    case OpKind::noop: break;
  }
  return "no-op";
}
}  // namespace

NodeSummary RaftNode::summary() const {
  NodeSummary s;
  s.role = role_name(role_);
  s.term = current_term_;
  s.commit = commit_index_;
  s.log = last_index();
  s.leader = leader_;
  for (const auto& [key, value] : store_.contents()) s.keys[key] = value;
  const std::int64_t first = std::max<std::int64_t>(1, last_index() - kSummaryEntries + 1);
  for (std::int64_t i = first; i <= last_index(); ++i) {
    s.entries.push_back(NodeSummary::Entry{i, term_at(i), entry_text(log_[i - 1])});
  }
  return s;
}

}  // namespace kv
