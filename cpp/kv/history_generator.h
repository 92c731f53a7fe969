// Linearizable histories made to order, for tests and benchmarks of the checker.
//
// Clients run operations against one atomic register per key. Each operation
// gets an invoke time, a linearization point after it and a completion after
// that; applying operations in the order of their points gives every result,
// so the history is linearizable by construction. Some completions are
// replaced by info (the operation may or may not be applied: decided at
// random) and some cas fail with 22 because the value differed.
#pragma once

#include <cstdint>

#include "history.h"

namespace kv {

struct GeneratorOptions {
  int ops = 10'000;
  int keys = 3;
  int processes = 10;
  int max_value = 5;
  double info_rate = 0.02;  // share of operations that end as info
  std::uint64_t seed = 1;
};

History generate_linearizable_history(const GeneratorOptions& options);

}  // namespace kv
