// Instruction-level parallelism: one long chain of additions vs several
// independent chains.
//
// `sum += x[i]` cannot start until the previous addition has finished: each
// floating-point add waits a few cycles (its latency) for the one before it.
// With K separate accumulators, K additions are independent of each other, so
// a superscalar, pipelined core keeps K of them in flight at once. Only the
// final combination of the K partial sums is serial.
#pragma once

#include "kernel.h"

#include <cstddef>

namespace parallelism {

// Sums x[0..n) with `Chains` independent accumulators. Chains == 1 is the
// plain loop. Elements past the last full group of `Chains` (the tail) go into
// accumulator 0, so any n works.
template <int Chains>
KERNEL double sum_with_chains(const double* x, std::size_t n) {
  static_assert(Chains >= 1 && Chains <= 16, "1 to 16 accumulators");
  double acc[Chains] = {};
  std::size_t i = 0;
  for (; i + Chains <= n; i += Chains) {
    // Unrolled completely, so each acc[c] lives in a register of its own.
#pragma GCC unroll 16
    for (int c = 0; c < Chains; ++c) acc[c] += x[i + c];
  }
  for (; i < n; ++i) acc[0] += x[i];
  double total = 0;
  for (int c = 0; c < Chains; ++c) total += acc[c];
  return total;
}

}  // namespace parallelism
