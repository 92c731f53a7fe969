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
#include <cstddef>
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

// Runs body(index) for index 0..count-1, each on its own thread, and returns
// when all are done. Index 0 runs on the calling thread, which would otherwise
// sit idle waiting: one thread fewer to start.
template <class Body>
void run_team(int count, Body&& body) {
  std::vector<std::thread> team;
  team.reserve(static_cast<std::size_t>(std::max(0, count - 1)));
  for (int index = 1; index < count; ++index) team.emplace_back([&body, index] { body(index); });
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
