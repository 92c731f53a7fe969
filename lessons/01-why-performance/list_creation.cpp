// How long does it take to build a list of n integers?
//
// Three ways to build the same list, timed for n from n_min to n_max
// (three sizes per decade). Each size is built once to warm up, then `reps`
// more times; the median is reported, because a single run is noisy.
// (Builds too quick for the clock are repeated in batches: see cdd/timing.h.)
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/sizes.h>
#include <cdd/timing.h>

#include <cstdio>
#include <list>
#include <vector>

// A vector grows by reallocating: every so often it copies all its elements
// into a bigger block (amortised O(1) per push_back, but visible in the time).
long long build_vector(long long n) {
  std::vector<int> v;
  for (long long i = 0; i < n; ++i) v.push_back(static_cast<int>(i));
  return static_cast<long long>(v.size());
}

// Asking for the final size first means one allocation and no copies.
long long build_vector_reserved(long long n) {
  std::vector<int> v;
  v.reserve(static_cast<size_t>(n));
  for (long long i = 0; i < n; ++i) v.push_back(static_cast<int>(i));
  return static_cast<long long>(v.size());
}

// A linked list allocates one node per element, scattered in memory.
long long build_linked_list(long long n) {
  std::list<int> l;
  for (long long i = 0; i < n; ++i) l.push_back(static_cast<int>(i));
  return static_cast<long long>(l.size());
}


int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n_min = args.integer("n_min", 1000, 1, 100000000);
  long long n_max = args.integer("n_max", 10000000, 1, 100000000);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  if (n_min > n_max) args.error("n_min must not be larger than n_max");
  // A std::list node holds the int and two pointers, and the allocator adds
  // its own header: about 24 bytes per element here, the most of the three.
  args.require_memory(24.0 * static_cast<double>(n_max), "a std::list of n_max ints");
  if (!args.ok()) return args.fail();

  struct Way {
    const char* name;
    long long (*build)(long long);
  };
  const Way ways[] = {{"vector push_back", build_vector},
                      {"vector reserve + push_back", build_vector_reserved},
                      {"std::list push_back", build_linked_list}};

  std::printf("Building lists of n ints, median of %s after a warm-up\n", cdd::plural(reps, "run", "runs").c_str());
  std::printf("%12s %28s %12s %14s\n", "n", "way", "time (ms)", "ns/element");
  cdd::chart("build", "Time to build a list of n ints", "n (elements)", "time (ms)",
             cdd::Scale::log_log);
  for (long long n : cdd::sizes_1_2_5(n_min, n_max)) {
    for (const Way& way : ways) {
      long long built = 0;
      double ms = cdd::median_ms(reps, [&] { built = way.build(n); });
      if (built != n) {
        std::fprintf(stderr, "error: %s built %lld elements, expected %lld\n", way.name, built, n);
        return 1;
      }
      std::printf("%12lld %28s %12.3f %14.2f\n", n, way.name, ms, ms * 1e6 / static_cast<double>(n));
      cdd::report(way.name, static_cast<double>(n), ms, "ms");
    }
  }
  return 0;
}
