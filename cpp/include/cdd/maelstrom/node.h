// The node's pure core: dispatch of messages to handlers, reply/send/rpc with
// msg_id bookkeeping, timers, all against a clock value the caller passes in,
// and output as lists of lines. No I/O here: run() (io.h) feeds it stdin and
// the steady clock, and tests feed it lines and times of their choosing.
#pragma once

#include <cdd/maelstrom/message.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cdd::maelstrom {

using Millis = std::int64_t;  // milliseconds since the node started

class Node {
 public:
  using Handler = std::function<void(Message&)>;
  using Callback = std::function<void(Message&)>;
  using TimerFn = std::function<void()>;
  using TimerId = std::int64_t;

  // Handler for requests of a type. "init" is answered by the node itself
  // (init_ok); a handler for it runs afterwards, once id() and node_ids() are set.
  void on(const std::string& type, Handler handler) { handlers_[type] = std::move(handler); }

  // Replies to a request: body gets in_reply_to = the request's msg_id.
  void reply(const Message& req, json body) {
    auto id = req.body.find("msg_id");
    if (id != req.body.end()) body["in_reply_to"] = *id;
    send(req.src, std::move(body));
  }
  // An error reply with one of Maelstrom's codes (see code:: in message.h).
  void error(const Message& req, int error_code, const std::string& text) {
    reply(req, json{{"type", "error"}, {"code", error_code}, {"text", text}});
  }
  // A message without waiting for an answer (it still gets a msg_id).
  void send(const std::string& dest, json body) {
    if (!body.is_object()) return log("not sent to ", dest, ": a body must be a JSON object, not ", body);
    body["msg_id"] = next_msg_id_++;
    output_.push_back(to_line(Message{id_, dest, std::move(body)}));
  }
  // A request whose reply is passed to `callback` (once). With timeout_ms > 0,
  // no reply in time calls it with an error reply of code 0 (timeout) instead,
  // and a reply arriving later is dropped.
  void rpc(const std::string& dest, json body, Callback callback, Millis timeout_ms = 0) {
    std::int64_t msg_id = next_msg_id_;
    pending_[msg_id] = Pending{dest, std::move(callback), timeout_ms > 0 ? now_ + timeout_ms : -1};
    send(dest, std::move(body));
  }

  // fn every period_ms (first after period_ms), or once after delay_ms.
  TimerId every(Millis period_ms, TimerFn fn) { return add_timer(period_ms, period_ms > 0 ? period_ms : 1, std::move(fn)); }
  TimerId after(Millis delay_ms, TimerFn fn) { return add_timer(delay_ms, 0, std::move(fn)); }
  void cancel(TimerId timer) { timers_.erase(timer); }

  const std::string& id() const { return id_; }
  const std::vector<std::string>& node_ids() const { return node_ids_; }
  Millis now() const { return now_; }

  // A line to stderr, made of the arguments (strings, numbers, json).
  template <class... Parts>
  void log(const Parts&... parts) {
    std::string line;
    (append_part(line, parts), ...);
    if (log_sink_) log_sink_(line);
    else log_.push_back(std::move(line));
  }

  // --- The core's interface to the I/O loop (and to tests). ---
  // One line of input, received at time `now`.
  void handle_line(const std::string& line, Millis now);
  // Fires the timers and rpc timeouts due at `now`.
  void advance(Millis now);
  // When advance() next has something to do; -1 when nothing is scheduled.
  Millis next_deadline() const;
  // Lines for stdout and for stderr produced since the last take.
  std::vector<std::string> take_output() { return std::exchange(output_, {}); }
  std::vector<std::string> take_log() { return std::exchange(log_, {}); }
  // The blocking loop on stdin/stdout (io.h); returns when stdin ends.
  void run();

 private:
  struct Pending {
    std::string dest;
    Callback callback;
    Millis deadline;  // -1: no timeout
  };
  struct Timer {
    Millis due;
    Millis period;  // 0: once
    TimerFn fn;
  };

  void dispatch(Message& msg);
  void handle_init(Message& msg);
  bool deliver_reply(Message& msg);
  bool fire_next_timer(Millis now);
  bool expire_next_rpc(Millis now);
  TimerId add_timer(Millis delay, Millis period, TimerFn fn) {
    TimerId timer = next_timer_id_++;
    timers_[timer] = Timer{now_ + (delay > 0 ? delay : 0), period, std::move(fn)};
    return timer;
  }
  template <class T>
  static void append_part(std::string& line, const T& part) {
    if constexpr (std::is_same_v<T, json>) line += dump(part);
    else if constexpr (std::is_same_v<T, bool>) line += part ? "true" : "false";
    else if constexpr (std::is_arithmetic_v<T>) line += std::to_string(part);
    else line += part;  // strings and character arrays
  }

  std::string id_;
  std::vector<std::string> node_ids_;
  std::map<std::string, Handler> handlers_;
  std::map<std::int64_t, Pending> pending_;
  std::map<TimerId, Timer> timers_;
  std::int64_t next_msg_id_ = 1;
  TimerId next_timer_id_ = 1;
  Millis now_ = 0;
  std::vector<std::string> output_;
  std::vector<std::string> log_;
  // run() writes log lines at once (so a handler that then hangs still shows them).
  std::function<void(const std::string&)> log_sink_;
};

inline void Node::handle_line(const std::string& line, Millis now) {
  if (now > now_) now_ = now;
  if (line.find_first_not_of(" \t\r") == std::string::npos) return;  // blank lines are not messages
  std::string why;
  auto msg = parse_line(line, why);
  if (!msg) {
    log("malformed input (", why, "), ignored: ", line.substr(0, 200));
    return;
  }
  dispatch(*msg);
}

inline void Node::dispatch(Message& msg) {
  if (deliver_reply(msg)) return;
  std::string type = msg.type();
  if (type == "init") return handle_init(msg);
  auto handler = handlers_.find(type);
  if (handler != handlers_.end()) return handler->second(msg);
  if (msg.body.contains("in_reply_to")) {
    // A reply nobody waits for (late, after a timeout, or to send()): answering
    // it with an error could start an endless exchange of errors.
    log("dropped a reply nobody waits for: ", to_line(msg));
    return;
  }
  log("no handler for message type \"", type, "\"");
  error(msg, code::not_supported, "not supported: " + type);
}

inline void Node::handle_init(Message& msg) {
  auto id = msg.body.find("node_id");
  auto ids = msg.body.find("node_ids");
  if (id == msg.body.end() || !id->is_string() || ids == msg.body.end() || !ids->is_array()) {
    return error(msg, code::malformed_request, "init needs a string node_id and an array node_ids");
  }
  id_ = id->get<std::string>();
  node_ids_.clear();
  for (const auto& n : *ids) {
    if (n.is_string()) node_ids_.push_back(n.get<std::string>());
  }
  reply(msg, json{{"type", "init_ok"}});
  auto handler = handlers_.find("init");
  if (handler != handlers_.end()) handler->second(msg);
}

inline bool Node::deliver_reply(Message& msg) {
  auto in_reply_to = msg.body.find("in_reply_to");
  if (in_reply_to == msg.body.end() || !in_reply_to->is_number_integer()) return false;
  auto pending = pending_.find(in_reply_to->get<std::int64_t>());
  if (pending == pending_.end()) return false;
  Callback callback = std::move(pending->second.callback);
  pending_.erase(pending);  // before the call: the callback may start new rpcs
  if (callback) callback(msg);
  return true;
}

inline void Node::advance(Millis now) {
  if (now > now_) now_ = now;
  // One at a time, earliest first: a timer may add or cancel timers and rpcs.
  while (fire_next_timer(now_) || expire_next_rpc(now_)) {
  }
}

inline bool Node::fire_next_timer(Millis now) {
  auto next = timers_.end();
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->second.due <= now && (next == timers_.end() || it->second.due < next->second.due)) next = it;
  }
  if (next == timers_.end()) return false;
  TimerFn fn = next->second.fn;
  if (next->second.period > 0) {
    // A timer that fell behind skips the missed periods instead of firing in a burst.
    next->second.due += next->second.period;
    if (next->second.due <= now) next->second.due = now + next->second.period;
  } else {
    timers_.erase(next);
  }
  fn();
  return true;
}

inline bool Node::expire_next_rpc(Millis now) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->second.deadline < 0 || it->second.deadline > now) continue;
    Message timeout{it->second.dest, id_, json{{"type", "error"}, {"code", code::timeout},
                                              {"text", "no reply in time"}, {"in_reply_to", it->first}}};
    Callback callback = std::move(it->second.callback);
    pending_.erase(it);
    if (callback) callback(timeout);
    return true;
  }
  return false;
}

inline Millis Node::next_deadline() const {
  Millis next = -1;
  auto consider = [&next](Millis t) { if (t >= 0 && (next < 0 || t < next)) next = t; };
  for (const auto& [id, timer] : timers_) consider(timer.due);
  for (const auto& [id, pending] : pending_) consider(pending.deadline);
  return next;
}

}  // namespace cdd::maelstrom
