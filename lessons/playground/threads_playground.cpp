// A starting point: change anything, then press Run (or Ctrl/Cmd+Enter).
// The page compiles your version and runs it right here; Reset brings this
// version back.
//
// As it stands, it counts the primes below n with 1, 2, ... threads (thread t
// tests t, t + threads, t + 2 * threads, ...), times each team, and plots
// the speedup over one thread.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

bool is_prime(long long k) {
  if (k < 2) return false;
  for (long long d = 2; d * d <= k; ++d)
    if (k % d == 0) return false;
  return true;
}

long long count_primes(long long n, int threads) {
  std::atomic<long long> total{0};
  std::vector<std::thread> team;
  for (int t = 0; t < threads; ++t)
    team.emplace_back([&total, n, threads, t] {
      long long mine = 0;  // counted privately, added to the total once
      for (long long k = t; k < n; k += threads) mine += is_prime(k);
      total += mine;
    });
  for (std::thread& thread : team) thread.join();
  return total;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 1000000, 2, 100000000);
  int max_threads = static_cast<int>(args.integer("threads", 4, 1, 16));
  if (!args.ok()) return args.fail();

  std::printf("This machine reports %s.\n",
              cdd::plural(std::thread::hardware_concurrency(), "hardware thread", "hardware threads").c_str());
  cdd::chart("speedup", "Speedup over one thread", "threads", "speedup (x)");
  double one_thread_ms = 0;
  for (int threads = 1; threads <= max_threads; ++threads) {
    long long primes = 0;
    double ms = cdd::median_ms(3, [&] { primes = count_primes(n, threads); });
    if (threads == 1) one_thread_ms = ms;
    std::printf("%2d thread(s): %lld primes below %lld in %.1f ms\n", threads, primes, n, ms);
    cdd::report("measured", threads, one_thread_ms / ms, "x");
  }
  return 0;
}
