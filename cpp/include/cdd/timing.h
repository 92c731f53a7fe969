// Timing helpers shared by lesson programs: a monotonic clock in milliseconds,
// a median of repeated runs, and a sink that keeps the optimizer from deleting
// work whose result is otherwise unused.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
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

// Runs `work` once to warm up (caches, allocator, JIT tiers in wasm) and to
// find how many calls make a sample long enough to time, then takes
// `repetitions` samples and returns the median time of ONE call, in ms.
template <class Work>
double median_ms(int repetitions, Work&& work) {
  long long batch = 1;
  auto run_batch = [&] {
    return time_ms([&] {
      for (long long i = 0; i < batch; ++i) work();
    });
  };
  for (double t = run_batch(); t < kMinSampleMs && batch < (1LL << 24); t = run_batch())
    batch *= t > 0 ? std::max(2LL, static_cast<long long>(2 * kMinSampleMs / t)) : 10;
  std::vector<double> times;
  for (int i = 0; i < repetitions; ++i) times.push_back(run_batch() / static_cast<double>(batch));
  return median(times);
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
