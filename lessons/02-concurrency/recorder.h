// Bars for a timeline, recorded by many threads: who did what, and when.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lesson {

struct Bar {
  std::string lane;
  double start_ms, end_ms;
  std::string label;
};

// Collects bars from many threads; times are relative to its creation.
class Recorder {
 public:
  Recorder() : origin_(std::chrono::steady_clock::now()) {}
  double now() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin_).count();
  }
  void add(const std::string& lane, double start, double end, const std::string& label) {
    std::lock_guard<std::mutex> lock(m_);
    bars_.push_back({lane, start, end, label});
  }
  std::vector<Bar> bars() const {
    std::lock_guard<std::mutex> lock(m_);
    return bars_;
  }

 private:
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex m_;
  std::vector<Bar> bars_;
};

inline void sleep_ms(double ms) {
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
}

}  // namespace lesson
