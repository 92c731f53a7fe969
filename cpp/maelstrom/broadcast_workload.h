// Gossip Glomers' broadcast workload: `topology` to every node, `broadcast`
// of unique integers to random nodes, then `read` from every node. Valid iff
// every acknowledged value is read by every node and no node reads a value
// nobody broadcast. Reports messages per operation.
#pragma once

#include <map>
#include <set>

#include "workload.h"

namespace maelstrom {

class BroadcastWorkload : public Workload {
 public:
  BroadcastWorkload(std::uint64_t seed, std::string topology);
  const char* name() const override { return "broadcast"; }
  std::vector<Targeted> setup(int nodes) override;
  Json next_op(long long op, kv::Rng& rng) override;
  Outcome completed(const Call& call, const Json* reply, Time now) override;
  bool has_final_reads() const override { return true; }
  std::vector<Targeted> final_round(int nodes) override;
  void final_reply(const Call& call, const Json* reply) override;
  bool final_satisfied() const override;
  Verdict verdict(const RunFacts& facts) override;

 private:
  std::string topology_;
  long long base_;                          // values are base_ + op: unique, not just 1, 2, 3
  std::map<long long, long long> sent_;     // value -> op
  std::set<long long> acknowledged_;
  std::map<int, std::set<long long>> read_; // node -> values in its latest read
  std::map<int, std::string> read_problem_; // node -> why its latest read is unusable
  std::vector<std::string> problems_;
  int rounds_ = 0;
  void problem(std::string text);
  std::string missing_sentence() const;
};

}  // namespace maelstrom
