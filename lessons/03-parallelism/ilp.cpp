// Instruction-level parallelism: summing with 1, 2, 4 and 8 accumulators.
//
// The array is small enough to stay in the CPU's cache, so memory is not the
// limit; what limits the 1-accumulator loop is that every addition waits for
// the previous one. More accumulators give the core independent additions it
// can overlap.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "accumulators.h"
#include "sweep.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 16384, 1, 10000000);
  int reps = static_cast<int>(args.integer("reps", 7, 1, 50));
  args.require_memory(8.0 * static_cast<double>(n), "n doubles");
  if (!args.ok()) return args.fail();

  std::mt19937 rng(7);
  std::uniform_real_distribution<double> value(0.0, 1.0);
  std::vector<double> x(static_cast<std::size_t>(n));
  for (double& v : x) v = value(rng);
  const std::size_t count = x.size();

  struct Variant {
    int chains;
    double (*sum)(const double*, std::size_t);
  };
  const Variant variants[] = {{1, sum_with_chains<1>}, {2, sum_with_chains<2>},
                              {4, sum_with_chains<4>}, {8, sum_with_chains<8>}};

  std::printf("Summing %lld doubles (%.0f KB) with independent accumulators, median of %d\n", n,
              8.0 * static_cast<double>(n) / 1024, reps);
  std::printf("%14s %14s %10s\n", "accumulators", "ns/element", "speedup");
  cdd::chart("ilp", "Time per element vs number of accumulators", "accumulators",
             "ns per element");
  int rounds = rounds_for(n, 20000000);
  double reference = sum_with_chains<1>(x.data(), count), one_chain_ns = 0;
  std::vector<double> speedup;
  for (const Variant& v : variants) {
    double total = 0;
    double ms = ms_per_call(reps, rounds, [&] { total = v.sum(x.data(), count); });
    cdd::keep(total);
    // Different association, different rounding: equal up to a tiny relative error.
    if (std::fabs(total - reference) > 1e-9 * std::fabs(reference) + 1e-12) {
      std::fprintf(stderr, "error: %d accumulators gave %.17g, 1 gave %.17g\n", v.chains, total, reference);
      return 1;
    }
    double ns = ms * 1e6 / static_cast<double>(n);
    if (v.chains == 1) one_chain_ns = ns;
    speedup.push_back(one_chain_ns / ns);
    std::printf("%14d %14.3f %9.2fx\n", v.chains, ns, one_chain_ns / ns);
    cdd::report("sum", v.chains, ns, "ns");
  }
  cdd::chart("ilp-speedup", "Speedup over one accumulator", "accumulators", "speedup (x)");
  for (std::size_t i = 0; i < speedup.size(); ++i)
    cdd::report("speedup", variants[i].chains, speedup[i], "x");
  return 0;
}
