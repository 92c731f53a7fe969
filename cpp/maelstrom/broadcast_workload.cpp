#include "broadcast_workload.h"

#include "topology.h"

namespace maelstrom {

BroadcastWorkload::BroadcastWorkload(std::uint64_t seed, std::string topology)
    : topology_(std::move(topology)) {
  kv::Rng rng(seed);
  base_ = rng.uniform(1, 1000) * 1000;
}

void BroadcastWorkload::problem(std::string text) {
  if (problems_.size() < 3) problems_.push_back(std::move(text));
}

std::vector<Targeted> BroadcastWorkload::setup(int nodes) {
  const Json topology = topology_json(make_topology(topology_, nodes));
  std::vector<Targeted> out;
  for (int i = 0; i < nodes; ++i) out.push_back({i, Json{{"type", "topology"}, {"topology", topology}}});
  return out;
}

Json BroadcastWorkload::next_op(long long op, kv::Rng&) {
  const long long value = base_ + op;
  sent_[value] = op;
  return Json{{"type", "broadcast"}, {"message", value}};
}

Outcome BroadcastWorkload::completed(const Call& call, const Json* reply, Time) {
  if (!reply) return Outcome::info;  // may or may not have been delivered: not required
  const std::string type = reply->value("type", "");
  if (type == "broadcast_ok") {
    acknowledged_.insert(call.body["message"].get<long long>());
    return Outcome::ok;
  }
  if (type == "error") return Outcome::fail;
  problem(Router::node_name(call.node) + " answered broadcast with " + (type.empty() ? "no type" : type));
  return Outcome::info;
}

std::vector<Targeted> BroadcastWorkload::final_round(int nodes) {
  ++rounds_;
  std::vector<Targeted> out;
  for (int i = 0; i < nodes; ++i) {
    read_problem_[i] = "did not answer the final read";
    out.push_back({i, Json{{"type", "read"}}});
  }
  return out;
}

void BroadcastWorkload::final_reply(const Call& call, const Json* reply) {
  if (!reply) return;  // stays "did not answer"
  const auto messages = reply->find("messages");
  if (reply->value("type", "") != "read_ok" || messages == reply->end() || !messages->is_array()) {
    read_problem_[call.node] = "answered the final read without a messages array";
    return;
  }
  std::set<long long> values;
  for (const Json& m : *messages) {
    if (!m.is_number_integer()) {
      read_problem_[call.node] = "read a message that is not an integer: " + m.dump();
      return;
    }
    values.insert(m.get<long long>());
  }
  read_[call.node] = std::move(values);
  read_problem_.erase(call.node);
}

bool BroadcastWorkload::final_satisfied() const {
  if (!read_problem_.empty()) return false;
  for (const auto& [node, values] : read_)
    for (long long v : acknowledged_)
      if (!values.count(v)) return false;
  return true;
}

std::string BroadcastWorkload::missing_sentence() const {
  for (const auto& [node, why] : read_problem_) return Router::node_name(node) + " " + why;
  for (const auto& [node, values] : read_) {
    long long missing = 0, example = 0;
    for (long long v : acknowledged_)
      if (!values.count(v) && missing++ == 0) example = v;
    if (missing > 0)
      return Router::node_name(node) + " never read " + std::to_string(missing) + " of " +
             std::to_string(acknowledged_.size()) + " acknowledged values, e.g. " + std::to_string(example) +
             " (op " + std::to_string(sent_.at(example)) + ")";
    for (long long v : values)
      if (!sent_.count(v)) return Router::node_name(node) + " read " + std::to_string(v) + ", which no client broadcast";
  }
  return "";
}

Verdict BroadcastWorkload::verdict(const RunFacts& facts) {
  Verdict v;
  std::string why = problems_.empty() ? missing_sentence() : problems_[0];
  if (why.empty() && rounds_ == 0) why = "no final read was made";
  if (why.empty() && acknowledged_.empty()) why = "no broadcast was acknowledged";
  if (!why.empty()) {
    v.kind = Verdict::Kind::invalid;
    v.sentence = why;
  } else {
    v.sentence = "every node read all " + std::to_string(acknowledged_.size()) + " acknowledged values";
  }
  v.stats.push_back("final reads: " + std::to_string(rounds_) + " round(s); topology " + topology_);
  (void)facts;
  return v;
}

}  // namespace maelstrom
