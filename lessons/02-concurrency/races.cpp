// A race: threads that update one counter without coordination lose updates.
//
// Several threads count the hits among their own numbers (see counters.h)
// into one shared counter. The racy version reads the counter and writes back
// one more as two separate steps, so two threads can read the same value and
// one increment disappears. Run it a few times: the loss changes from run to
// run, because it depends on how the threads happen to interleave. The racy
// runs also count how often the threads took turns at the counter: a thread
// that finds it changed since its own last write has had another thread
// writing in between. Without turns (on a busy machine the threads may run
// one after the other) nothing can be lost.
//
// Then three fixes, timed for 1, 2, 4... threads: a mutex, an atomic
// fetch_add, and per-thread partial sums combined at the end.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "counters.h"
#include "thread_support.h"

struct Method {
  const char* key;   // the value of method=...
  const char* name;  // the chart series
  long long (*count)(int threads, long long per_thread, double* work_ms);
};

const Method kMethods[] = {{"racy", "racy", lesson::count_racy},
                           {"mutex", "mutex", lesson::count_mutex},
                           {"atomic", "atomic", lesson::count_atomic},
                           {"partial", "partial sums", lesson::count_partial}};

// The racy count of Part 1, also counting turns: how often a thread's load
// found a value it had not written itself (another thread wrote since its own
// last store). Each thread keeps its count in its own cache line.
struct alignas(64) Turns {
  long long expected = 0;  // what the counter holds if nobody else wrote
  long long taken = 0;
};

long long count_racy_with_turns(int threads, long long per_thread, long long& turns) {
  std::vector<Turns> per_thread_turns(static_cast<size_t>(threads));
  long long got = lesson::count_racy(threads, per_thread, [&](int t, long long seen) {
    Turns& mine = per_thread_turns[static_cast<size_t>(t)];
    if (seen != mine.expected) ++mine.taken;
    mine.expected = seen + 1;
  });
  turns = 0;
  for (const Turns& t : per_thread_turns) turns += t.taken;
  return got;
}

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

// Part 1: correctness, run after run, at the full thread count. Returns how
// many methods lost updates.
int count_lost_updates(const std::vector<Method>& methods, int threads, long long per_thread, int runs) {
  long long expected = lesson::count_sequential(threads * per_thread);
  cdd::chart("lost", "Updates lost in each run (" + std::to_string(threads) + " threads)", "run", "lost updates");
  std::printf("%-14s %s\n", "method", "lost updates in each run");
  int wrong_methods = 0;
  std::vector<long long> racy_turns;
  for (const Method& m : methods) {
    // Report lines go out as they are measured; the table row is printed whole after them.
    std::string row, turns_row;
    long long worst = 0;
    bool racy = std::string(m.key) == "racy";
    for (int run = 1; run <= runs; ++run) {
      long long turns = 0;
      long long got = racy ? count_racy_with_turns(threads, per_thread, turns) : m.count(threads, per_thread, nullptr);
      long long lost = expected - got;
      worst = std::max(worst, lost);
      row += cell("%10lld", lost);
      cdd::report(std::string(m.name) + " lost updates", run, static_cast<double>(lost), "updates");
      if (racy) {
        racy_turns.push_back(turns);
        turns_row += cell("%10lld", turns);
      }
    }
    if (worst > 0)
      row += cell("   <- up to %.2f%% lost", 100.0 * static_cast<double>(worst) / static_cast<double>(expected));
    std::printf("%-14s%s\n", m.name, row.c_str());
    if (racy) std::printf("%-14s%s\n", "(racy turns)", turns_row.c_str());
    if (worst != 0) ++wrong_methods;
  }
  if (!racy_turns.empty()) {
    std::printf("A turn: a racy thread found the counter changed by another since its own last write.\n"
                "Threads that run at the same time take thousands and lose updates. On a busy machine\n"
                "they may share one core and take far fewer: updates are then lost or not, depending\n"
                "on where the system switched between them.\n");
    cdd::chart("turns", "Turns the racy threads took at the counter in each run", "run", "turns");
    for (size_t run = 0; run < racy_turns.size(); ++run)
      cdd::report("racy turns", static_cast<double>(run + 1), static_cast<double>(racy_turns[run]), "turns");
  }
  return wrong_methods;
}

// Part 2's measurement of one method: the fastest time of a count at each
// thread count. Each run is timed from the moment every thread stands at the
// starting line (counters.h): what the counting costs, not starting the
// threads. One run per thread count first, untimed, to warm up (caches; in
// wasm, the optimizing compiler). Then the thread counts take turns, run after
// run: whatever else the machine does for a few ms slows one run of several
// counts instead of every run of one count.
//
// The fastest run, not the median: something else on the machine can hold a
// core for longer than half the runs, and it slows the runs that need every
// core more than the 1-thread ones (with medians, the partial sums at 2 threads
// took twice their 1-thread time in about 1 of 20 Chromium runs). It only
// ever adds time, so the fastest run is the one it missed.
//
// A count shorter than kShortestTimedMs on one thread is timed on `scale`
// times the numbers and divided by `scale`, so that one thread's hiccup (a
// late wake-up, a moment of the browser's own work) is a small part of it.
constexpr double kShortestTimedMs = 5.0;

struct Timing {
  std::vector<double> fastest;  // per thread count, ms per count of per_thread numbers each
  long long scale = 1;          // each timed run counted scale * per_thread numbers per thread
};

Timing fastest_times(const Method& m, const std::vector<int>& counts, long long per_thread, int runs) {
  Timing timing;
  std::vector<std::vector<double>> times(counts.size());
  for (int run = 0; run <= runs; ++run)
    for (size_t i = 0; i < counts.size(); ++i) {
      double work_ms = 0;
      cdd::keep(m.count(counts[i], per_thread * timing.scale, &work_ms));
      if (run > 0) times[i].push_back(work_ms / static_cast<double>(timing.scale));
      if (run == 0 && i == 0 && work_ms < kShortestTimedMs)  // counts[0] is 1 thread
        timing.scale = std::min(64LL, static_cast<long long>(kShortestTimedMs / std::max(work_ms, 0.01)) + 1);
    }
  for (const std::vector<double>& t : times) timing.fastest.push_back(*std::min_element(t.begin(), t.end()));
  return timing;
}

// Part 2: the price of each fix as the thread count grows. Every method is
// measured before anything is printed: in a browser, drawing the printed rows
// and chart points keeps a core busy for a while, and runs measured meanwhile
// would pay for it (two threads on two cores then take turns with the page).
void time_methods(const std::vector<Method>& methods, int max_threads, long long per_thread, int runs) {
  std::vector<int> counts = thread_counts(max_threads);
  std::vector<Timing> timings;
  for (const Method& m : methods) timings.push_back(fastest_times(m, counts, per_thread, runs));

  std::printf("\nFastest time (ms) of %s, from the moment all threads stand at the starting line;\n"
              "every thread does the same work\n%-14s", cdd::plural(runs, "run", "runs").c_str(), "threads");
  for (int t : counts) std::printf("%10d", t);
  std::printf("\n");
  cdd::chart("time", "Time to count the hits, by thread count", "threads", "time (ms)");
  for (size_t k = 0; k < methods.size(); ++k) {
    std::string row;
    for (size_t i = 0; i < counts.size(); ++i) {
      row += cell("%10.2f", timings[k].fastest[i]);
      cdd::report(methods[k].name, counts[i], timings[k].fastest[i], "ms");
    }
    std::printf("%-14s%s\n", methods[k].name, row.c_str());
  }
  for (size_t k = 0; k < methods.size(); ++k)
    if (timings[k].scale > 1)
      std::printf("(%s: too quick to time well, so each run counted %lld times the numbers, "
                  "and its time is divided by %lld)\n", methods[k].name, timings[k].scale, timings[k].scale);
  std::printf("\nWith perfect scaling the time stays flat while threads <= cores (%u here).\n",
              std::thread::hardware_concurrency());
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

  std::printf("%s at %lld numbers each; %lld of all of them are hits.\n\n",
              cdd::plural(max_threads, "thread looks", "threads look").c_str(), per_thread,
              lesson::count_sequential(max_threads * per_thread));
  int wrong_methods = count_lost_updates(methods, max_threads, per_thread, runs);
  time_methods(methods, max_threads, per_thread, runs);
  if (wrong_methods > 0)
    std::printf("%d method%s lost updates.\n", wrong_methods, wrong_methods == 1 ? "" : "s");
  return 0;
}
