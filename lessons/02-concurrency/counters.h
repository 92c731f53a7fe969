// Several threads count, into one shared counter, the "hits" among the
// numbers 0 .. threads*per_thread-1; thread t looks at its own block of
// per_thread numbers. Four ways to do it. The correct ones always end at
// count_sequential(threads * per_thread).
//
// Why hits and not "add 1 every time"? A loop that only adds 1 is folded by
// the optimizer into one addition, and the per-thread version would take no
// time at all. A cheap test per number keeps a real loop in every version.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace lesson {

// About half of all numbers are hits: the top bit of a multiplicative hash.
inline bool is_hit(long long i) {
  return (static_cast<std::uint32_t>(i) * 2654435761u) >> 31;
}

inline long long count_sequential(long long n) {
  long long hits = 0;
  for (long long i = 0; i < n; ++i) hits += is_hit(i);
  return hits;
}

// Runs body(thread_index) on `threads` threads and waits for all of them;
// the calling thread is thread 0 and starts threads 1 .. threads-1.
// They wait at a starting line until all exist, so that they really run at
// the same time (starting a thread takes longer than a short body: in a
// browser a thread is a Web Worker, and starting one can take milliseconds).
// The calling thread opens the line once every thread stands at it;
// `work_ms`, if given, receives the time from then until the last thread is
// done, read on the calling thread's own clock: the counting, without the
// thread start-up that would otherwise swamp it. The caller counts too rather
// than wait beside the threads: with 2 threads on 2 cores it would be a third
// busy thread at the line.
template <class Body>
void run_on_threads(int threads, Body body, double* work_ms = nullptr) {
  std::atomic<int> at_start{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> others;
  for (int t = 1; t < threads; ++t)
    others.emplace_back([&, t] {
      ++at_start;
      while (!go.load()) std::this_thread::yield();
      body(t);
    });
  while (at_start.load() < threads - 1) std::this_thread::yield();
  auto opened = std::chrono::steady_clock::now();
  go = true;
  body(0);
  for (auto& th : others) th.join();
  if (work_ms)
    *work_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - opened).count();
}

// The race, written without undefined behaviour: read the counter, then write
// back one more, as two separate atomic operations. Between the load and the
// store another thread can write; this store then overwrites that update,
// which is lost. (With a plain `long long` the same code would be a data race,
// which C++ calls undefined behaviour: the compiler may assume no other thread
// writes the variable, keep it in a register and store it once at the end, or
// worse. Relaxed atomics keep every load and store real while still letting
// updates be lost.)
//
// `between(t, seen)` runs in thread t after each load, before the store. The
// plain count_racy below passes one that does nothing (the compiler removes
// it); races.cpp passes one that counts how often the threads took turns, and
// a test one that makes two threads meet there, so that the lost update
// happens every time instead of when the scheduler happens to allow it.
template <class BetweenLoadAndStore>
long long count_racy(int threads, long long per_thread, BetweenLoadAndStore between, double* work_ms = nullptr) {
  std::atomic<long long> counter{0};
  run_on_threads(threads, [&](int t) {
    for (long long i = t * per_thread; i < (t + 1) * per_thread; ++i) {
      if (!is_hit(i)) continue;
      long long seen = counter.load(std::memory_order_relaxed);
      between(t, seen);
      counter.store(seen + 1, std::memory_order_relaxed);
    }
  }, work_ms);
  return counter.load();
}

inline long long count_racy(int threads, long long per_thread, double* work_ms = nullptr) {
  return count_racy(threads, per_thread, [](int, long long) {}, work_ms);
}

// Fix 1: a mutex makes read-add-write a critical section; one thread at a time.
inline long long count_mutex(int threads, long long per_thread, double* work_ms = nullptr) {
  long long counter = 0;
  std::mutex m;
  run_on_threads(threads, [&](int t) {
    for (long long i = t * per_thread; i < (t + 1) * per_thread; ++i) {
      if (!is_hit(i)) continue;
      std::lock_guard<std::mutex> lock(m);
      ++counter;
    }
  }, work_ms);
  return counter;
}

// Fix 2: one indivisible read-modify-write instruction.
inline long long count_atomic(int threads, long long per_thread, double* work_ms = nullptr) {
  std::atomic<long long> counter{0};
  run_on_threads(threads, [&](int t) {
    for (long long i = t * per_thread; i < (t + 1) * per_thread; ++i)
      if (is_hit(i)) counter.fetch_add(1, std::memory_order_relaxed);
  }, work_ms);
  return counter.load();
}

// Fix 3: share nothing while working. Each thread counts in its own local
// variable and writes its own slot once; the main thread adds the slots up
// after join(), which makes the threads' writes visible to it.
inline long long count_partial(int threads, long long per_thread, double* work_ms = nullptr) {
  std::vector<long long> partial(static_cast<size_t>(threads), 0);
  run_on_threads(threads, [&](int t) {
    long long mine = 0;
    for (long long i = t * per_thread; i < (t + 1) * per_thread; ++i) mine += is_hit(i);
    partial[static_cast<size_t>(t)] = mine;
  }, work_ms);
  long long total = 0;
  for (long long p : partial) total += p;
  return total;
}

}  // namespace lesson
