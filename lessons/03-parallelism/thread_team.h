// A team of threads, started once and reused, and how many can start at all.
//
// In the page there are two builds of every program: one with threads (needs
// a cross-origin isolated page for SharedArrayBuffer) and a single-threaded
// fallback in which starting a thread fails. std::thread reports that failure
// with an exception, and WebAssembly builds have exceptions turned off, so a
// failed start would abort the program. We therefore ask once with
// pthread_create, which returns an error code instead, and clamp the number
// of threads to what can really start.
#pragma once

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace parallelism {

inline bool threads_can_start() {
  static const bool can = [] {
    pthread_t probe;
    auto nothing = [](void*) -> void* { return nullptr; };
    if (pthread_create(&probe, nullptr, nothing, nullptr) != 0) return false;
    pthread_join(probe, nullptr);
    return true;
  }();
  return can;
}

// How many threads to use when `wanted` were asked for: 1 when no thread can
// start, `wanted` otherwise.
inline int usable_threads(int wanted) {
  if (wanted <= 1) return 1;
  return threads_can_start() ? wanted : 1;
}

// The number of hardware threads the system reports (at least 1). In the
// browser this is navigator.hardwareConcurrency.
inline int hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// A team of threads started once and kept: run(count, body) wakes count - 1
// of them, runs body(0) on the calling thread and returns when all are done.
//
// Why keep them: starting a thread takes a while (in a browser, a message to
// a Web Worker, which can take milliseconds when the page is busy), and a
// measured run that starts its threads measures that start too, a cost that
// has nothing to do with the work and swamps a short job. The first run of a
// given size starts the threads (the programs' warm-up run); every measured
// run after it only wakes them, which costs microseconds. One run at a time:
// the programs call it from their main thread only.
class Team {
 public:
  static Team& shared() {
    static Team team;
    return team;
  }

  template <class Body>
  void run(int count, Body& body) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (static_cast<int>(members_.size()) < count - 1) {
      int index = static_cast<int>(members_.size()) + 1;
      long long before = round_;  // the new member serves every round after this one
      wakes_.push_back(std::make_unique<std::condition_variable>());
      members_.emplace_back([this, index, before] { serve(index, before); });
    }
    job_ = [&body](int index) { body(index); };
    active_ = count;
    pending_ = count - 1;
    ++round_;
    // Only the members this round needs: one shared condition variable would
    // wake every member each round, and the idle ones would take a core and
    // the lock from the working ones for nothing (in a browser each wake-up of
    // a Web Worker costs far more than the check it makes).
    for (int i = 0; i < count - 1; ++i) wakes_[static_cast<std::size_t>(i)]->notify_one();
    lock.unlock();
    body(0);
    lock.lock();
    done_.wait(lock, [this] { return pending_ == 0; });
  }

  ~Team() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    for (auto& wake : wakes_) wake->notify_one();
    for (auto& member : members_) member.join();
  }

 private:
  Team() = default;

  // Member `index` waits for each round after `seen` that needs it and runs its part.
  void serve(int index, long long seen) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      std::condition_variable& wake = *wakes_[static_cast<std::size_t>(index - 1)];
      wake.wait(lock, [&] { return stop_ || (round_ != seen && index < active_); });
      if (stop_) return;
      seen = round_;
      std::function<void(int)> job = job_;
      lock.unlock();
      job(index);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<std::unique_ptr<std::condition_variable>> wakes_;  // member i + 1 waits on wakes_[i]
  std::vector<std::thread> members_;
  std::function<void(int)> job_;
  long long round_ = 0;
  int active_ = 0, pending_ = 0;
  bool stop_ = false;
};

// Runs body(index) for index 0..count-1, each on its own thread of the
// shared team, and returns when all are done. Index 0 runs on the calling
// thread, which would otherwise sit idle waiting.
template <class Body>
void run_team(int count, Body&& body) {
  if (count <= 1) {
    body(0);
    return;
  }
  Team::shared().run(count, body);
}

// The part [begin, end) of n items that worker `index` of `parts` gets when
// the items are split into nearly equal contiguous blocks.
struct Range {
  std::size_t begin, end;
};
inline Range block_of(std::size_t n, int parts, int index) {
  std::size_t p = static_cast<std::size_t>(parts), i = static_cast<std::size_t>(index);
  return {n * i / p, n * (i + 1) / p};
}

}  // namespace parallelism
