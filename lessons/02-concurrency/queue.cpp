// Producers and consumers: a bounded blocking queue in the middle.
//
// Part 1 checks that every item arrives exactly once with the chosen stop
// rule: `stop=closed` (consumers wait until the queue is closed and drained)
// or `stop=empty` (consumers quit the first time the queue looks empty, a
// common bug that loses items). How much is lost depends on timing; with
// `pause=yes` the producers stop halfway until every consumer has found the
// queue empty, so with stop=empty everything after the middle is lost, every
// time (consumers that wait in pop() get everything).
// Part 2 measures throughput (items per millisecond) for 1, 2, 4...
// producers and consumers. With little work per item the threads mostly fight
// over the queue's one mutex, and more threads do not help; with more work
// per item (work=2000), extra consumers pay off.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "pipeline.h"
#include "thread_support.h"

std::vector<int> thread_counts(int max) {
  std::vector<int> counts;
  for (int t = 1; t < max; t *= 2) counts.push_back(t);
  counts.push_back(max);
  return counts;
}

// Part 2's measurement: items per ms for every number of producers (first
// index) and consumers (second), the median of `runs`. One untimed run of each
// first (warm-up), then the combinations take turns, run after run: whatever
// else the machine does for a while (in a browser, the page drawing Part 1's
// output) slows one run of several, which the median drops, instead of every
// run of the first one measured. Nothing is printed until all are measured.
std::vector<std::vector<double>> throughputs(const std::vector<int>& counts, long long items, size_t capacity,
                                             int work, int runs) {
  std::vector<std::vector<std::vector<double>>> ms(counts.size(), std::vector<std::vector<double>>(counts.size()));
  for (int run = 0; run <= runs; ++run)
    for (size_t i = 0; i < counts.size(); ++i)
      for (size_t k = 0; k < counts.size(); ++k) {
        bool complete = true;
        double t = cdd::time_ms([&] {
          complete = lesson::run_pipeline(counts[i], counts[k], items, capacity, work, lesson::StopRule::when_closed)
                         .complete();
        });
        if (!complete) std::fprintf(stderr, "error: the closed-queue pipeline lost items\n");
        if (run > 0) ms[i][k].push_back(t);
      }
  std::vector<std::vector<double>> per_ms(counts.size());
  for (size_t i = 0; i < counts.size(); ++i)
    for (size_t k = 0; k < counts.size(); ++k) {
      // A run too short for the browser's coarse clock reads 0 ms: count it as 1 microsecond.
      per_ms[i].push_back(static_cast<double>(items) / std::max(cdd::median(ms[i][k]), 1e-3));
    }
  return per_ms;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int max_threads = static_cast<int>(args.integer("threads", 4, 1, 8));
  long long items = args.integer("items", 100000, 1, 10000000);
  int capacity = static_cast<int>(args.integer("capacity", 64, 1, 1000000));
  int work = static_cast<int>(args.integer("work", 200, 0, 100000));
  int runs = static_cast<int>(args.integer("runs", 3, 1, 20));
  std::string stop = args.choice("stop", "closed", {"closed", "empty"});
  bool pause = args.choice("pause", "no", {"no", "yes"}) == "yes";
  if (!args.ok()) return args.fail();
  if (!lesson::require_threads("the producer/consumer queue")) return 0;
  lesson::StopRule rule = stop == "closed" ? lesson::StopRule::when_closed : lesson::StopRule::when_empty;

  std::printf("%lld items through a queue of capacity %d, %d work steps per item%s\n\n", items,
              capacity, work, pause ? "; producers pause halfway until each consumer found the queue empty" : "");

  // Part 1: does every item arrive?
  cdd::chart("lost", "Items lost per run (stop=" + stop + ")", "run", "lost items");
  int bad_runs = 0;
  for (int run = 1; run <= runs; ++run) {
    auto r = lesson::run_pipeline(max_threads, max_threads, items, static_cast<size_t>(capacity), work, rule, pause);
    cdd::report("stop=" + stop, run, static_cast<double>(r.lost()), "items");
    std::printf("run %d, %d producers + %d consumers, stop=%s: consumed %lld of %lld, lost %lld%s\n",
                run, max_threads, max_threads, stop.c_str(), r.consumed, r.expected_count, r.lost(),
                r.complete() ? "" : "  <- WRONG");
    if (!r.complete()) ++bad_runs;
  }
  if (bad_runs)
    std::printf("%d of %s lost items: the consumers stopped while producers were still "
                "producing.\n", bad_runs, cdd::plural(runs, "run", "runs").c_str());

  // Part 2: throughput, always with the correct stop rule.
  std::vector<int> counts = thread_counts(max_threads);
  std::vector<std::vector<double>> per_ms = throughputs(counts, items, static_cast<size_t>(capacity), work, runs);
  std::printf("\nThroughput (items/ms, median of %s)\n%-12s", cdd::plural(runs, "run", "runs").c_str(), "consumers:");
  for (int c : counts) std::printf("%10d", c);
  std::printf("\n");
  cdd::chart("throughput", "Queue throughput", "consumers", "items per ms");
  for (size_t i = 0; i < counts.size(); ++i) {
    std::string row, series = std::to_string(counts[i]) + (counts[i] == 1 ? " producer" : " producers");
    for (size_t k = 0; k < counts.size(); ++k) {
      cdd::report(series, counts[k], per_ms[i][k], "items/ms");
      char cell[16];
      std::snprintf(cell, sizeof cell, "%10.0f", per_ms[i][k]);
      row += cell;
    }
    std::printf("%-12s%s\n", series.c_str(), row.c_str());
  }
  return 0;
}
