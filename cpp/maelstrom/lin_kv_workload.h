// Maelstrom's lin-kv workload: read, write and cas on a few integer keys,
// values 0..values-1 (read : write : cas = 1 : 1 : 2), recorded as a history
// in cpp/kv's format and judged by its linearizability checker.
#pragma once

#include <map>

#include "history.h"
#include "workload.h"

namespace maelstrom {

class LinKvWorkload : public Workload {
 public:
  LinKvWorkload(int keys, int values) : keys_(keys), values_(values) {}
  const char* name() const override { return "lin-kv"; }
  Json next_op(long long op, kv::Rng& rng) override;
  void invoked(const Call& call) override;
  Outcome completed(const Call& call, const Json* reply, Time now) override;
  Verdict verdict(const RunFacts& facts) override;

  const kv::History& history() const { return history_; }

 private:
  int keys_, values_;
  kv::History history_;
  std::map<long long, size_t> invoke_event_;  // msg_id -> index of its invoke in history_
  std::vector<std::string> problems_;
  long long ok_ = 0;
  Outcome judge(const Call& call, const Json& reply, kv::HistoryEvent& done);
};

}  // namespace maelstrom
