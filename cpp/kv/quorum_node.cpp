#include "quorum_node.h"

#include <algorithm>

namespace kv {

void QuorumNode::on_init(Time, std::vector<Message>&) {
  ring_ = HashRing(node_ids(), std::max(1, config_.virtual_nodes));
}

void QuorumNode::on_restart(Time) {
  ops_.clear();
  op_of_msg_.clear();
}

void QuorumNode::on_client_request(const Message& request, Time now, std::vector<Message>& out) {
  now_ = now;
  const std::int64_t op = next_op_++;
  Coordination& c = ops_[op];
  c.request = request;
  c.replicas = ring_.preference_list(request.body.key, std::max(1, config_.replicas));
  c.deadline = now + config_.request_timeout;
  if (request.body.type == MsgType::write) {
    start_write(op, request.body.value.value_or(0), out);
  } else {
    start_read(op, out);
  }
}

void QuorumNode::send_to_replica(std::int64_t op, int replica, Message m, std::vector<Message>& out) {
  (void)replica;
  op_of_msg_[*m.body.msg_id] = op;
  out.push_back(std::move(m));
}

void QuorumNode::start_read(std::int64_t op, std::vector<Message>& out) {
  Coordination& c = ops_[op];
  c.phase = Coordination::Phase::reading;
  c.replies = 0;
  bool self_replica = false;
  for (int r : c.replicas) {
    if (r == self_index()) {
      self_replica = true;
      continue;
    }
    Message m = make_message(node_ids()[r], MsgType::replica_read);
    m.body.key = c.request.body.key;
    send_to_replica(op, r, std::move(m), out);
  }
  // Our own copy answers at once (after the others are asked).
  if (self_replica) on_read_reply(op, self_index(), data_[c.request.body.key], out);
}

void QuorumNode::start_write(std::int64_t op, std::int64_t value, std::vector<Message>& out) {
  Coordination& c = ops_[op];
  // Last writer wins by timestamp, as in Dynamo's descendants: the current
  // time (here the host's clock, shared by all nodes in the simulator), kept
  // above every version this node has seen so a later write from here wins.
  clock_ = std::max({clock_ + 1, c.newest.version + 1, now_});
  c.written = Versioned{true, value, clock_, self_index()};
  c.phase = Coordination::Phase::writing;
  c.replies = 0;
  bool self_replica = false;
  for (int r : c.replicas) {
    if (r == self_index()) {
      self_replica = true;
      continue;
    }
    Message m = make_message(node_ids()[r], MsgType::replica_write);
    m.body.key = c.request.body.key;
    m.body.value = value;
    m.body.version = c.written.version;
    m.body.writer = c.written.writer;
    send_to_replica(op, r, std::move(m), out);
  }
  if (self_replica) {
    store_if_newer(c.request.body.key, c.written);
    on_write_ack(op, out);
  }
}

bool QuorumNode::store_if_newer(const std::string& key, const Versioned& v) {
  clock_ = std::max(clock_, v.version);
  Versioned& have = data_[key];
  if (!v.newer_than(have)) return false;
  have = v;
  return true;
}

void QuorumNode::on_read_reply(std::int64_t op, int replica, const Versioned& v, std::vector<Message>& out) {
  auto it = ops_.find(op);
  if (it == ops_.end()) return;
  Coordination& c = it->second;
  for (const auto& s : c.seen) {
    if (s.first == replica) return;  // a duplicated reply counts once
  }
  c.seen.emplace_back(replica, v);
  if (v.newer_than(c.newest)) c.newest = v;
  if (c.phase == Coordination::Phase::reading) {
    const int needed = std::clamp(config_.read_quorum, 1, static_cast<int>(c.replicas.size()));
    if (++c.replies >= needed) finish_read_phase(c, out);
  } else {
    repair(c, out);  // a late reply: bring that replica up to date
  }
}

void QuorumNode::finish_read_phase(Coordination& c, std::vector<Message>& out) {
  const Body& req = c.request.body;
  if (req.type == MsgType::read) {
    if (c.newest.found) {
      Message r = reply_to(c.request, MsgType::read_ok);
      r.body.value = c.newest.value;
      out.push_back(std::move(r));
    } else {
      out.push_back(error_reply(c.request, code::key_does_not_exist, "key does not exist"));
    }
    c.phase = Coordination::Phase::done;
    repair(c, out);
    return;
  }
  // cas: compare what the quorum says, then write.
  if (!c.newest.found) {
    out.push_back(error_reply(c.request, code::key_does_not_exist, "key does not exist"));
    c.phase = Coordination::Phase::done;
  } else if (c.newest.value != req.from) {
    out.push_back(error_reply(c.request, code::precondition_failed, "current value differs from 'from'"));
    c.phase = Coordination::Phase::done;
  } else {
    for (auto& [op, coordination] : ops_) {
      if (&coordination == &c) {
        start_write(op, req.to, out);
        return;
      }
    }
  }
}

void QuorumNode::repair(Coordination& c, std::vector<Message>& out) {
  if (!c.newest.found) return;
  for (auto& [replica, v] : c.seen) {
    if (!c.newest.newer_than(v)) continue;
    v = c.newest;  // repair each replica once
    if (replica == self_index()) {
      store_if_newer(c.request.body.key, c.newest);
      continue;
    }
    Message m = make_message(node_ids()[replica], MsgType::replica_write);
    m.body.key = c.request.body.key;
    m.body.value = c.newest.value;
    m.body.version = c.newest.version;
    m.body.writer = c.newest.writer;
    out.push_back(std::move(m));
  }
}

void QuorumNode::on_write_ack(std::int64_t op, std::vector<Message>& out) {
  auto it = ops_.find(op);
  if (it == ops_.end()) return;
  Coordination& c = it->second;
  if (c.phase != Coordination::Phase::writing) return;
  const int needed = std::clamp(config_.write_quorum, 1, static_cast<int>(c.replicas.size()));
  if (++c.replies >= needed) {
    out.push_back(reply_to(c.request, c.request.body.type == MsgType::write ? MsgType::write_ok : MsgType::cas_ok));
    c.phase = Coordination::Phase::done;
  }
}

bool QuorumNode::on_peer_message(const Message& m, Time now, std::vector<Message>& out) {
  now_ = now;
  const Body& b = m.body;
  // Versions are clock readings in nanoseconds (2^62 ns is 146 years); the
  // clock counts on from the newest seen, so a larger one would overflow it.
  if (!plausible(b.version, std::int64_t{1} << 62)) return true;  // from a broken peer: dropped
  switch (b.type) {
    case MsgType::replica_read: {
      const Versioned& v = data_[b.key];
      Message r = reply_to(m, MsgType::replica_read_ok);
      r.body.key = b.key;
      r.body.found = v.found;
      r.body.value = v.value;
      r.body.version = v.version;
      r.body.writer = v.writer;
      out.push_back(std::move(r));
      return true;
    }
    case MsgType::replica_write: {
      store_if_newer(b.key, Versioned{true, b.value.value_or(0), b.version, b.writer});
      out.push_back(reply_to(m, MsgType::replica_write_ok));
      return true;
    }
    case MsgType::replica_read_ok: {
      auto it = op_of_msg_.find(*b.in_reply_to);
      if (it == op_of_msg_.end()) return true;
      const std::int64_t op = it->second;
      const int replica = index_of(m.src);
      if (replica < 0) return true;  // not from a cluster member: ignore
      on_read_reply(op, replica, Versioned{b.found, b.value.value_or(0), b.version, b.writer}, out);
      return true;
    }
    case MsgType::replica_write_ok: {
      auto it = op_of_msg_.find(*b.in_reply_to);
      if (it == op_of_msg_.end()) return true;
      const std::int64_t op = it->second;
      // Acks are per message: a duplicated ack must not count twice.
      op_of_msg_.erase(it);
      on_write_ack(op, out);
      return true;
    }
    default:
      return false;
  }
}

void QuorumNode::on_tick(Time now, std::vector<Message>& out) {
  bool erased = false;
  for (auto it = ops_.begin(); it != ops_.end();) {
    Coordination& c = it->second;
    if (c.deadline > now) {
      ++it;
      continue;
    }
    // Out of time. Nothing was written yet in the read phase, so saying "unavailable"
    // is honest; a write may have reached some replicas, so the client must time out.
    if (c.phase == Coordination::Phase::reading) {
      out.push_back(error_reply(c.request, code::temporarily_unavailable, "not enough replicas answered"));
    }
    it = ops_.erase(it);
    erased = true;
  }
  if (erased) {
    for (auto it = op_of_msg_.begin(); it != op_of_msg_.end();) {
      it = ops_.count(it->second) ? std::next(it) : op_of_msg_.erase(it);
    }
  }
}

NodeSummary QuorumNode::summary() const {
  NodeSummary s;
  s.role = "coordinator";
  // A replica read of a key never written leaves a not-found slot behind: not a value.
  for (const auto& [key, v] : data_) {
    if (v.found) s.keys[key] = v.value;
  }
  return s;
}

}  // namespace kv
