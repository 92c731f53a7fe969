// Task-level parallelism: a parallel reduction and a parallel map on
// std::threads, timed for 1 thread up to twice the number of hardware threads.
//
// Up to the core count, the map (pure computation, no shared data) should
// speed up almost in proportion. Beyond it, extra threads only take turns on
// the same cores: no more speedup, a little more overhead.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "by_threads.h"
#include "parallel_kernels.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long sum_n = args.integer("sum_n", 20000000, 1000, 200000000);
  long long map_n = args.integer("map_n", 2000000, 1000, 100000000);
  int max_threads = static_cast<int>(args.integer("max_threads", 0, 0, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  args.require_memory(4.0 * static_cast<double>(sum_n) + 12.0 * static_cast<double>(map_n),
                      "the reduction's and the map's arrays");
  if (!args.ok()) return args.fail();

  int cores = hardware_threads();
  std::printf("This system reports %s (std::thread::hardware_concurrency).\n",
              cdd::plural(cores, "hardware thread", "hardware threads").c_str());
  int wanted = max_threads > 0 ? max_threads : 2 * cores;
  int top = usable_threads(wanted);
  if (top < wanted)
    std::printf("Threads cannot start in this build (the single-threaded fallback), so only 1 thread "
                "is measured.\n");
  std::printf("Measuring %s, fastest of %s each.\n", cdd::one_to(top, "thread", "threads").c_str(),
              cdd::plural(reps, "run", "runs").c_str());

  std::mt19937 rng(5);
  std::uniform_int_distribution<int> small(0, 9);
  std::vector<float> data(static_cast<std::size_t>(sum_n));
  for (float& v : data) v = static_cast<float>(small(rng));
  std::vector<float> in(static_cast<std::size_t>(map_n)), out(in.size());
  for (float& v : in) v = static_cast<float>(small(rng));

  // References from one thread, to check every multi-threaded answer.
  double sum_reference = sum_block(data.data(), 0, data.size());
  std::vector<float> map_reference(in.size());
  map_block(in.data(), map_reference.data(), 0, in.size());

  std::printf("%8s %14s %10s %14s %10s\n", "threads", "sum (ms)", "speedup", "map (ms)", "speedup");
  cdd::chart("task-time", "Time vs threads", "threads", "time (ms)");
  // Every answer is checked: the sums of the timed runs (whole numbers below
  // 2^53, so every split adds up exactly), and one map per thread count first
  // (the timed maps overwrite each other's output).
  for (int p = 1; p <= top; ++p) {
    parallel_map(in.data(), out.data(), in.size(), p);
    if (out != map_reference) {
      std::fprintf(stderr, "error: map with %d threads differs from the 1-thread map\n", p);
      return 1;
    }
  }
  std::vector<double> sums(static_cast<std::size_t>(top) + 1, sum_reference);
  std::vector<double> sum_ms = fastest_ms_by_threads(top, reps, [&](int p) {
    double total = parallel_sum(data.data(), data.size(), p);
    if (total != sum_reference) sums[static_cast<std::size_t>(p)] = total;
  });
  for (int p = 1; p <= top; ++p)
    if (sums[static_cast<std::size_t>(p)] != sum_reference) {
      std::fprintf(stderr, "error: sum with %d threads is %.1f, expected %.1f\n", p, sums[static_cast<std::size_t>(p)],
                   sum_reference);
      return 1;
    }
  std::vector<double> map_ms =
      fastest_ms_by_threads(top, reps, [&](int p) { parallel_map(in.data(), out.data(), in.size(), p); });
  for (int p = 1; p <= top; ++p) {
    std::printf("%8d %14.2f %9.2fx %14.2f %9.2fx\n", p, sum_ms[p], sum_ms[1] / sum_ms[p], map_ms[p],
                map_ms[1] / map_ms[p]);
    cdd::report("parallel sum (reduction)", p, sum_ms[p], "ms");
    cdd::report("parallel map", p, map_ms[p], "ms");
  }
  cdd::chart("task-speedup", "Speedup vs threads", "threads", "speedup (x)");
  for (int p = 1; p <= top; ++p) {
    cdd::report("parallel sum (reduction)", p, sum_ms[1] / sum_ms[p], "x");
    cdd::report("parallel map", p, map_ms[1] / map_ms[p], "x");
    cdd::report("ideal (one thread per core)", p, p < cores ? p : cores, "x");
  }
  return 0;
}
