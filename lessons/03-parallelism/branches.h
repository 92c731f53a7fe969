// Branch prediction: the same filter on data in two orders.
//
// A pipelined CPU guesses which way a branch goes and runs ahead; a wrong
// guess throws that work away (roughly 10-20 cycles). On sorted data the
// branch "is this value kept?" goes one way for a long stretch and then the
// other, so the guess is nearly always right. On shuffled data with about half
// the values kept it is a coin toss, and about half the guesses are wrong.
#pragma once

#include "kernel.h"

#include <cstddef>
#include <cstdint>

namespace parallelism {

// Copies the values >= threshold to `out` and returns how many it copied.
// The store happens only when the condition holds, so the compiler keeps a
// real conditional branch here (it cannot invent a store that did not exist).
KERNEL inline std::size_t keep_at_least_branchy(const std::uint8_t* in, std::size_t n,
                                         int threshold, std::uint8_t* out) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (in[i] >= threshold) out[kept++] = in[i];
  return kept;
}

// The same result without a branch: always store, and move the output
// position forward by 0 or 1. Slower when the branch would predict well,
// immune to the data's order when it would not.
KERNEL inline std::size_t keep_at_least_branchless(const std::uint8_t* in, std::size_t n,
                                            int threshold, std::uint8_t* out) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    out[kept] = in[i];
    kept += in[i] >= threshold ? 1 : 0;
  }
  return kept;
}

}  // namespace parallelism
