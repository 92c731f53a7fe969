// Maelstrom's echo workload: every `echo` must come back as `echo_ok` with
// the same string, from the node it was sent to.
#pragma once

#include "workload.h"

namespace maelstrom {

class EchoWorkload : public Workload {
 public:
  explicit EchoWorkload(std::uint64_t seed) : seed_(seed) {}
  const char* name() const override { return "echo"; }
  Json next_op(long long op, kv::Rng& rng) override;
  Outcome completed(const Call& call, const Json* reply, Time now) override;
  Verdict verdict(const RunFacts& facts) override;

 private:
  std::uint64_t seed_;
  long long ok_ = 0;
  std::vector<std::string> problems_;  // first few, in order
  long long problem_count_ = 0;
  void problem(std::string text);
};

}  // namespace maelstrom
