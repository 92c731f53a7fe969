// A linearizability checker for a key-value store of compare-and-set registers.
//
// The search is Wing & Gong's, with Lowe's refinements as in Porcupine: walk
// the history's call/return events, try to linearize each pending call at the
// current point, backtrack at a return that cannot be explained, and remember
// (set of linearized operations, register state) pairs already explored so no
// configuration is searched twice. Keys are independent registers, so each
// key's operations are checked separately (P-compositionality).
//
// Outcomes (see README.md for the history format):
//   ok     took effect between invoke and completion;
//   info   indefinite: may or may not have taken effect, at any time after its
//          invoke (its completion is "never");
//   fail   took no effect; a cas failed with 22 saw a value other than `from`,
//          a read or cas failed with 20 saw the key absent. Other error codes
//          carry no observation and are ignored.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "history.h"

namespace kv {

// One operation: an invoke paired with its completion.
struct Operation {
  std::int64_t process = 0;
  Function f = Function::read;
  EventType outcome = EventType::info;  // ok, fail or info
  std::string key;
  std::optional<std::int64_t> value;  // write: value written; read ok: value read (nullopt: absent)
  std::int64_t from = 0, to = 0;      // cas
  int error = -1;                     // fail: the Maelstrom code if recorded
  Time invoke = 0;
  Time complete = std::numeric_limits<Time>::max();  // info: never
  size_t invoke_line = 0, complete_line = 0;
};

std::string describe(const Operation& op);  // "process 3 cas k1 [1,2] -> fail"

// Pairs invokes with completions per process. An invoke left open at the end
// of the history becomes info. Returns false (with the offending line) for a
// history that does not make sense: a completion with no invoke, a second
// invoke while one is pending, a completion for another function or key.
bool pair_operations(const History& history, std::vector<Operation>& out, HistoryError& error);

// Deciding linearizability is NP-complete: a history that is not
// linearizable and has many indefinite operations can need a search
// exponential in their number. The budget bounds time and memory; past it the
// verdict is "unknown" rather than a hang.
struct CheckOptions {
  std::uint64_t max_steps_per_key = 20'000'000;          // 0 = no limit
  std::uint64_t max_configurations_per_key = 2'000'000;   // memo entries (about 100 bytes each); 0 = no limit
};

struct CheckResult {
  enum class Verdict { linearizable, not_linearizable, unknown } verdict = Verdict::linearizable;
  std::string key;                 // the key that failed (or gave up)
  std::vector<Operation> window;   // a few operations around the point where the search got stuck
  std::string explanation;
  std::string sentence;            // not linearizable: why, in words (violation_sentence.h)
  size_t operations = 0;           // operations checked (info reads and observation-free failures dropped)
  size_t keys = 0;
  std::uint64_t steps = 0;
};

CheckResult check_operations(const std::vector<Operation>& ops, const CheckOptions& options = {});
CheckResult check_history(const History& history, const CheckOptions& options = {});  // history must pair

// The sequential model, for tests and the brute-force cross-check: applies
// `op` to a register state (nullopt = key absent); false if `op` could not
// have returned what it returned from this state.
bool step_register(std::optional<std::int64_t>& state, const Operation& op);

}  // namespace kv
