// How long does it take to look for an item that is not there?
//
// A linear scan must look at every element before it can say "not found", so
// its time grows with n. Sorting once lets binary search answer in about
// log2(n) steps; a hash set answers in a constant number of steps on average.
// At the end the linear trend is extrapolated to sizes nobody should run.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/sizes.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <unordered_set>
#include <vector>

bool linear_contains(const std::vector<int>& items, int wanted) {
  return std::find(items.begin(), items.end(), wanted) != items.end();
}

bool binary_contains(const std::vector<int>& sorted_items, int wanted) {
  return std::binary_search(sorted_items.begin(), sorted_items.end(), wanted);
}

bool hash_contains(const std::unordered_set<int>& items, int wanted) {
  return items.count(wanted) != 0;
}

// `calls` calls of `queries` searches for different missing values each,
// timed (ms), for cdd::medians_ms_in_turns. A search that finds anything adds
// to `found`.
template <class Search>
std::function<double(long long)> timed_searches(int queries, Search search, long long& found) {
  return [queries, search, &found](long long calls) {
    auto one_call = [&] {
      for (int q = 0; q < queries; ++q) found += search(-1 - q);  // all negative: never present
    };
    return cdd::time_calls(calls, one_call);
  };
}

// The smallest measured n from which the hash set beats the linear scan at
// every larger measured n too (one lucky size does not count); 0 if it never
// does within the sizes measured.
double hash_wins_from(const std::vector<double>& ns, const std::vector<double>& linear,
                      const std::vector<double>& hashed) {
  double from = 0;
  for (size_t i = ns.size(); i-- > 0;) {
    if (hashed[i] >= linear[i]) break;
    from = ns[i];
  }
  return from;
}

// The exercise: the learner's guess against this run's own crossover, as a
// factor >= 1 (2 means off by 2x either way).
void judge_guess(double guess, double measured) {
  if (measured == 0) {
    std::printf("\nThe hash set never beat the linear scan at every size from some n on, in this range:\n"
                "widen it (a smaller n_min, a larger n_max) to find where it starts to win.\n");
    return;
  }
  double factor = std::max(guess / measured, measured / guess);
  std::printf("\nYou predicted n = %.0f. Here the hash set beat the linear scan from n = %.0f on: "
              "off by a factor of %.1f.\n", guess, measured, factor);
  cdd::chart("prediction", "Your prediction against this run", "measured crossover n", "off by (factor)");
  cdd::report("prediction off by (factor)", measured, factor, "x");
}

// Searches per timed call (binary, hash), and elements looked at per call (linear).
constexpr int kQueries = 10000;

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n_min = args.integer("n_min", 1000, 1, 100000000);
  long long n_max = args.integer("n_max", 10000000, 1, 100000000);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  // Your prediction of the n where the hash set starts to win (0: none).
  long long guess = args.integer("guess", 0, 0, 100000000);
  if (n_min > n_max) args.error("n_min must not be larger than n_max");
  // The vector takes 4 bytes per int; an unordered_set node about 32 more.
  args.require_memory(36.0 * static_cast<double>(n_max), "a vector plus a hash set of n_max ints");
  if (!args.ok()) return args.fail();

  std::printf("Searching for an item that is not there, median of %s\n", cdd::plural(reps, "run", "runs").c_str());
  std::printf("%12s %16s %16s %16s\n", "n", "linear (ms)", "binary (ms)", "hash set (ms)");
  cdd::chart("search", "Time to search for a missing item", "n (elements)", "time per search (ms)",
             cdd::Scale::log_log);

  double last_n = 0, last_linear_ms = 0;
  std::vector<double> ns, linears, hasheds;
  for (long long n : cdd::sizes_1_2_5(n_min, n_max)) {
    std::vector<int> items(static_cast<size_t>(n));
    std::iota(items.begin(), items.end(), 0);  // already sorted, so binary search can use it
    std::unordered_set<int> set(items.begin(), items.end());

    // Each timed call makes many searches, so the call's own cost (the loop and lambda around
    // them) is shared out. The scan makes as many as keep about kQueries elements per call (one
    // at large n). With one scan per call at n = 1 it alone would pay that cost, and could lose
    // to the hash set for that reason only.
    // The three take turns (cdd::medians_ms_in_turns), so a moment when the machine does
    // something else slows one sample of each, not every sample of one.
    const int linear_queries = static_cast<int>(std::max(1LL, kQueries / n));
    long long found = 0;
    std::vector<double> ms = cdd::medians_ms_in_turns(
        reps, {timed_searches(linear_queries, [&](int x) { return linear_contains(items, x); }, found),
               timed_searches(kQueries, [&](int x) { return binary_contains(items, x); }, found),
               timed_searches(kQueries, [&](int x) { return hash_contains(set, x); }, found)});
    cdd::keep(found);
    if (found != 0) std::fprintf(stderr, "error: found an item that is not in the list\n");
    double linear = ms[0] / linear_queries, binary = ms[1] / kQueries, hashed = ms[2] / kQueries;

    std::printf("%12lld %16.6f %16.6f %16.6f\n", n, linear, binary, hashed);
    cdd::report("linear search", static_cast<double>(n), linear, "ms");
    cdd::report("binary search (sorted)", static_cast<double>(n), binary, "ms");
    cdd::report("hash set", static_cast<double>(n), hashed, "ms");
    ns.push_back(static_cast<double>(n));
    linears.push_back(linear);
    hasheds.push_back(hashed);
    last_n = static_cast<double>(n);
    last_linear_ms = linear;
  }

  // Linear search costs the same per element at every size once the data
  // outgrows the caches, so the largest measurement predicts the rest.
  double ns_per_element = last_linear_ms * 1e6 / last_n;
  std::printf("\nLinear search took %.3f ns per element at n = %.0f. Extrapolated:\n",
              ns_per_element, last_n);
  for (double n : {1e9, 1e10, 1e12}) {
    double seconds = ns_per_element * n / 1e9;
    std::printf("  n = %.0e: %12s, and %s of memory just to hold the list\n", n,
                cdd::human_duration(seconds).c_str(), cdd::human_bytes(4 * n).c_str());
    cdd::report("linear search (extrapolated)", n, seconds * 1000, "ms");
  }
  if (guess > 0) judge_guess(static_cast<double>(guess), hash_wins_from(ns, linears, hasheds));
  return 0;
}
