// One sentence that says why a history is not linearizable, built from its
// operations, for readers who do not want to read a search window:
//
//   "read k1 → 3 finished at 412 ms, but write k1 ← 4 was acknowledged at
//    398 ms, before the read began, and nothing wrote 3 after it"
//
// The checker (linearizability.h) finds the operation its search could not
// place; this looks at that operation against the others on its key for a
// short proof (a stale read, a value nothing wrote, a key read as absent
// after a write, a cas whose `from` had been overwritten or whose failure
// contradicts a standing write). Each proof is sound: it names operations
// whose real-time order alone rules the result out. The search itself is
// not needed for them, only its pointer to where to look.
#pragma once

#include <string>
#include <vector>

#include "linearizability.h"

namespace kv {

// Where the checker's search got stuck on one key; indices into its operations.
struct StuckSearch {
  size_t stuck = 0;            // the operation it could not place
  std::vector<size_t> placed;  // the ones it had placed just before, in that order
  std::vector<size_t> nearby;  // the violation window: `stuck` and the operations around it
};

// `key_ops`: one key's operations as the checker searched them. The sentence
// is a short proof about the stuck operation if one exists, else about
// another operation near it, else it names the stuck operation and the
// operations placed before it. Times are in ms since `origin` (the history's
// first event).
std::string violation_sentence(const std::vector<Operation>& key_ops, const StuckSearch& where, Time origin);

}  // namespace kv
