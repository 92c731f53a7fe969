// One time line for every thread of a program.
//
// Why: in the browser each thread is its own Web Worker, and Emscripten 3.1.6
// sets a worker's clock to the main thread's by subtracting the time that the
// main thread wrote into the worker's start message
// (`performance.now() - e.data.time` in its worker.js). The message takes a
// while to arrive (milliseconds on a busy machine), so each worker's clock
// lags by that delay: two readings taken on different threads are not on one
// time line, and "B happened after A" can read as "B at 10 ms, A at 12 ms".
//
// The fix: every reading goes through one shared atomic. A reading is the
// local clock or, if that is behind, a nanosecond after the latest reading any
// thread has taken. The atomic's single modification order contains every
// happens-before edge (a mutex, a semaphore, a barrier, a join), so a reading
// taken after another in the program's synchronisation is always later. A
// lagging clock then shows as a short stretch where time seems to stand
// still, never as an effect before its cause.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <utility>

namespace cdd {

// A source of times in milliseconds; tests pass a skewed one.
using TimeSource = std::function<double()>;

// Milliseconds on this thread's steady clock.
inline double steady_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class SharedClock {
 public:
  // The smallest step between two readings: readings are strictly ordered.
  static constexpr double kTickMs = 1e-6;

  explicit SharedClock(TimeSource local = steady_ms) : local_(std::move(local)) {}

  double now() {
    double reading = local_();
    double latest = latest_.load();
    double next;
    do {
      next = std::max(reading, latest + kTickMs);
    } while (!latest_.compare_exchange_weak(latest, next));
    return next;
  }

 private:
  TimeSource local_;
  std::atomic<double> latest_{-1e300};
};

// The program-wide shared clock over the steady clock, in milliseconds. Use it
// for times that are compared across threads; a time measured start to end
// on one thread needs only cdd::now_ms() (timing.h).
inline double shared_now_ms() {
  static SharedClock clock;
  return clock.now();
}

}  // namespace cdd
