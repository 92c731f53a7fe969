// Producers and consumers connected by a BoundedQueue.
//
// Producers push the numbers 1..items between them; consumers pop them, do
// `work` steps of CPU work on each (standing in for real processing) and add
// them up. If every item arrives exactly once, the consumers' total is
// items*(items+1)/2 and nothing is left over.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "bounded_queue.h"

namespace lesson {

// How a consumer decides it is done.
enum class StopRule {
  when_closed,  // pop() until the queue is closed and drained: correct
  when_empty,   // stop the first time the queue looks empty: a classic bug
};

struct PipelineResult {
  long long expected_count = 0;
  long long expected_sum = 0;
  long long pushed = 0;    // items producers managed to put in the queue
  long long consumed = 0;  // items consumers took out
  long long sum = 0;       // the consumed items' total
  unsigned checksum = 0;   // the processing results, folded together
  double ms = 0;
  // Items that should have been consumed and were not.
  long long lost() const { return expected_count - consumed; }
  // Every item exactly once: the right count and the right total.
  bool complete() const { return consumed == expected_count && sum == expected_sum; }
};

// Stand-in for processing an item: `work` steps of CPU work. Consumers fold
// the result into a checksum that ends up in the PipelineResult, so the
// optimizer cannot drop the loop. Each step is a multiply-add and a shift-xor:
// multiply-adds alone chain into another multiply-add, and clang (the
// browser's build) folded runs of them into one, so `work` cost several
// times less in the page than natively (0.65 us for work=2000, not 2-3 us).
inline unsigned process(long long item, int work) {
  unsigned x = static_cast<unsigned>(item);
  for (int i = 0; i < work; ++i) {
    x = x * 1103515245u + 12345u;
    x ^= x >> 16;
  }
  return x;
}

// The correct consumer: pop() blocks while the queue is empty and returns
// false only after close() and once every item is taken.
// Each consumer adds what it took to these shared totals.
struct Totals {
  std::atomic<long long> sum{0}, count{0};
  std::atomic<unsigned> checksum{0};
  void add(long long item, unsigned processed) {
    sum += item;
    ++count;
    checksum ^= processed;
  }
};

inline void consume_until_closed(BoundedQueue<long long>& q, int work, Totals& totals) {
  long long item;
  while (q.pop(item)) totals.add(item, process(item, work));
}

// The buggy consumer: "empty" only means "empty right now". If it checks
// before the producers have caught up, it quits, and whatever is produced
// after that is never consumed.
inline void consume_until_empty(BoundedQueue<long long>& q, int work, Totals& totals) {
  long long item;
  while (q.try_pop(item)) totals.add(item, process(item, work));
}

// With `pause_halfway`, each producer stops before its first item past the
// middle until the consumers have found the queue empty once per consumer,
// like a producer waiting for a slow source. Consumers that stop at empty
// have all quit by then (each finds it empty once, then quits), so every item
// after the middle is lost, every time; consumers that wait in pop() count
// as having found it empty, and get everything.
inline PipelineResult run_pipeline(int producers, int consumers, long long items, size_t capacity,
                                   int work, StopRule rule, bool pause_halfway = false) {
  BoundedQueue<long long> q(capacity);
  Totals totals;
  std::atomic<long long> pushed{0};
  PipelineResult r;
  r.expected_count = items;
  r.expected_sum = items * (items + 1) / 2;

  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> producing, consuming;
  for (int p = 0; p < producers; ++p)
    producing.emplace_back([&, p] {
      // Producer p pushes p+1, p+1+producers, ...
      bool paused = !pause_halfway;
      for (long long item = p + 1; item <= items; item += producers) {
        if (!paused && item > items / 2) {
          q.wait_until_found_empty(consumers);
          paused = true;
        }
        if (!q.push(item)) return;  // closed: nobody will take it
        ++pushed;
      }
    });
  for (int c = 0; c < consumers; ++c)
    consuming.emplace_back([&] {
      if (rule == StopRule::when_closed)
        consume_until_closed(q, work, totals);
      else
        consume_until_empty(q, work, totals);
    });

  // Closing after the last producer finishes tells the consumers "that was all".
  std::thread closer([&] {
    for (auto& t : producing) t.join();
    q.close();
  });
  for (auto& t : consuming) t.join();
  // If consumers quit early, producers may be stuck on a full queue; closing
  // it releases them (their items count as lost), so the program cannot hang.
  q.close();
  closer.join();
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  r.pushed = pushed;
  r.consumed = totals.count;
  r.sum = totals.sum;
  r.checksum = totals.checksum;
  return r;
}

}  // namespace lesson
