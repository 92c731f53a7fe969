#include "harness.h"

#include <algorithm>

namespace maelstrom {

const char* verdict_name(Verdict::Kind kind) {
  switch (kind) {
    case Verdict::Kind::valid: return "valid";
    case Verdict::Kind::invalid: return "invalid";
    default: return "unknown";
  }
}

Harness::Harness(HarnessOptions options, std::unique_ptr<Workload> workload)
    : o_(options), workload_(std::move(workload)), router_(options.nodes) {
  const int clients = o_.clients > 0 ? o_.clients : std::max(2, 2 * o_.nodes);
  clients_.resize(static_cast<size_t>(clients));
  for (auto& c : clients_) c.process = next_process_++;
  initialised_.assign(static_cast<size_t>(o_.nodes), false);
  timeouts_.assign(static_cast<size_t>(o_.nodes), 0);
}

void Harness::start(Time now) {
  start_ = now;
  Json ids = Json::array();
  for (int i = 0; i < o_.nodes; ++i) ids.push_back(Router::node_name(i));
  for (int i = 0; i < o_.nodes; ++i)
    send("c0", i, Json{{"type", "init"}, {"node_id", Router::node_name(i)}, {"node_ids", ids}}, 0, now);
}

void Harness::send(const std::string& client, int node, Json body, long long op, Time now) {
  Call call;
  call.msg_id = next_msg_id_++;
  call.client = client;
  call.node = node;
  call.op = op;
  if (op > 0) call.process = clients_[std::stoul(client.substr(1)) - 1].process;
  body["msg_id"] = call.msg_id;
  call.body = body;
  call.invoke = now;
  outbox_.push_back({node, to_line(Envelope{client, Router::node_name(node), std::move(body)})});
  if (op > 0) workload_->invoked(call);
  pending_.emplace(call.msg_id, std::move(call));
}

void Harness::on_line(int node, const std::string& line, Time now) {
  if (done()) return;
  RouteResult r = router_.route(node, line);
  if (r.route == Route::to_node) {
    outbox_.push_back({r.node, line});
  } else if (r.route == Route::to_client) {
    reply_to_client(r.envelope, now);
  } else {
    note_route(node, r, line);
  }
}

void Harness::note_route(int from, const RouteResult& r, const std::string& line) {
  const std::string who = Router::node_name(from);
  if (r.route == Route::rejected && ++rejected_reported_ <= 3)
    problem(who + " wrote a line that is not a Maelstrom message (" + r.why + "): " + line.substr(0, 120));
  if (r.route == Route::unknown_dest)
    problem(who + " sent a message to \"" + r.why + "\", which is neither a node nor a client");
}

void Harness::reply_to_client(const Envelope& e, Time now) {
  const auto it = pending_.find(in_reply_to(e.body));
  if (it == pending_.end() || it->second.client != e.dest) {
    ++late_replies_;  // after its timeout, or for a request never made
    return;
  }
  Call call = std::move(it->second);
  pending_.erase(it);
  finish_call(std::move(call), &e.body, now);
}

void Harness::finish_call(Call call, const Json* reply, Time now) {
  if (call.op > 0) return finish_op(call, reply, now);
  const std::string who = Router::node_name(call.node);
  const std::string type = call.body["type"];
  if (phase_ == Phase::final_reads) {
    workload_->final_reply(call, reply);
  } else if (!reply) {
    problem(who + " did not answer " + type);
  } else if (reply->value("type", "") != type + "_ok") {
    problem(who + " answered " + type + " with " + reply->dump().substr(0, 120));
  } else if (phase_ == Phase::init) {
    initialised_[call.node] = true;
  }
  if (calls_pending(false)) return;
  if (phase_ == Phase::init) {
    const bool all = std::all_of(initialised_.begin(), initialised_.end(), [](bool b) { return b; });
    enter(all ? Phase::setup : Phase::done, now);
  } else if (phase_ == Phase::setup) enter(Phase::ops, now);
  else if (phase_ == Phase::final_reads) end_of_round(now);
}

void Harness::finish_op(const Call& call, const Json* reply, Time now) {
  const Outcome outcome = workload_->completed(call, reply, now);
  Client& client = clients_[std::stoul(call.client.substr(1)) - 1];
  client.busy = false;
  if (outcome == Outcome::ok) {
    ++ok_;
    latencies_.push_back(now - call.invoke);
  } else if (outcome == Outcome::fail) {
    ++fail_;
    // 11 is "temporarily unavailable" (no leader yet, say): retrying at once would only burn ops.
    if (reply && reply->value("type", "") == "error" && reply->value("code", -1) == 11) client.ready_at = now + o_.backoff;
  } else {
    client.ready_at = now + o_.backoff;
    ++info_;
    client.process = next_process_++;  // the op may still happen: Jepsen's rule
  }
  fill_clients(now);
}

bool Harness::calls_pending(bool ops) const {
  for (const auto& [id, call] : pending_)
    if ((call.op > 0) == ops) return true;
  return false;
}

void Harness::enter(Phase phase, Time now) {
  phase_ = phase;
  if (phase == Phase::setup) {
    for (auto& [node, body] : workload_->setup(o_.nodes))
      if (router_.alive(node)) send("c0", node, std::move(body), 0, now);
    if (!calls_pending(false)) enter(Phase::ops, now);
  } else if (phase == Phase::ops) {
    fill_clients(now);
  } else if (phase == Phase::settle) {
    phase_deadline_ = now + o_.settle;
  } else if (phase == Phase::final_reads) {
    for (auto& [node, body] : workload_->final_round(o_.nodes))
      if (router_.alive(node)) send("c0", node, std::move(body), 0, now);
    if (!calls_pending(false)) end_of_round(now);
  }
}

void Harness::end_of_round(Time now) {
  if (workload_->final_satisfied() || now + o_.settle > ops_end_ + o_.converge) enter(Phase::done, now);
  else enter(Phase::settle, now);
}

void Harness::fill_clients(Time now) {
  if (phase_ != Phase::ops) return;
  for (size_t c = 0; c < clients_.size() && invoked_ < o_.ops; ++c)
    if (!clients_[c].busy && clients_[c].ready_at <= now) invoke_op(static_cast<int>(c), now);
  if (invoked_ >= o_.ops && !calls_pending(true)) {
    ops_end_ = now;
    router_.isolate(-1);
    enter(workload_->has_final_reads() ? Phase::settle : Phase::done, now);
  }
}

void Harness::invoke_op(int client, Time now) {
  const long long op = ++invoked_;
  update_partition();
  // Op k's node and fields come from (seed, k) alone.
  kv::Rng rng(o_.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(op));
  int node = static_cast<int>(rng.uniform(0, o_.nodes));
  for (int tries = 0; tries < o_.nodes && !router_.alive(node); ++tries) node = (node + 1) % o_.nodes;
  Json body = workload_->next_op(op, rng);
  clients_[client].busy = true;
  send("c" + std::to_string(client + 1), node, std::move(body), op, now);
}

void Harness::update_partition() {
  const bool cut = o_.isolate >= 0 && invoked_ >= o_.from_op && invoked_ <= o_.to_op;
  router_.isolate(cut ? o_.isolate : -1);
}

void Harness::on_exit(int node, const std::string& how, Time now) {
  if (done() || !router_.alive(node)) return;
  router_.set_down(node);
  problem(Router::node_name(node) + " " + how);
  std::vector<long long> lost;
  for (const auto& [id, call] : pending_)
    if (call.node == node) lost.push_back(id);
  for (long long id : lost) {
    Call call = std::move(pending_.at(id));
    pending_.erase(id);
    finish_call(std::move(call), nullptr, now);
  }
  bool any = false;
  for (int i = 0; i < o_.nodes; ++i) any = any || router_.alive(i);
  if (!any) enter(Phase::done, now);
}

void Harness::on_tick(Time now) {
  if (done()) return;
  if (now - start_ >= o_.time_limit) {
    static const char* const names[] = {"init", "setup", "the operations", "the settle period", "the final reads", "done"};
    problem("the run reached its time limit during " + std::string(names[static_cast<int>(phase_)]) + " after " +
            std::to_string(invoked_) + " of " + std::to_string(o_.ops) + " ops, with " +
            std::to_string(pending_.size()) + " request(s) unanswered");
    return enter(Phase::done, now);
  }
  std::vector<long long> expired;
  for (const auto& [id, call] : pending_)
    if (now - call.invoke >= (phase_ == Phase::init ? o_.init_timeout : o_.op_timeout)) expired.push_back(id);
  for (long long id : expired) {
    auto it = pending_.find(id);
    if (it == pending_.end()) continue;  // finished by an earlier expiry's phase change
    Call call = std::move(it->second);
    pending_.erase(it);
    ++timeouts_[call.node];
    finish_call(std::move(call), nullptr, now);
  }
  if (phase_ == Phase::settle && now >= phase_deadline_) enter(Phase::final_reads, now);
  fill_clients(now);  // clients whose back-off ended
}

Time Harness::next_wakeup() const {
  Time next = start_ + o_.time_limit;
  for (const auto& [id, call] : pending_)
    next = std::min(next, call.invoke + (phase_ == Phase::init ? o_.init_timeout : o_.op_timeout));
  if (phase_ == Phase::settle) next = std::min(next, phase_deadline_);
  if (phase_ == Phase::ops && invoked_ < o_.ops)
    for (const Client& c : clients_)
      if (!c.busy) next = std::min(next, c.ready_at);
  return next;
}

}  // namespace maelstrom

namespace maelstrom {

Summary Harness::summary() {
  Summary s;
  s.ops = invoked_;
  s.ok = ok_;
  s.fail = fail_;
  s.info = info_;
  s.network = router_.counts();
  s.msgs_per_op = invoked_ > 0 ? static_cast<double>(s.network.node_to_node) / static_cast<double>(invoked_) : 0;
  if (!latencies_.empty()) {
    std::vector<Time> sorted = latencies_;
    std::sort(sorted.begin(), sorted.end());
    s.latency_median = sorted[sorted.size() / 2];
    s.latency_max = sorted.back();
  }
  s.problems = problems_;
  for (int i = 0; i < o_.nodes; ++i)
    if (timeouts_[i] > 0)
      s.notes.push_back(Router::node_name(i) + " left " + std::to_string(timeouts_[i]) + " request(s) unanswered within the timeout");
  if (late_replies_ > 0) s.notes.push_back(std::to_string(late_replies_) + " reply(ies) came after their request timed out");
  RunFacts facts{invoked_, s.network, o_.nodes};
  s.verdict = workload_->verdict(facts);
  if (!problems_.empty()) {  // a broken node or protocol outweighs the workload's verdict
    s.verdict.kind = Verdict::Kind::invalid;
    s.verdict.sentence = problems_[0];
  }
  return s;
}

}  // namespace maelstrom
