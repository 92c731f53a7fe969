#include "node.h"

#include <algorithm>

namespace kv {

void Node::handle(const Message& m, Time now, std::vector<Message>& out) {
  const MsgType type = m.body.type;
  if (type == MsgType::init) {
    // Refused as malformed-request (12), not crash (13): the error is definite,
    // the init changed nothing and never can succeed as sent. The node stays
    // as it was (uninitialized, or initialized by an earlier valid init).
    const std::string problem = init_problem(m.body);
    if (!problem.empty()) {
      out.push_back(error_reply(m, code::malformed_request, problem));
      return;
    }
    id_ = m.body.node_id;
    node_ids_ = m.body.node_ids;
    self_index_ = index_of(id_);
    out.push_back(reply_to(m, MsgType::init_ok));
    on_init(now, out);
    return;
  }
  if (!initialized()) {
    if (is_client_request(type)) out.push_back(error_reply(m, code::temporarily_unavailable, "node not initialized yet"));
    return;
  }
  if (is_client_request(type)) {
    on_client_request(m, now, out);
    return;
  }
  // Answers to requests we forwarded go back to the client that asked.
  if (m.body.in_reply_to && relay_forwarded_reply(m, out)) return;
  if (on_peer_message(m, now, out)) return;
  // A request we do not speak gets error 10; a stray reply is dropped.
  if (m.body.msg_id && !m.body.in_reply_to) {
    out.push_back(error_reply(m, code::not_supported, std::string("this node does not support '") +
                                                          type_name(type) + "' messages"));
  }
}

void Node::tick(Time now, std::vector<Message>& out) {
  if (!initialized()) return;
  // Forwarded requests whose answer never came: forget them (the client times out).
  for (auto it = forwarded_.begin(); it != forwarded_.end();) {
    it = it->second.deadline <= now ? forwarded_.erase(it) : std::next(it);
  }
  on_tick(now, out);
}

void Node::crash_and_restart(Time now) {
  forwarded_.clear();
  if (initialized()) on_restart(now);
}

Message Node::make_message(const std::string& dest, MsgType type) {
  Message m;
  m.src = id_;
  m.dest = dest;
  m.body.type = type;
  m.body.msg_id = next_msg_id_++;
  return m;
}

void Node::forward(const Message& request, const std::string& target, Time now, std::vector<Message>& out) {
  Message f = make_message(target, request.body.type);
  const std::int64_t id = *f.body.msg_id;
  f.body = request.body;
  f.body.msg_id = id;
  f.body.client = requester(request);
  f.body.client_msg_id = requester_msg_id(request);
  forwarded_[id] = Forwarded{request.src, request.body.msg_id.value_or(0), now + config_.request_timeout};
  out.push_back(std::move(f));
}

bool Node::relay_forwarded_reply(const Message& reply, std::vector<Message>& out) {
  const MsgType t = reply.body.type;
  if (t != MsgType::read_ok && t != MsgType::write_ok && t != MsgType::cas_ok && t != MsgType::error) return false;
  auto it = forwarded_.find(*reply.body.in_reply_to);
  if (it == forwarded_.end()) return t != MsgType::error;  // a late or duplicate answer: drop it
  Message relayed = reply;
  relayed.src = id_;
  relayed.dest = it->second.client;
  relayed.body.in_reply_to = it->second.client_msg_id;
  relayed.body.msg_id.reset();
  forwarded_.erase(it);
  out.push_back(std::move(relayed));
  return true;
}

// Every protocol keeps per-peer state by the node's index in node_ids (votes,
// replication progress, the primary, the ring), so a node must be listed there,
// exactly once, like every other node.
std::string Node::init_problem(const Body& init) {
  if (init.node_id.empty()) return "init: node_id is empty";
  const auto& ids = init.node_ids;
  if (std::find(ids.begin(), ids.end(), std::string()) != ids.end()) return "init: node_ids has an empty id";
  if (std::find(ids.begin(), ids.end(), init.node_id) == ids.end()) {
    return "init: node_id '" + init.node_id + "' is not in node_ids";
  }
  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  auto twice = std::adjacent_find(sorted.begin(), sorted.end());
  if (twice != sorted.end()) return "init: node_ids lists '" + *twice + "' more than once";
  return "";
}

std::string Node::requester(const Message& request) {
  return request.body.client.empty() ? request.src : request.body.client;
}

std::int64_t Node::requester_msg_id(const Message& request) {
  return request.body.client.empty() ? request.body.msg_id.value_or(0) : request.body.client_msg_id;
}

int Node::index_of(const std::string& node) const {
  auto it = std::find(node_ids_.begin(), node_ids_.end(), node);
  return it == node_ids_.end() ? -1 : static_cast<int>(it - node_ids_.begin());
}

}  // namespace kv
