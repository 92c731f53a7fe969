// False sharing: threads that share no data can still slow each other down.
//
// Caches move memory in lines of 64 bytes. When two threads each increment
// their OWN counter, but both counters sit in the same 64-byte line, every
// write by one core invalidates the line in the other core's cache; the line
// bounces between the cores on every increment. Padding each counter to a
// line of its own (alignas(64)) removes the sharing without changing any
// result.
#pragma once

#include "kernel.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "thread_team.h"

namespace parallelism {

// Counters are atomics so every increment really reaches memory (a plain int
// would live in a register until the loop ends, hiding the effect). Relaxed
// order: nothing else is published through these counters.
struct PackedCounter {
  std::atomic<std::uint64_t> value{0};
};

struct alignas(64) PaddedCounter {
  std::atomic<std::uint64_t> value{0};
};

static_assert(sizeof(PaddedCounter) == 64, "one counter per cache line");

KERNEL inline void count_up(std::atomic<std::uint64_t>& counter, std::uint64_t increments) {
  for (std::uint64_t i = 0; i < increments; ++i) counter.fetch_add(1, std::memory_order_relaxed);
}

// Up to 64 counters that start at the start of a cache line. Where malloc
// put them, two 8-byte packed counters could straddle two lines and share
// nothing, and where malloc puts them depends on what the program allocated
// before (the browser's and node's runtimes differ): the effect came and went.
template <class Counter>
struct alignas(64) CounterBlock {
  static constexpr int kMax = 64;
  Counter items[kMax];
};

// Every thread adds 1 to its own counter `increments` times. Returns the
// counters' values (each must equal `increments`). At most CounterBlock's
// 64 threads.
template <class Counter>
std::vector<std::uint64_t> count_in_parallel(int threads, std::uint64_t increments) {
  auto block = std::make_unique<CounterBlock<Counter>>();  // aligned new (C++17)
  threads = std::min(threads, CounterBlock<Counter>::kMax);
  run_team(threads, [&](int t) { count_up(block->items[t].value, increments); });
  std::vector<std::uint64_t> values;
  for (int t = 0; t < threads; ++t) values.push_back(block->items[t].value.load());
  return values;
}

}  // namespace parallelism
