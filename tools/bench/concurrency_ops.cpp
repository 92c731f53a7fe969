// What one synchronization operation costs with no contention (one thread),
// to explain the single-thread columns of tools/bench/concurrency.mjs, which
// builds this file with g++ and em++ and runs both. Prints "name ns" lines.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

template <class Op>
double ns_per_op(long n, Op op) {
  auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) op();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / n;
}

std::atomic<long long> counter{0};
long long guarded = 0;
std::mutex m;

int main() {
  const long n = 20000000;
  for (int pass = 0; pass < 2; ++pass) {  // the first pass warms up (and lets wasm tier up)
    double racy = ns_per_op(n, [] { counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); });
    double add = ns_per_op(n, [] { counter.fetch_add(1, std::memory_order_relaxed); });
    double lock = ns_per_op(n, [] { std::lock_guard<std::mutex> g(m); ++guarded; });
    if (pass == 1) {
      std::printf("relaxed load + relaxed store (the racy increment) %.2f\n", racy);
      std::printf("fetch_add %.2f\n", add);
      std::printf("mutex lock + unlock %.2f\n", lock);
    }
  }
  return counter.load() + guarded == 0;  // keeps the work observable
}
