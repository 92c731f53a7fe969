#include "primary_backup_node.h"

namespace kv {

void PrimaryBackupNode::on_init(Time now, std::vector<Message>&) { last_heard_ = now; }

void PrimaryBackupNode::on_restart(Time now) {
  view_ = 0;
  next_seq_ = 0;
  unacked_.clear();
  last_heard_ = now;
  next_heartbeat_ = 0;
}

void PrimaryBackupNode::adopt_view(std::int64_t view, Time now) {
  if (view <= view_) return;
  view_ = view;
  last_heard_ = now;
  unacked_.clear();  // a deposed primary's held-back writes are never confirmed
}

void PrimaryBackupNode::on_client_request(const Message& request, Time now, std::vector<Message>& out) {
  if (!is_primary()) {
    if (request.body.client.empty()) {
      forward(request, node_ids()[primary_index()], now, out);
    } else {
      out.push_back(error_reply(request, code::temporarily_unavailable, "not the primary"));
    }
    return;
  }
  OpResult result = store_.apply(request.body);
  const bool changed = request.body.type != MsgType::read && result.type != MsgType::error;
  if (!changed) {
    out.push_back(result.reply(request));
    return;
  }
  // Versions grow with the view, so a newer primary's writes win on the backups.
  const std::int64_t version = (view_ << 32) + (++next_seq_);
  versions_[request.body.key] = version;
  replicate(request.body.key, version, out);
  if (config_.synchronous && cluster_size() > 1) {
    unacked_[version] = Unacked{result.reply(request), cluster_size() - 1, now + config_.request_timeout};
  } else {
    out.push_back(result.reply(request));
  }
}

void PrimaryBackupNode::replicate(const std::string& key, std::int64_t version, std::vector<Message>& out) {
  for (int peer = 0; peer < cluster_size(); ++peer) {
    if (peer == self_index()) continue;
    Message m = make_message(node_ids()[peer], MsgType::replicate);
    m.body.view = view_;
    m.body.key = key;
    m.body.value = store_.get(key);
    m.body.version = version;
    out.push_back(std::move(m));
  }
}

bool PrimaryBackupNode::on_peer_message(const Message& m, Time now, std::vector<Message>& out) {
  const Body& b = m.body;
  // A version is view << 32 plus a sequence number, so views stay below 2^30
  // (a failover every 300 ms reaches that in ten years); larger ones, and
  // versions no view can make, come from a broken peer and are dropped.
  if (!plausible(b.view, std::int64_t{1} << 30) || !plausible(b.version, std::int64_t{1} << 62)) return true;
  switch (b.type) {
    case MsgType::heartbeat:
    case MsgType::replicate: {
      if (b.view < view_) {
        // A primary from an older view: tell it which view we are in.
        Message hb = make_message(m.src, MsgType::heartbeat);
        hb.body.view = view_;
        out.push_back(std::move(hb));
        return true;
      }
      adopt_view(b.view, now);
      if (index_of(m.src) == primary_index()) last_heard_ = now;
      if (b.type == MsgType::replicate) {
        auto& have = versions_[b.key];
        if (b.version > have && b.value) {
          have = b.version;
          store_.write(b.key, *b.value);
        }
        Message ack = reply_to(m, MsgType::replicate_ok);
        ack.body.view = b.view;
        ack.body.version = b.version;
        out.push_back(std::move(ack));
      }
      return true;
    }
    case MsgType::replicate_ok: {
      auto it = unacked_.find(b.version);
      if (it != unacked_.end() && --it->second.acks_needed == 0) {
        out.push_back(std::move(it->second.reply));
        unacked_.erase(it);
      }
      return true;
    }
    default:
      return false;
  }
}

void PrimaryBackupNode::on_tick(Time now, std::vector<Message>& out) {
  if (is_primary()) {
    if (now >= next_heartbeat_) {
      for (int peer = 0; peer < cluster_size(); ++peer) {
        if (peer == self_index()) continue;
        Message hb = make_message(node_ids()[peer], MsgType::heartbeat);
        hb.body.view = view_;
        out.push_back(std::move(hb));
      }
      next_heartbeat_ = now + config_.heartbeat_interval;
    }
    for (auto it = unacked_.begin(); it != unacked_.end();) {
      it = it->second.deadline <= now ? unacked_.erase(it) : std::next(it);  // the client times out
    }
  } else if (now - last_heard_ >= config_.failover_timeout) {
    // The primary seems gone: move to the next view (perhaps becoming primary).
    ++view_;
    last_heard_ = now;
  }
}

NodeSummary PrimaryBackupNode::summary() const {
  NodeSummary s;
  s.role = is_primary() ? "primary" : "backup";
  s.term = view_;
  if (initialized()) s.leader = node_ids()[primary_index()];
  for (const auto& [key, value] : store_.contents()) s.keys[key] = value;
  return s;
}

}  // namespace kv
