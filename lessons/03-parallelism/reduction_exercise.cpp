// Exercise: make this parallel sum reach 1.7x with 2 threads.
//
// The kernel is in shared_total.h. The program times it on 1 thread and on
// 2 (or up to max_threads) and reports the speedup; the exercise's check
// reads the point at 2 threads.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <numeric>
#include <vector>

#include "shared_total.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 10000000, 1000, 200000000);
  int max_threads = static_cast<int>(args.integer("max_threads", 2, 1, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  args.require_memory(4.0 * static_cast<double>(n), "n ints");
  if (!args.ok()) return args.fail();

  int top = usable_threads(max_threads);
  if (top < max_threads)
    std::printf("Threads cannot start in this build (the single-threaded fallback): only 1 thread.\n");
  std::vector<int> x(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int>(i % 10);
  const long long expected = std::accumulate(x.begin(), x.end(), 0LL);

  std::printf("Summing %lld ints, median of %s\n%8s %12s %10s\n", n, cdd::plural(reps, "run", "runs").c_str(), "threads",
              "time (ms)", "speedup");
  cdd::chart("reduction-exercise", "Your parallel sum: speedup over 1 thread", "threads", "speedup (x)");
  double one_thread_ms = 0;
  for (int p = 1; p <= top; ++p) {
    long long total = 0;
    double ms = cdd::median_ms(reps, [&] { total = shared_total_sum(x.data(), x.size(), p); });
    if (total != expected) {
      std::fprintf(stderr, "error: %d threads summed to %lld, expected %lld\n", p, total, expected);
      return 1;
    }
    if (p == 1) one_thread_ms = ms;
    std::printf("%8d %12.2f %9.2fx\n", p, ms, one_thread_ms / ms);
    cdd::report("speedup", p, one_thread_ms / ms, "x");
  }
  return 0;
}
