// Explore all: every schedule of a thread program, grouped by how it ends.
//
// Many schedules pass through the same state (who ran first often does not
// matter yet), so states are remembered and each is expanded once; the number
// of schedules through a state is then computed from its successors instead
// of walking every schedule one by one. For each outcome the result keeps how
// many schedules reach it and one example schedule.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "machine.h"
#include "program.h"

namespace cdd::explorer {

struct OutcomeSummary {
  OutcomeKind kind;
  std::string label;           // "x=1", "deadlock: ...", "error: ..."
  unsigned long long count;    // schedules that end this way (saturates at the max)
  std::vector<int> schedule;   // one of them: thread indices, one per step
};

struct Exploration {
  unsigned long long schedules = 0;  // complete schedules (finished, deadlocked or faulted)
  size_t states = 0;                 // distinct states visited
  bool truncated = false;            // stopped at max_states: counts are partial
  std::vector<OutcomeSummary> outcomes;  // finished first, then deadlocks, then faults
  bool deadlock_reachable() const;
  const OutcomeSummary* find(const std::string& label) const;
};

// Default cap: small enough to finish in well under a second in the page.
constexpr size_t kDefaultMaxStates = 20000;

Exploration explore_all(const Program& program, size_t max_states = kDefaultMaxStates);

}  // namespace cdd::explorer
