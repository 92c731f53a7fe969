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

#include <functional>
#include <vector>

namespace parallelism {

// The median time of one job(p), in ms, for each p in 1..top (index p; index
// 0 is unused). Each count runs once first, untimed, to warm up (caches, the
// threads, in wasm the optimizing compiler) and to find how many calls make a
// sample long enough for the clock (browsers coarsen it).
template <class Job>
std::vector<double> median_ms_by_threads(int top, int reps, Job&& job) {
  std::vector<std::function<double(long long)>> by_count;
  for (int p = 1; p <= top; ++p)
    by_count.push_back([&job, p](long long n) {
      auto one_call = [&] { job(p); };
      return cdd::time_calls(n, one_call);
    });
  std::vector<double> medians = cdd::medians_ms_in_turns(reps, by_count);
  medians.insert(medians.begin(), 0.0);  // index 0: no threads
  return medians;
}

}  // namespace parallelism
