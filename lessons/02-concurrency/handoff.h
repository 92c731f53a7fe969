// The cost of a blocking hand-off between two threads.
//
// Two threads pass a token back and forth through a mutex and a condition
// variable. Each pass puts one thread to sleep and wakes the other, so it
// costs a block, a wake-up and the switches that go with them: the price a
// thread pays every time it has to wait for another.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace lesson {

// Microseconds per hand-off, over `rounds` round trips.
inline double handoff_us(int rounds) {
  std::mutex m;
  std::condition_variable cv;
  int turn = 0;  // whose move: 0 or 1
  auto player = [&](int me) {
    for (int i = 0; i < rounds; ++i) {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return turn == me; });
      turn = 1 - me;
      cv.notify_one();
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::thread other(player, 1);
  player(0);
  other.join();
  double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  return us / (2.0 * rounds);
}

}  // namespace lesson
