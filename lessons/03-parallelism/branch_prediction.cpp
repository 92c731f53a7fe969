// Branch prediction: the same filter on sorted and on shuffled bytes.
//
// The filter keeps the bytes >= a threshold. The threshold is swept so that
// from 0% to 100% of the values are kept. On sorted data the branch changes
// direction once; on shuffled data it is unpredictable near 50%. The
// branchless version stores every byte and advances conditionally, so it
// does not care about the order.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <array>
#include <atomic>
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

  std::printf("Keeping the bytes >= a threshold, %lld bytes, median of %s\n", n, cdd::plural(reps, "run", "runs").c_str());
  std::printf("%8s %14s %14s %22s\n", "kept %", "sorted (ms)", "shuffled (ms)", "shuffled, branchless");
  cdd::chart("branches", "Filter time vs share of values kept", "values kept (%)", "time (ms)");
  int rounds = rounds_for(n, 4000000);
  // The threshold that keeps about s/steps of uniformly random bytes (256,
  // which no byte reaches, keeps none).
  std::vector<int> thresholds;
  for (int s = 0; s <= steps; ++s) thresholds.push_back(256 - (256 * s + steps / 2) / steps);
  const std::vector<std::uint8_t>* inputs[3] = {&sorted, &shuffled, &shuffled};
  decltype(&keep_at_least_branchy) filters[3] = {keep_at_least_branchy, keep_at_least_branchy,
                                                 keep_at_least_branchless};
  std::size_t count = static_cast<std::size_t>(n);
  // kept[s][way], and times[s][way]: one sample of `rounds` calls each.
  std::vector<std::array<std::size_t, 3>> kept(thresholds.size());
  std::vector<std::array<std::vector<double>, 3>> times(thresholds.size());
  // Every threshold and way once untimed (warm-up), then all of them take
  // turns, sample after sample: whatever else the machine does for a few ms
  // slows one sample of several points, which each median drops, instead of
  // every sample of one point (a bump in a line that should be flat).
  for (int rep = 0; rep <= reps; ++rep)
    for (std::size_t s = 0; s < thresholds.size(); ++s)
      for (int way = 0; way < 3; ++way) {
        double ms = cdd::time_ms([&] {
          for (int r = 0; r < rounds; ++r) {
            kept[s][way] = filters[way](inputs[way]->data(), count, thresholds[s], out.data());
            std::atomic_signal_fence(std::memory_order_seq_cst);  // no merging of rounds (sweep.h)
          }
        });
        if (rep > 0) times[s][way].push_back(ms / rounds);
      }
  for (std::size_t s = 0; s < thresholds.size(); ++s) {
    if (kept[s][0] != kept[s][1] || kept[s][1] != kept[s][2]) {
      std::fprintf(stderr, "error: the filters disagree (%zu, %zu, %zu)\n", kept[s][0], kept[s][1], kept[s][2]);
      return 1;
    }
    double sorted_ms = cdd::median(times[s][0]), shuffled_ms = cdd::median(times[s][1]);
    double branchless_ms = cdd::median(times[s][2]);
    double percent = 100.0 * static_cast<double>(kept[s][0]) / static_cast<double>(count);
    std::printf("%8.1f %14.3f %14.3f %22.3f\n", percent, sorted_ms, shuffled_ms, branchless_ms);
    cdd::report("sorted", percent, sorted_ms, "ms");
    cdd::report("shuffled", percent, shuffled_ms, "ms");
    cdd::report("shuffled, branchless", percent, branchless_ms, "ms");
  }
  return 0;
}
