// Test program of atomic_wait.cpp, built for the browser but not shipped
// (tests/wasm/atomic-wait.test.mjs runs it). Each waiter blocks in a C++20
// wait; main releases it only once the waiter has gone to sleep on the futex,
// which the sleep counter shows. With libc++'s polling wait linked instead,
// the counter never moves: main gives up after 10 s and the program fails.
// (std::barrier is not here: libc++ 13's barrier polls in its header and
// never calls atomic wait, so no library can make it sleep.)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <semaphore>
#include <thread>

#include "atomic_wait_stats.h"

using cdd::browser::atomic_wait_sleeps;

namespace {

// Spins until the sleep counter passes `before`; false after 10 s.
bool await_sleep_beyond(uint64_t before) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (atomic_wait_sleeps() <= before) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// Starts `wait` on a thread, releases it with `release` once it sleeps on the
// futex, and says whether it ever did.
template <class Wait, class Release>
bool sleeps_until_released(Wait wait, Release release) {
  const uint64_t before = atomic_wait_sleeps();
  std::thread waiter(wait);
  const bool slept = await_sleep_beyond(before);
  release();
  waiter.join();
  return slept;
}

bool atomic_flag_wakes() {
  std::atomic<int> flag{0};
  return sleeps_until_released([&] { flag.wait(0); }, [&] {
    flag.store(1);
    flag.notify_one();
  });
}

bool latch_wakes() {
  std::latch go(1);
  return sleeps_until_released([&] { go.wait(); }, [&] { go.count_down(); });
}

bool semaphore_wakes() {
  std::binary_semaphore slot(0);
  return sleeps_until_released([&] { slot.acquire(); }, [&] { slot.release(); });
}

}  // namespace

int main() {
  const bool results[] = {atomic_flag_wakes(), latch_wakes(), semaphore_wakes()};
  const char* names[] = {"atomic<int>::wait", "latch::wait", "binary_semaphore::acquire"};
  bool all = true;
  for (int i = 0; i < 3; ++i) {
    std::printf("%s: %s\n", names[i], results[i] ? "slept on the futex, woken by notify" : "never slept on the futex");
    all = all && results[i];
  }
  return all ? 0 : 1;
}
