// Task-level parallelism: the work split into independent pieces, one per
// thread.
//
//   parallel_sum   a reduction: every thread sums its own block into a local
//                  variable; the partial sums are combined at the end. The
//                  only communication is one number per thread.
//   parallel_map   a map: out[i] = f(in[i]); every thread fills its own block
//                  of `out`. No communication at all ("embarrassingly
//                  parallel").
#pragma once

#include "kernel.h"

#include <cstddef>
#include <vector>

#include "thread_team.h"

namespace parallelism {

KERNEL inline double sum_block(const float* x, std::size_t begin, std::size_t end) {
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i) sum += x[i];
  return sum;
}

inline double parallel_sum(const float* x, std::size_t n, int threads) {
  std::vector<double> partial(static_cast<std::size_t>(threads), 0.0);
  run_team(threads, [&](int t) {
    Range r = block_of(n, threads, t);
    // Sum into a local first: writing partial[t] on every step would make the
    // threads fight over the cache line that holds the partial sums.
    double local = sum_block(x, r.begin, r.end);
    partial[static_cast<std::size_t>(t)] = local;
  });
  double total = 0;
  for (double p : partial) total += p;
  return total;
}

// A deliberately compute-heavy function of one value: 12 Newton steps towards
// sqrt(1 + |v|). It touches no memory, so threads never wait for each other
// or for RAM, and the map shows pure task-level scaling.
inline float refine(float v) {
  float a = 1.0f + (v < 0 ? -v : v);
  float y = a;
  for (int step = 0; step < 12; ++step) y = 0.5f * (y + a / y);
  return y;
}

// One value at a time: clang would otherwise run 4 values per SIMD instruction
// (g++ -O2 does not), and this section is about what threads add on their own.
KERNEL inline void map_block(const float* in, float* out, std::size_t begin, std::size_t end) {
#if defined(__clang__)
#pragma clang loop vectorize(disable)
#endif
  for (std::size_t i = begin; i < end; ++i) out[i] = refine(in[i]);
}

inline void parallel_map(const float* in, float* out, std::size_t n, int threads) {
  run_team(threads, [&](int t) {
    Range r = block_of(n, threads, t);
    map_block(in, out, r.begin, r.end);
  });
}

}  // namespace parallelism
