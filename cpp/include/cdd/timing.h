// Timing helpers shared by lesson programs: a monotonic clock in milliseconds,
// a median of repeated runs, and a sink that keeps the optimizer from deleting
// work whose result is otherwise unused.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace cdd {

inline double now_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

template <class Work>
double time_ms(Work&& work) {
  double start = now_ms();
  work();
  return now_ms() - start;
}

inline double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// Shortest sample worth timing. Browsers coarsen clocks (5 microseconds or
// more in a cross-origin isolated page), so shorter work is repeated in a
// batch and the batch time divided by its size.
constexpr double kMinSampleMs = 1.0;

// How many calls make a sample long enough to time. time_calls(n) times n
// calls and returns the ms they took; its first sample, of one call, is the
// warm-up (caches, allocator, JIT tiers in wasm), and n grows until a sample
// takes kMinSampleMs.
template <class TimeCalls>
long long calibrated_batch(TimeCalls&& time_calls) {
  long long batch = 1;
  for (double t = time_calls(batch); t < kMinSampleMs && batch < (1LL << 24); t = time_calls(batch))
    batch *= t > 0 ? std::max(2LL, static_cast<long long>(2 * kMinSampleMs / t)) : 10;
  return batch;
}

// Times n calls of `work`.
template <class Work>
double time_calls(long long n, Work& work) {
  return time_ms([&] {
    for (long long i = 0; i < n; ++i) work();
  });
}

// Warms `work` up and batches it (calibrated_batch), then takes `repetitions`
// samples and returns the median time of ONE call, in ms.
template <class Work>
double median_ms(int repetitions, Work&& work) {
  auto time_batch = [&](long long n) { return time_calls(n, work); };
  long long batch = calibrated_batch(time_batch);
  std::vector<double> times;
  for (int i = 0; i < repetitions; ++i) times.push_back(time_batch(batch) / static_cast<double>(batch));
  return median(times);
}

// Timing for works that are compared with each other. Each works[w](n) times
// n calls of one work and returns the ms. Every work is warmed up and batched
// alone, then they take turns: each round times one batch of each. Whatever
// slows the machine for a while (another program, the page drawing, the
// operating system moving threads between cores) then lands on all works
// alike, not on the samples of whichever work was being timed just then.
// Returns each work's samples: one call's time in ms, per round.
inline std::vector<std::vector<double>> samples_ms_in_turns(
    int repetitions, const std::vector<std::function<double(long long)>>& works) {
  std::vector<long long> batches;
  for (const auto& work : works) batches.push_back(calibrated_batch(work));
  std::vector<std::vector<double>> times(works.size());
  for (int round = 0; round < repetitions; ++round)
    for (std::size_t w = 0; w < works.size(); ++w)
      times[w].push_back(works[w](batches[w]) / static_cast<double>(batches[w]));
  return times;
}

// The median of each work's samples_ms_in_turns: one call's time in ms.
inline std::vector<double> medians_ms_in_turns(int repetitions,
                                               const std::vector<std::function<double(long long)>>& works) {
  std::vector<double> medians;
  for (const std::vector<double>& t : samples_ms_in_turns(repetitions, works)) medians.push_back(median(t));
  return medians;
}

// Writing a result here makes it observable, so the computation stays.
// For scalar results (counts, sums, flags). Threads may call it at the same
// time, so the sink is atomic (a relaxed store costs what a plain one does; a
// volatile one shared by threads would be a data race).
template <class T>
void keep(const T& value) {
  static std::atomic<T> sink{};
  sink.store(value, std::memory_order_relaxed);
}

// A duration in the unit that reads best: "0.9 s", "2.5 min", "3.1 hours",
// "12.4 days", "3.2 years" (never "0.9 s (0.0 hours)").
inline std::string human_duration(double seconds) {
  struct Unit {
    double seconds;
    const char* name;
  };
  static const Unit units[] = {{365.25 * 86400, "years"}, {86400, "days"}, {3600, "hours"}, {60, "min"}};
  char text[48];
  for (const Unit& unit : units) {
    if (seconds >= unit.seconds) {
      std::snprintf(text, sizeof text, "%.1f %s", seconds / unit.seconds, unit.name);
      return text;
    }
  }
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

}  // namespace cdd
