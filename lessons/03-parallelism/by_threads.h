// Timing the same job at 1, 2, ... top threads, fairly.
//
// Timing p = 1 five times, then p = 2 five times, and so on, lets anything
// else the machine does for a few milliseconds land on the runs of one thread
// count: in a browser, for instance, the page drawing the rows and charts the
// program has just printed. That count's time is then off, and with it the
// speedup. Here the thread counts take turns instead, round after round, so
// such a moment slows one run of several counts, not every run of one.
#pragma once

#include <cdd/timing.h>

#include <algorithm>
#include <functional>
#include <vector>

namespace parallelism {

// The fastest time of one job(p), in ms, for each p in 1..top (index p; index
// 0 is unused). Each count runs once first, untimed, to warm up (caches, the
// threads, in wasm the optimizing compiler) and to find how many calls make a
// sample long enough for the clock (browsers coarsen it).
//
// The fastest run, not the median: something else on the machine (another
// program; on a virtual machine, its host) can hold a core for hundreds of
// milliseconds, longer than half the rounds, and it slows the runs that need
// both cores more than those that need one. With medians (of 9) the 2-thread
// map or sum of task_parallel came out below 1.75x in 13 of 80 Chromium runs
// on 2 cores, down to 1.21x (natively the map once in 30, 1.35x); with the
// fastest run, 1.88x-2.01x in 15 of 15. Such a spell only ever adds time, so
// the fastest run is the one it missed.
template <class Job>
std::vector<double> fastest_ms_by_threads(int top, int reps, Job&& job) {
  std::vector<std::function<double(long long)>> by_count;
  for (int p = 1; p <= top; ++p)
    by_count.push_back([&job, p](long long n) {
      auto one_call = [&] { job(p); };
      return cdd::time_calls(n, one_call);
    });
  std::vector<double> fastest = {0.0};  // index 0: no threads
  for (const std::vector<double>& samples : cdd::samples_ms_in_turns(reps, by_count))
    fastest.push_back(*std::min_element(samples.begin(), samples.end()));
  return fastest;
}

}  // namespace parallelism
