// Bit-level parallelism: how many members do two sets share?
//
// The sets are stored once as one byte per possible member and once as one
// bit per member packed into 64-bit words. The byte version handles one
// member per step; the word version handles 64 per AND and counts them with
// a single popcount instruction. Both must give the same count.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "bit_sets.h"
#include "sweep.h"

using namespace parallelism;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n_min = args.integer("n_min", 10000, 64, 100000000);
  long long n_max = args.integer("n_max", 10000000, 64, 100000000);
  double density = args.number("density", 0.5, 0, 1);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  if (n_min > n_max) args.error("n_min must not be larger than n_max");
  args.require_memory(2.25 * static_cast<double>(n_max), "two sets of n_max members");
  if (!args.ok()) return args.fail();

  // Two random sets over the same n_max possible members.
  std::mt19937 rng(42);
  std::bernoulli_distribution present(density);
  std::vector<std::uint8_t> a(static_cast<std::size_t>(n_max)), b(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = present(rng);
    b[i] = present(rng);
  }

  std::printf("Counting the members two sets share: a byte per member vs a bit per member\n");
  std::printf("%12s %16s %16s %10s\n", "members", "bytes (ms)", "words (ms)", "speedup");
  cdd::chart("bits-time", "Time to intersect two sets", "possible members", "time (ms)",
             cdd::Scale::log_log);
  std::vector<double> speedups, sizes;
  for (long long n : sizes_between(n_min, n_max)) {
    std::size_t count = static_cast<std::size_t>(n);
    std::vector<std::uint64_t> wa = pack_bits(a.data(), count), wb = pack_bits(b.data(), count);
    std::size_t by_bytes = 0, by_words = 0;
    int rounds = rounds_for(n, 20000000);
    double bytes_ms = ms_per_call(reps, rounds, [&] { by_bytes = common_members_bytes(a.data(), b.data(), count); });
    double words_ms = ms_per_call(reps, rounds, [&] { by_words = common_members_words(wa.data(), wb.data(), wa.size()); });
    if (by_bytes != by_words) {
      std::fprintf(stderr, "error: the two ways disagree (%zu vs %zu common members)\n", by_bytes, by_words);
      return 1;
    }
    cdd::keep(by_words);
    std::printf("%12lld %16.4f %16.4f %9.1fx\n", n, bytes_ms, words_ms, bytes_ms / words_ms);
    cdd::report("one byte per member", static_cast<double>(n), bytes_ms, "ms");
    cdd::report("64 members per word + popcount", static_cast<double>(n), words_ms, "ms");
    sizes.push_back(static_cast<double>(n));
    speedups.push_back(bytes_ms / words_ms);
  }
  cdd::chart("bits-speedup", "Speedup of 64-bit words over bytes", "possible members", "speedup (x)",
             cdd::Scale::log_x);
  for (std::size_t i = 0; i < sizes.size(); ++i) cdd::report("words vs bytes", sizes[i], speedups[i], "x");
  return 0;
}
