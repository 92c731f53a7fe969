// Helpers for measuring a kernel over a range of sizes.
#pragma once

#include <cdd/timing.h>

#include <atomic>
#include <vector>

namespace parallelism {

// lo, then 1, 2, 5, 10, 20, 50, ... strictly between lo and hi (three evenly
// spaced points per decade on a log axis), then hi: the sizes asked for are
// always measured, even when they are not round.
inline std::vector<long long> sizes_between(long long lo, long long hi) {
  std::vector<long long> sizes{lo};
  for (long long decade = 1; decade <= hi; decade *= 10)
    for (long long step : {1, 2, 5})
      if (decade * step > lo && decade * step < hi) sizes.push_back(decade * step);
  if (hi > lo) sizes.push_back(hi);
  return sizes;
}

// How many times to repeat a call on n elements so that one timed sample
// covers about `elements_per_sample` elements. A browser's clock ticks in
// steps of 5-100 microseconds, too coarse to time one small call.
inline int rounds_for(long long n, long long elements_per_sample) {
  long long rounds = elements_per_sample / (n > 0 ? n : 1);
  return rounds < 1 ? 1 : rounds > 100000 ? 100000 : static_cast<int>(rounds);
}

// Median over `reps` samples of the time of ONE call, each sample timing
// `rounds` calls in a row. The compiler fence between calls stops the
// optimizer from noticing that every round computes the same thing from the
// same memory and running it only once.
template <class Work>
double ms_per_call(int reps, int rounds, Work&& work) {
  return cdd::median_ms(reps, [&] {
           for (int r = 0; r < rounds; ++r) {
             work();
             std::atomic_signal_fence(std::memory_order_seq_cst);
           }
         }) /
         rounds;
}

}  // namespace parallelism
