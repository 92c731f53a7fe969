// The program both compile benchmarks time (compile.mjs in Chromium,
// node-templates-compile.mjs under node, for scale): a small <thread> program.
export const THREADS_PROGRAM = `#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>
int main() {
  std::atomic<long> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) threads.emplace_back([&] { for (int i = 0; i < 1000; ++i) total += i; });
  for (auto& t : threads) t.join();
  std::printf("%ld\\n", total.load());
}
`;

export const ms = (x) => `${Math.round(x)} ms`;
