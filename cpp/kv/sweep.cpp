#include "sweep.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include "raft_node.h"

namespace kv {

void audit_raft(Simulator& sim, SeedOutcome& outcome) {
  std::vector<const RaftNode*> rafts;
  for (int i = 0; i < sim.node_count(); ++i) {
    if (auto* r = dynamic_cast<const RaftNode*>(&sim.node(i))) rafts.push_back(r);
  }
  if (rafts.empty()) return;
  // The node that knows the most committed entries.
  const RaftNode* longest = rafts[0];
  for (const RaftNode* r : rafts) {
    if (r->commit_index() > longest->commit_index()) longest = r;
  }
  // Committed prefixes must agree entry by entry.
  outcome.logs_diverge = false;
  for (const RaftNode* r : rafts) {
    for (std::int64_t i = 0; i < r->commit_index(); ++i) {
      if (!(r->log()[i] == longest->log()[i])) outcome.logs_diverge = true;
    }
  }
  std::set<std::pair<std::string, std::int64_t>> committed;
  for (std::int64_t i = 0; i < longest->commit_index(); ++i) {
    const LogEntry& e = longest->log()[i];
    if (e.op == OpKind::write || e.op == OpKind::cas) committed.emplace(e.client, e.client_msg_id);
  }
  outcome.lost_writes = 0;
  for (const auto& a : sim.acknowledged_writes()) {
    if (!committed.count({a.client, a.msg_id})) ++outcome.lost_writes;
  }
}

SeedOutcome run_and_check(const SimOptions& options) {
  Simulator sim(options);
  sim.run();
  SeedOutcome outcome;
  outcome.seed = options.seed;
  outcome.stats = sim.stats();
  outcome.check = check_history(sim.history());
  if (options.protocol == "raft") audit_raft(sim, outcome);
  return outcome;
}

SweepSummary sweep(SimOptions options, std::uint64_t first_seed, int count,
                   const std::function<void(const SeedOutcome&)>& progress) {
  SweepSummary summary;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    options.seed = first_seed + static_cast<std::uint64_t>(i);
    const SeedOutcome o = run_and_check(options);
    ++summary.seeds;
    bool bad = false;
    if (o.check.verdict == CheckResult::Verdict::not_linearizable) ++summary.not_linearizable, bad = true;
    if (o.check.verdict == CheckResult::Verdict::unknown) ++summary.unknown, bad = true;
    if (o.lost_writes > 0) ++summary.lost_write_seeds, bad = true;
    if (o.logs_diverge) ++summary.diverged, bad = true;
    if (!o.progressed_after_heal()) ++summary.no_progress, bad = true;
    if (bad && summary.bad_seeds.size() < 20) summary.bad_seeds.push_back(o.seed);
    if (progress) progress(o);
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace kv
