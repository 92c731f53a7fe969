#include "lin_kv_workload.h"

#include "linearizability.h"

namespace maelstrom {

Json LinKvWorkload::next_op(long long, kv::Rng& rng) {
  const long long key = rng.uniform(0, keys_);
  const auto pick = rng.uniform(0, 4);
  if (pick == 0) return Json{{"type", "read"}, {"key", key}};
  if (pick == 1) return Json{{"type", "write"}, {"key", key}, {"value", rng.uniform(0, values_)}};
  const long long from = rng.uniform(0, values_);
  return Json{{"type", "cas"}, {"key", key}, {"from", from}, {"to", rng.uniform(0, values_)}};
}

void LinKvWorkload::invoked(const Call& call) {
  kv::HistoryEvent e;
  e.process = call.process;
  e.type = kv::EventType::invoke;
  const std::string type = call.body["type"];
  e.f = type == "read" ? kv::Function::read : type == "write" ? kv::Function::write : kv::Function::cas;
  e.key = std::to_string(call.body["key"].get<long long>());
  if (e.f == kv::Function::write) e.value = call.body["value"].get<long long>();
  if (e.f == kv::Function::cas) {
    e.from = call.body["from"].get<long long>();
    e.to = call.body["to"].get<long long>();
  }
  e.time = call.invoke;
  invoke_event_[call.msg_id] = history_.size();
  history_.push_back(e);
}

// Maelstrom's rule: an error with a definite code took no effect (fail); a
// timeout, crash (13) or unknown code may have (info).
Outcome LinKvWorkload::judge(const Call& call, const Json& reply, kv::HistoryEvent& done) {
  const std::string type = reply.value("type", "");
  const std::string expected = call.body["type"].get<std::string>() + "_ok";
  if (type == "error") {
    const auto code = reply.find("code");
    const long long c = code != reply.end() && code->is_number_integer() ? code->get<long long>() : -1;
    if (!is_definite_error(c)) return Outcome::info;
    done.error = static_cast<int>(c);
    return Outcome::fail;
  }
  if (type != expected) {
    if (problems_.size() < 3)
      problems_.push_back(Router::node_name(call.node) + " answered " + call.body.dump() + " with " + reply.dump());
    return Outcome::info;
  }
  if (done.f == kv::Function::read) {
    const auto value = reply.find("value");
    if (value == reply.end() || !(value->is_null() || value->is_number_integer())) {
      if (problems_.size() < 3)
        problems_.push_back(Router::node_name(call.node) + " answered a read without an integer value: " + reply.dump());
      return Outcome::info;
    }
    done.value = value->is_null() ? std::nullopt : std::optional<std::int64_t>(value->get<long long>());
  }
  return Outcome::ok;
}

Outcome LinKvWorkload::completed(const Call& call, const Json* reply, Time now) {
  kv::HistoryEvent done = history_[invoke_event_.at(call.msg_id)];
  invoke_event_.erase(call.msg_id);
  done.time = now;
  if (done.f == kv::Function::read) done.value.reset();
  const Outcome outcome = reply ? judge(call, *reply, done) : Outcome::info;
  done.type = outcome == Outcome::ok ? kv::EventType::ok : outcome == Outcome::fail ? kv::EventType::fail : kv::EventType::info;
  if (outcome != Outcome::fail) done.error = -1;
  if (outcome == Outcome::ok) ++ok_;
  history_.push_back(done);
  return outcome;
}

Verdict LinKvWorkload::verdict(const RunFacts&) {
  Verdict v;
  if (!problems_.empty()) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = "protocol error: " + problems_[0];
    return v;
  }
  const kv::CheckResult r = kv::check_history(history_);
  if (r.verdict == kv::CheckResult::Verdict::not_linearizable) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = "not linearizable: " + (r.sentence.empty() ? r.explanation : r.sentence);
  } else if (r.verdict == kv::CheckResult::Verdict::unknown) {
    v.kind = Verdict::Kind::unknown;
    v.sentence = "the checker gave up on key " + r.key + ": " + r.explanation;
  } else if (ok_ == 0) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = "no operation succeeded";
  } else {
    v.sentence = "linearizable (" + std::to_string(r.operations) + " operations on " + std::to_string(r.keys) + " keys checked)";
  }
  return v;
}

}  // namespace maelstrom
