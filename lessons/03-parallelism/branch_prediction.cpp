// Branch prediction: the same filter on sorted and on shuffled bytes.
//
// The filter keeps the bytes >= a threshold. The threshold is swept so that
// from 0% to 100% of the values are kept. On sorted data the branch changes
// direction once; on shuffled data it is unpredictable near 50%. The
// branchless version stores every byte and advances conditionally, so it
// does not care about the order.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "branches.h"
#include "sweep.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 1000000, 1, 100000000);
  int steps = static_cast<int>(args.integer("steps", 10, 2, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  args.require_memory(3.0 * static_cast<double>(n), "n bytes, sorted and shuffled, plus output");
  if (!args.ok()) return args.fail();

  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<std::uint8_t> shuffled(static_cast<std::size_t>(n)), out(shuffled.size());
  for (auto& v : shuffled) v = static_cast<std::uint8_t>(byte(rng));
  std::vector<std::uint8_t> sorted = shuffled;
  std::sort(sorted.begin(), sorted.end());

  std::printf("Keeping the bytes >= a threshold, %lld bytes, median of %d runs\n", n, reps);
  std::printf("%8s %14s %14s %22s\n", "kept %", "sorted (ms)", "shuffled (ms)", "shuffled, branchless");
  cdd::chart("branches", "Filter time vs share of values kept", "values kept (%)", "time (ms)");
  int rounds = rounds_for(n, 4000000);
  for (int s = 0; s <= steps; ++s) {
    // The threshold that keeps about s/steps of uniformly random bytes
    // (256, which no byte reaches, keeps none).
    int threshold = 256 - (256 * s + steps / 2) / steps;
    std::size_t count = static_cast<std::size_t>(n);
    std::size_t kept_sorted = 0, kept_shuffled = 0, kept_branchless = 0;
    auto run = [&](const std::vector<std::uint8_t>& in, std::size_t& kept, auto filter) {
      return ms_per_call(reps, rounds, [&] { kept = filter(in.data(), count, threshold, out.data()); });
    };
    double sorted_ms = run(sorted, kept_sorted, keep_at_least_branchy);
    double shuffled_ms = run(shuffled, kept_shuffled, keep_at_least_branchy);
    double branchless_ms = run(shuffled, kept_branchless, keep_at_least_branchless);
    if (kept_sorted != kept_shuffled || kept_shuffled != kept_branchless) {
      std::fprintf(stderr, "error: the filters disagree (%zu, %zu, %zu)\n", kept_sorted, kept_shuffled,
                   kept_branchless);
      return 1;
    }
    double percent = 100.0 * static_cast<double>(kept_sorted) / static_cast<double>(count);
    std::printf("%8.1f %14.3f %14.3f %22.3f\n", percent, sorted_ms, shuffled_ms, branchless_ms);
    cdd::report("sorted", percent, sorted_ms, "ms");
    cdd::report("shuffled", percent, shuffled_ms, "ms");
    cdd::report("shuffled, branchless", percent, branchless_ms, "ms");
  }
  return 0;
}
