#include "echo_workload.h"

#include <cstdio>

#include "router.h"

namespace maelstrom {

Json EchoWorkload::next_op(long long op, kv::Rng& rng) {
  // Unique per op (the index) and not guessable from the index alone.
  char tag[32];
  std::snprintf(tag, sizeof tag, "%08llx", static_cast<unsigned long long>(rng.next() & 0xffffffffull));
  return Json{{"type", "echo"}, {"echo", "op " + std::to_string(op) + " seed " + std::to_string(seed_) + " " + tag}};
}

void EchoWorkload::problem(std::string text) {
  if (++problem_count_ <= 3) problems_.push_back(std::move(text));
}

Outcome EchoWorkload::completed(const Call& call, const Json* reply, Time) {
  const std::string who = Router::node_name(call.node);
  const std::string op = "op " + std::to_string(call.op);
  if (!reply) {
    problem(who + " did not answer " + op);
    return Outcome::info;
  }
  const std::string type = reply->value("type", "");
  if (type != "echo_ok") {
    problem(who + " answered " + op + " with " + (type.empty() ? "no type" : type) + " instead of echo_ok");
    return type == "error" ? Outcome::fail : Outcome::info;
  }
  const auto echo = reply->find("echo");
  if (echo == reply->end() || *echo != call.body["echo"]) {
    problem(who + " answered " + op + " with echo " + (echo == reply->end() ? "missing" : echo->dump()) +
            " instead of " + call.body["echo"].dump());
    return Outcome::info;
  }
  ++ok_;
  return Outcome::ok;
}

Verdict EchoWorkload::verdict(const RunFacts& facts) {
  Verdict v;
  if (problem_count_ > 0) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = std::to_string(problem_count_) + " of " + std::to_string(facts.ops) + " echoes wrong: " + problems_[0];
    for (size_t i = 1; i < problems_.size(); ++i) v.sentence += "; " + problems_[i];
  } else if (ok_ == 0) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = "no echo was answered";
  } else {
    v.sentence = "every one of " + std::to_string(ok_) + " echoes came back unchanged";
  }
  return v;
}

}  // namespace maelstrom
