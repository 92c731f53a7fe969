// Runs the simulator over many seeds and judges each run: is the history
// linearizable, did Raft keep every acknowledged write, did the cluster make
// progress once the faults healed? Used by kvsim --sweep and the tests.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "linearizability.h"
#include "simulator.h"

namespace kv {

struct SeedOutcome {
  std::uint64_t seed = 0;
  CheckResult check;
  SimStats stats;
  // Raft only: acknowledged writes missing from the committed log, and whether
  // the nodes' committed logs disagree anywhere (State Machine Safety).
  int lost_writes = -1;  // -1: not audited (not Raft)
  bool logs_diverge = false;
  bool progressed_after_heal() const { return stats.heal_time < 0 || stats.ok_after_heal > 0; }
};

// Runs one simulation and checks it.
SeedOutcome run_and_check(const SimOptions& options);

// For a finished Raft simulation: acknowledged writes absent from the longest
// committed log, and whether committed prefixes conflict.
void audit_raft(Simulator& sim, SeedOutcome& outcome);

struct SweepSummary {
  int seeds = 0;
  int not_linearizable = 0;
  int unknown = 0;
  int lost_write_seeds = 0;
  int diverged = 0;
  int no_progress = 0;
  std::vector<std::uint64_t> bad_seeds;  // first few seeds with a violation of any kind
  double seconds = 0;
};

// Seeds first_seed .. first_seed + count - 1; `progress` (if set) after each seed.
SweepSummary sweep(SimOptions options, std::uint64_t first_seed, int count,
                   const std::function<void(const SeedOutcome&)>& progress = {});

}  // namespace kv
