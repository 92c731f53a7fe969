// Bars for a timeline, recorded by many threads: who did what, and when.
#pragma once

#include <chrono>
#include <mutex>
#include <utility>
#include <string>
#include <thread>
#include <vector>

#include <cdd/shared_clock.h>

namespace lesson {

struct Bar {
  std::string lane;
  double start_ms, end_ms;
  std::string label;
  std::string state;  // "holding" or "waiting" a lock (drawn solid or hatched), or ""
};

// Collects bars from many threads; times are relative to its creation.
// Every thread reads the program's one shared clock (cdd/shared_clock.h), so a bar
// that ends before another thread's bar begins (by a lock, a semaphore, a
// barrier) is also drawn ending before it. Tests pass another clock.
class Recorder {
 public:
  Recorder() : Recorder(cdd::shared_now_ms) {}
  explicit Recorder(cdd::TimeSource clock) : clock_(std::move(clock)), origin_(clock_()) {}
  double now() const { return clock_() - origin_; }
  void add(const std::string& lane, double start, double end, const std::string& label,
           const std::string& state = "") {
    std::lock_guard<std::mutex> lock(m_);
    bars_.push_back({lane, start, end, label, state});
  }
  std::vector<Bar> bars() const {
    std::lock_guard<std::mutex> lock(m_);
    return bars_;
  }

 private:
  cdd::TimeSource clock_;
  double origin_;
  mutable std::mutex m_;
  std::vector<Bar> bars_;
};

inline void sleep_ms(double ms) {
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
}

}  // namespace lesson
