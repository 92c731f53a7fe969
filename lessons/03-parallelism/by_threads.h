// Timing the same job at 1, 2, ... top threads, fairly.
//
// Timing p = 1 five times, then p = 2 five times, and so on, lets anything
// else the machine does for a few milliseconds land on the runs of one thread
// count: in a browser, for instance, the page drawing the rows and charts the
// program has just printed. The median of that count is then off, and with it
// the speedup. Here the thread counts take turns instead, round after round,
// so such a moment slows one run of several counts, and every median drops it.
#pragma once

#include <cdd/timing.h>

#include <algorithm>
#include <vector>

namespace parallelism {

// The median time of one job(p), in ms, for each p in 1..top (index p; index
// 0 is unused). Each count runs once first, untimed, to warm up (caches, the
// threads, in wasm the optimizing compiler) and to find how many calls make a
// sample long enough for the clock (browsers coarsen it).
template <class Job>
std::vector<double> median_ms_by_threads(int top, int reps, Job&& job) {
  const auto count = static_cast<std::size_t>(top) + 1;
  std::vector<long long> batch(count, 1);
  auto sample = [&](int p) {
    long long calls = batch[static_cast<std::size_t>(p)];
    return cdd::time_ms([&] {
      for (long long i = 0; i < calls; ++i) job(p);
    });
  };
  for (int p = 1; p <= top; ++p) {
    long long& calls = batch[static_cast<std::size_t>(p)];
    for (double t = sample(p); t < cdd::kMinSampleMs && calls < (1LL << 24); t = sample(p))
      calls *= t > 0 ? std::max(2LL, static_cast<long long>(2 * cdd::kMinSampleMs / t)) : 10;
  }
  std::vector<std::vector<double>> times(count);
  for (int round = 0; round < reps; ++round)
    for (int p = 1; p <= top; ++p)
      times[static_cast<std::size_t>(p)].push_back(sample(p) /
                                                   static_cast<double>(batch[static_cast<std::size_t>(p)]));
  std::vector<double> medians(count, 0.0);
  for (std::size_t p = 1; p < count; ++p) medians[p] = cdd::median(times[p]);
  return medians;
}

}  // namespace parallelism
