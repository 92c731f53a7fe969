// Concurrency is not parallelism: who makes progress when?
//
// The same `tasks` CPU-bound tasks run twice:
//   1. one worker thread does them all, one after another;
//   2. one thread per task, all started at once.
// Each task works in small slices and notes the time after every slice. The
// page draws those moments as a timeline with one lane per thread: a bar is a
// stretch of uninterrupted progress, a gap is time the thread spent waiting
// for a core. With more threads than cores the operating system time-slices:
// the threads are concurrent (all in progress) but only `cores` of them are
// parallel (running at the same instant).
//
// Then it measures what a thread costs: starting and joining one, and a
// blocking hand-off between two threads (one sleeps, the other wakes it).
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/shared_clock.h>
#include <cdd/timing.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "handoff.h"
#include "progress_spans.h"
#include "thread_support.h"

// A slice of pure CPU work. Callers fold the result into a checksum they
// keep, so the optimizer cannot drop the loop. (Each thread keeps its own:
// threads writing one shared variable would slow each other down, and that
// is not what this program measures.)
unsigned spin(long long iterations, unsigned seed) {
  unsigned x = seed;
  for (long long i = 0; i < iterations; ++i) x = x * 1103515245u + 12345u;
  return x;
}

// How many iterations make one slice of `slice_ms` on this machine.
long long iterations_per_slice(double slice_ms) {
  long long n = 1000;
  while (true) {
    unsigned sum = 0;
    double ms = cdd::median_ms(3, [&] { sum ^= spin(n, sum); });
    cdd::keep(sum);
    if (ms > 2.0) return std::max(1LL, static_cast<long long>(n * slice_ms / ms));
    n *= 4;
  }
}

struct TaskRecord {
  int task;
  double start_ms;
  std::vector<double> moments;
  unsigned checksum;
};

// Times taken on different threads are compared (a task's start with the
// origin another thread set), so every time here comes from the one clock
// all threads share (cdd/shared_clock.h): a browser's workers' own clocks disagree.
inline double now_ms() { return cdd::shared_now_ms(); }

// One task: `slices` slices of work, noting the time after each.
TaskRecord run_task(int task, int slices, long long iterations, double origin_ms) {
  TaskRecord r{task, now_ms() - origin_ms, {}, static_cast<unsigned>(task)};
  r.moments.reserve(static_cast<size_t>(slices));
  for (int s = 0; s < slices; ++s) {
    r.checksum = spin(iterations, r.checksum);
    r.moments.push_back(now_ms() - origin_ms);
  }
  return r;
}

// Draws one task's progress; returns how many times it was interrupted.
int draw(const std::string& timeline, const std::string& lane, const TaskRecord& r,
         double max_gap_ms) {
  auto spans = lesson::merge_progress(r.start_ms, r.moments, max_gap_ms);
  for (const auto& s : spans)
    cdd::span(timeline, lane, s.start_ms, s.end_ms, "task " + std::to_string(r.task));
  return spans.empty() ? 0 : static_cast<int>(spans.size()) - 1;
}

// Median time to start a thread that does nothing and join it, in microseconds.
double thread_start_join_us(int reps) {
  return 1000 * cdd::median_ms(reps, [] {
           std::thread t([] {});
           t.join();
         });
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int tasks = static_cast<int>(args.integer("tasks", 4, 1, 16));
  double work_ms = args.number("work_ms", 60, 1, 1000);
  double slice_ms = args.number("slice_ms", 0.05, 0.01, 5);
  if (!args.ok()) return args.fail();

  unsigned cores = std::thread::hardware_concurrency();
  std::printf("%d tasks of about %.0f ms of CPU work each; this machine reports %u core%s\n",
              tasks, work_ms, cores, cores == 1 ? "" : "s");
  if (!lesson::require_threads("the timeline")) return 0;

  long long iterations = iterations_per_slice(slice_ms);
  int slices = std::max(1, static_cast<int>(work_ms / slice_ms));
  // A pause of ten slices cannot be noise in the work itself: the thread was off its core.
  double max_gap_ms = 10 * slice_ms;

  // 1. One worker thread does every task in turn.
  std::vector<TaskRecord> sequential;
  double origin = now_ms();
  std::thread worker([&] {
    for (int t = 0; t < tasks; ++t) sequential.push_back(run_task(t, slices, iterations, origin));
  });
  worker.join();
  double sequential_ms = now_ms() - origin;

  // 2. One thread per task, all at once. Starting a thread takes a while (in
  // a browser, possibly a new Web Worker), so the threads first wait at a
  // starting line; the clock starts when the last one is there.
  std::vector<TaskRecord> parallel(static_cast<size_t>(tasks));
  std::mutex gate;
  std::condition_variable all_there;
  int arrived = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < tasks; ++t)
    threads.emplace_back([&, t] {
      double start;
      {
        std::unique_lock<std::mutex> lock(gate);
        if (++arrived == tasks) {
          origin = now_ms();
          all_there.notify_all();
        } else {
          all_there.wait(lock, [&] { return arrived == tasks; });
        }
        start = origin;
      }
      parallel[static_cast<size_t>(t)] = run_task(t, slices, iterations, start);
    });
  for (auto& th : threads) th.join();
  double parallel_ms = now_ms() - origin;

  // Both ways did the same work, so they must agree on every task's checksum.
  for (int t = 0; t < tasks; ++t)
    if (sequential[static_cast<size_t>(t)].checksum != parallel[static_cast<size_t>(t)].checksum)
      std::fprintf(stderr, "error: task %d computed different results\n", t);

  int interruptions_sequential = 0, interruptions_parallel = 0;
  for (const auto& r : sequential)
    interruptions_sequential += draw("one worker thread", "worker thread", r, max_gap_ms);
  for (const auto& r : parallel)
    interruptions_parallel += draw("one thread per task", "thread " + std::to_string(r.task), r, max_gap_ms);

  std::printf("\n%-22s %12s %16s\n", "", "wall time", "interruptions");
  std::printf("%-22s %9.1f ms %16d\n", "one worker thread", sequential_ms, interruptions_sequential);
  std::printf("%-22s %9.1f ms %16d\n", "one thread per task", parallel_ms, interruptions_parallel);
  std::printf("Speed-up from threads: %.2fx (at most min(tasks, cores) = %u)\n",
              sequential_ms / parallel_ms, std::min<unsigned>(static_cast<unsigned>(tasks), std::max(1u, cores)));

  // What a thread costs.
  double start_us = thread_start_join_us(200);
  double switch_us = lesson::handoff_us(5000);
  cdd::table_columns("costs", {"operation", "median time"});
  char cell[64];
  std::snprintf(cell, sizeof cell, "%.1f us", start_us);
  cdd::table_row("costs", {"start and join an empty thread", cell});
  std::snprintf(cell, sizeof cell, "%.1f us", switch_us);
  cdd::table_row("costs", {"blocking hand-off between two threads", cell});
  std::printf("\nStarting and joining a thread: %.1f us; a blocking hand-off: %.1f us\n",
              start_us, switch_us);
  return 0;
}
