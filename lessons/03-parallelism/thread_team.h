// Starting a team of threads, and finding out how many can start at all.
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

// A starting line: each of `count` threads waits at it until all have
// arrived. (C++20's std::latch does this; the programs are C++17.)
class StartLine {
 public:
  explicit StartLine(int count) : waiting_(count) {}

  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (--waiting_ <= 0) {
      all_here_.notify_all();
      return;
    }
    all_here_.wait(lock, [this] { return waiting_ <= 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_here_;
  int waiting_;
};

// Runs body(index) for index 0..count-1, each on its own thread, and returns
// when all are done. Index 0 runs on the calling thread, which would otherwise
// sit idle waiting: one thread fewer to start.
//
// Starting a thread takes a while (in a browser, a message to a Web Worker),
// so without a starting line thread 0 would begin at once and the last thread
// much later: with work handed out on demand, thread 0 could take all of it
// before the others exist. Every member therefore waits until the whole team
// is there, and all begin together.
template <class Body>
void run_team(int count, Body&& body) {
  if (count <= 1) {
    body(0);
    return;
  }
  StartLine start(count);
  std::vector<std::thread> team;
  team.reserve(static_cast<std::size_t>(count - 1));
  for (int index = 1; index < count; ++index) {
    team.emplace_back([&body, &start, index] {
      start.arrive_and_wait();
      body(index);
    });
  }
  start.arrive_and_wait();
  body(0);
  for (auto& t : team) t.join();
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
