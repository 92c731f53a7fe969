// False sharing: per-thread counters packed next to each other vs padded to
// a cache line each.
//
// No thread ever reads another thread's counter, and the final counts are the
// same either way. The only difference is where the counters sit in memory:
// 8 bytes apart (all in one 64-byte cache line) or 64 bytes apart.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdint>
#include <cstdio>
#include <vector>

#include "counters.h"

using namespace parallelism;

static bool all_equal(const std::vector<std::uint64_t>& values, std::uint64_t expected) {
  for (std::uint64_t v : values)
    if (v != expected) return false;
  return true;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long increments = args.integer("increments", 10000000, 1, 1000000000);
  int max_threads = static_cast<int>(args.integer("max_threads", 0, 0, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  if (!args.ok()) return args.fail();

  int cores = hardware_threads();
  // By default 2 to 4 threads: enough to see the effect, and contended
  // increments are slow enough that dozens of threads would take minutes.
  int wanted = max_threads > 0 ? max_threads : (cores < 2 ? 2 : cores > 4 ? 4 : cores);
  int top = usable_threads(wanted);
  std::printf("%s; measuring %s%s.\n", cdd::plural(cores, "hardware thread", "hardware threads").c_str(),
              cdd::one_to(top, "thread", "threads").c_str(),
              top < wanted ? " (threads cannot start in this build, so nothing can be shared)" : "");
  std::printf("A packed counter takes %zu bytes, a padded one %zu (alignas(64)).\n",
              sizeof(PackedCounter), sizeof(PaddedCounter));
  std::printf("%8s %14s %14s %10s\n", "threads", "packed (ms)", "padded (ms)", "ratio");
  const auto n = static_cast<std::uint64_t>(increments);
  cdd::chart("false-sharing", "Each thread increments its own counter", "threads", "time (ms)");
  std::vector<double> ratio;
  for (int p = 1; p <= top; ++p) {
    std::vector<std::uint64_t> packed_counts, padded_counts;
    double packed_ms = cdd::median_ms(reps, [&] { packed_counts = count_in_parallel<PackedCounter>(p, n); });
    double padded_ms = cdd::median_ms(reps, [&] { padded_counts = count_in_parallel<PaddedCounter>(p, n); });
    if (!all_equal(packed_counts, n) || !all_equal(padded_counts, n)) {
      std::fprintf(stderr, "error: a counter did not reach %llu\n", static_cast<unsigned long long>(n));
      return 1;
    }
    std::printf("%8d %14.2f %14.2f %9.2fx\n", p, packed_ms, padded_ms, packed_ms / padded_ms);
    cdd::report("packed (one cache line)", p, packed_ms, "ms");
    cdd::report("padded (a line each)", p, padded_ms, "ms");
    ratio.push_back(packed_ms / padded_ms);
  }
  cdd::chart("false-sharing-ratio", "How much slower packed is than padded", "threads", "packed / padded");
  for (int p = 1; p <= top; ++p) cdd::report("packed / padded", p, ratio[static_cast<std::size_t>(p - 1)], "x");
  return 0;
}
