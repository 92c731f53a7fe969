// A race: threads that update one counter without coordination lose updates.
//
// Several threads count the hits among their own numbers (see counters.h)
// into one shared counter. The racy version reads the counter and writes back
// one more as two separate steps, so two threads can read the same value and
// one increment disappears. Run it a few times: the loss changes from run to
// run, because it depends on how the threads happen to interleave.
//
// Then three fixes, timed for 1, 2, 4... threads: a mutex, an atomic
// fetch_add, and per-thread partial sums combined at the end.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <string>
#include <vector>

#include "counters.h"
#include "thread_support.h"

struct Method {
  const char* key;   // the value of method=...
  const char* name;  // the chart series
  long long (*count)(int threads, long long per_thread);
};

const Method kMethods[] = {{"racy", "racy", lesson::count_racy},
                           {"mutex", "mutex", lesson::count_mutex},
                           {"atomic", "atomic", lesson::count_atomic},
                           {"partial", "partial sums", lesson::count_partial}};

// printf into a string, for table rows built while report lines stream out.
template <class... Values>
std::string cell(const char* format, Values... values) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, values...);
  return buf;
}

// 1, 2, 4, ... up to max, and max itself.
std::vector<int> thread_counts(int max) {
  std::vector<int> counts;
  for (int t = 1; t < max; t *= 2) counts.push_back(t);
  counts.push_back(max);
  return counts;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  std::string only = args.choice("method", "all", {"all", "racy", "mutex", "atomic", "partial"});
  int max_threads = static_cast<int>(args.integer("threads", 4, 1, 16));
  long long per_thread = args.integer("n", 2000000, 1, 50000000);
  int runs = static_cast<int>(args.integer("runs", 5, 1, 50));
  if (!args.ok()) return args.fail();
  if (!lesson::require_threads("the race demo")) return 0;

  std::vector<Method> methods;
  for (const Method& m : kMethods)
    if (only == "all" || only == m.key) methods.push_back(m);

  long long expected = lesson::count_sequential(max_threads * per_thread);
  std::printf("%d threads look at %lld numbers each; %lld of all of them are hits.\n\n",
              max_threads, per_thread, expected);

  // Part 1: correctness, run after run, at the full thread count.
  cdd::chart("lost", "Updates lost in each run (" + std::to_string(max_threads) + " threads)",
             "run", "lost updates");
  std::printf("%-14s %s\n", "method", "lost updates in each run");
  int wrong_methods = 0;
  for (const Method& m : methods) {
    // Report lines go out as they are measured; the table row is printed whole after them.
    std::string row;
    long long worst = 0;
    for (int run = 1; run <= runs; ++run) {
      long long got = m.count(max_threads, per_thread);
      long long lost = expected - got;
      worst = std::max(worst, lost);
      row += cell("%10lld", lost);
      cdd::report(std::string(m.name) + " lost updates", run, static_cast<double>(lost), "updates");
    }
    if (worst > 0)
      row += cell("   <- up to %.2f%% lost", 100.0 * static_cast<double>(worst) / static_cast<double>(expected));
    std::printf("%-14s%s\n", m.name, row.c_str());
    if (worst != 0) ++wrong_methods;
  }

  // Part 2: the price of each fix as the thread count grows.
  std::printf("\nMedian time (ms) of %d runs; every thread does the same work\n%-14s", runs, "threads");
  std::vector<int> counts = thread_counts(max_threads);
  for (int t : counts) std::printf("%10d", t);
  std::printf("\n");
  cdd::chart("time", "Time to count the hits, by thread count", "threads", "time (ms)");
  for (const Method& m : methods) {
    std::string row;
    for (int t : counts) {
      long long result = 0;
      double ms = cdd::median_ms(runs, [&] { result = m.count(t, per_thread); });
      cdd::keep(result);
      row += cell("%10.2f", ms);
      cdd::report(m.name, t, ms, "ms");
    }
    std::printf("%-14s%s\n", m.name, row.c_str());
  }
  std::printf("\nWith perfect scaling the time stays flat while threads <= cores (%u here).\n",
              std::thread::hardware_concurrency());
  if (wrong_methods > 0)
    std::printf("%d method%s lost updates.\n", wrong_methods, wrong_methods == 1 ? "" : "s");
  return 0;
}
