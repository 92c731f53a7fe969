// Data-level parallelism: summing floats one at a time, in lanes the compiler
// vectorizes, and with explicit 128-bit vector instructions.
//
// The data are small whole numbers (0, 1 or 2), so every partial sum is exact
// in a float and all three ways must agree to the last bit. (With arbitrary
// floats they would differ slightly, because they add in different orders:
// the very reason the compiler will not reorder the scalar loop on its own.)
// Sizes sweep from cache-sized arrays to arrays much larger than the cache,
// where the memory's bandwidth, not the adder, sets the pace.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <random>
#include <vector>

#include "simd_sum.h"
#include "sweep.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n_min = args.integer("n_min", 1000, 1, 10000000);
  long long n_max = args.integer("n_max", 10000000, 1, 10000000);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  if (n_min > n_max) args.error("n_min must not be larger than n_max");
  if (!args.ok()) return args.fail();

  std::mt19937 rng(3);
  std::uniform_int_distribution<int> small(0, 2);
  std::vector<float> x(static_cast<std::size_t>(n_max));
  for (float& v : x) v = static_cast<float>(small(rng));

  struct Variant {
    const char* name;
    float (*sum)(const float*, std::size_t);
  };
  const Variant variants[] = {{"scalar", sum_scalar},
                              {"8 lanes, auto-vectorized", sum_lanes},
                              {"explicit SIMD intrinsics", sum_intrinsics}};

  std::printf("Vector instructions: %s\n", simd_flavour());
  std::printf("A 128-bit vector holds 4 floats; the vector sums keep two vectors (8 lanes).\n");
  std::printf("%10s %14s %14s %14s   (billion additions per second)\n", "n", "scalar", "auto-vec",
              "intrinsics");
  cdd::chart("simd", "Float sum throughput", "n (floats)", "billion additions per second",
             cdd::Scale::log_x);
  struct Row {
    double n, rate[3];
  };
  std::vector<Row> rows;
  for (long long n : sizes_between(n_min, n_max)) {
    std::size_t count = static_cast<std::size_t>(n);
    int rounds = rounds_for(n, 4000000);
    Row row{static_cast<double>(n), {0, 0, 0}};
    float results[3] = {0, 0, 0};
    for (int v = 0; v < 3; ++v) {
      double ms = ms_per_call(reps, rounds, [&] { results[v] = variants[v].sum(x.data(), count); });
      cdd::keep(results[v]);
      row.rate[v] = static_cast<double>(n) / (ms * 1e6);  // additions per ns = billions per second
      cdd::report(variants[v].name, row.n, row.rate[v], "G/s");
    }
    if (results[0] != results[1] || results[1] != results[2]) {
      std::fprintf(stderr, "error: the sums disagree at n=%lld (%.1f, %.1f, %.1f)\n", n, results[0],
                   results[1], results[2]);
      return 1;
    }
    std::printf("%10lld %14.2f %14.2f %14.2f\n", n, row.rate[0], row.rate[1], row.rate[2]);
    rows.push_back(row);
  }
  cdd::chart("simd-speedup", "Speedup over the scalar loop", "n (floats)", "speedup (x)",
             cdd::Scale::log_x);
  for (const Row& row : rows) {
    cdd::report("auto-vectorized vs scalar", row.n, row.rate[1] / row.rate[0], "x");
    cdd::report("intrinsics vs scalar", row.n, row.rate[2] / row.rate[0], "x");
  }
  return 0;
}
