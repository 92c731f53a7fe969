// Four synchronization tools, each in a small scene that records what every
// thread did and when (as bars for a timeline). The scenes use sleeps, not
// CPU work, so the pictures look the same on any number of cores.
#pragma once

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "recorder.h"

namespace lesson {

// The most bars labelled `label` that the timeline draws overlapping at one
// instant (a bar covers [start, end), so one ending as another starts is not
// an overlap). The semaphore's picture must never show more than its slots.
inline int most_drawn_at_once(const std::vector<Bar>& bars, const std::string& label) {
  std::vector<std::pair<double, int>> edges;  // (time, +1 start / -1 end); ends sort first
  for (const auto& bar : bars)
    if (bar.label == label) {
      edges.push_back({bar.start_ms, +1});
      edges.push_back({bar.end_ms, -1});
    }
  std::sort(edges.begin(), edges.end());
  int open = 0, most = 0;
  for (const auto& edge : edges) most = std::max(most, open += edge.second);
  return most;
}

// Condition variable: a consumer sleeps until the producer says a batch is
// ready. The flag (`ready`) is the real state; the condition variable only
// wakes the waiter up to look at it again, so a notify sent before the wait
// is not lost. Returns how many batches the consumer processed.
inline int condition_variable_scene(int batches, double prepare_ms, Recorder& rec) {
  std::mutex m;
  std::condition_variable cv;
  int ready = 0;  // batches produced so far
  int processed = 0;
  std::thread consumer([&] {
    for (int b = 1; b <= batches; ++b) {
      double wait_start = rec.now();
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return ready >= b; });
      }
      double woke = rec.now();
      rec.add("consumer", wait_start, woke, "waiting");
      sleep_ms(prepare_ms / 4);
      rec.add("consumer", woke, rec.now(), "batch " + std::to_string(b));
      ++processed;
    }
  });
  for (int b = 1; b <= batches; ++b) {
    double start = rec.now();
    sleep_ms(prepare_ms);
    rec.add("producer", start, rec.now(), "prepare " + std::to_string(b));
    {
      std::lock_guard<std::mutex> lock(m);
      ready = b;
    }
    cv.notify_one();
  }
  consumer.join();
  return processed;
}

// Counting semaphore: `workers` threads want a resource of which only
// `slots` exist (say, connections). acquire() takes a slot or waits for one;
// release() gives it back. Returns the most slots ever in use at once.
inline int semaphore_scene(int workers, int slots, double hold_ms, Recorder& rec) {
  std::counting_semaphore<64> free_slots(slots);
  std::atomic<int> in_use{0}, most{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      std::string lane = "worker " + std::to_string(w);
      double asked = rec.now();
      free_slots.acquire();
      double got = rec.now();
      int now_in_use = ++in_use;
      int seen = most.load();
      while (now_in_use > seen && !most.compare_exchange_weak(seen, now_in_use)) {
      }
      if (got - asked > 0.5) rec.add(lane, asked, got, "waiting for a slot");
      sleep_ms(hold_ms);
      --in_use;  // before release, so the count never exceeds the slots
      rec.add(lane, got, rec.now(), "using a slot");
      free_slots.release();
    });
  for (auto& t : threads) t.join();
  return most.load();
}

// Latch: a one-time countdown. Workers get ready at different speeds and
// count down; the main thread waits until the count reaches zero, then
// starts. Returns {when the last worker was ready, when main started, when
// main began to wait}.
struct LatchTimes {
  double last_ready_ms, main_start_ms, main_wait_ms;
};
inline LatchTimes latch_scene(int workers, double step_ms, Recorder& rec) {
  std::latch all_ready(workers);
  std::atomic<double> last_ready{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      double start = rec.now();
      sleep_ms(step_ms * (w + 1));  // worker w needs longer to get ready
      double ready = rec.now();
      rec.add("worker " + std::to_string(w), start, ready, "getting ready");
      double seen = last_ready.load();
      while (ready > seen && !last_ready.compare_exchange_weak(seen, ready)) {
      }
      all_ready.count_down();
    });
  double wait_start = rec.now();
  all_ready.wait();
  double go = rec.now();
  rec.add("main", wait_start, go, "waiting for all");
  sleep_ms(step_ms);
  rec.add("main", go, rec.now(), "running");
  for (auto& t : threads) t.join();
  return {last_ready.load(), go, wait_start};
}

// Barrier: a reusable meeting point. Every thread does its part of a phase,
// then waits until all have arrived; only then does the next phase begin.
// Work times vary per thread and phase, so the waiting is visible. Returns
// true if no thread started a phase before every thread finished the last.
inline bool barrier_scene(int threads_count, int phases, double step_ms, Recorder& rec) {
  std::barrier<> meet(threads_count);
  std::vector<std::vector<double>> work_end(static_cast<size_t>(phases)),
      next_start(static_cast<size_t>(phases));
  std::mutex m;
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_count; ++t)
    threads.emplace_back([&, t] {
      std::string lane = "thread " + std::to_string(t);
      for (int p = 0; p < phases; ++p) {
        double start = rec.now();
        sleep_ms(step_ms * (1 + (t + p) % threads_count));  // who is slowest changes per phase
        double done = rec.now();
        rec.add(lane, start, done, "phase " + std::to_string(p + 1));
        meet.arrive_and_wait();
        double released = rec.now();
        rec.add(lane, done, released, "waiting");
        std::lock_guard<std::mutex> lock(m);
        work_end[static_cast<size_t>(p)].push_back(done);
        next_start[static_cast<size_t>(p)].push_back(released);
      }
    });
  for (auto& t : threads) t.join();
  for (int p = 0; p < phases; ++p) {
    double last_done = *std::max_element(work_end[p].begin(), work_end[p].end());
    double first_release = *std::min_element(next_start[p].begin(), next_start[p].end());
    if (first_release < last_done) return false;
  }
  return true;
}

}  // namespace lesson
