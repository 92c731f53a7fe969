// Two threads, two locks. Thread A takes `first` then `second`; thread B takes
// them in the order chosen by `LockOrder`.
//
//   opposite  B takes second, then first: each can end up holding the lock
//             the other needs, and both wait forever: a deadlock.
//   same      B also takes first, then second: whoever gets `first` gets
//             both, the other waits a little. No deadlock is possible.
//   scoped    both use std::scoped_lock(first, second), which takes several
//             locks without deadlocking whatever order they are named in.
//
// Waiting forever would hang the program (and the page), so every wait for a
// lock is a try_lock_for with a timeout: a thread that times out reports a
// likely deadlock, lets go of what it holds, and gives up.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "recorder.h"

namespace lesson {

enum class LockOrder { opposite, same, scoped };

struct DeadlockOutcome {
  int timeouts = 0;  // threads that gave up waiting for a lock
  bool deadlocked() const { return timeouts > 0; }
};

namespace detail {

// Waits up to `ms` for both threads to hold their first lock, so that the
// opposite order deadlocks every time instead of now and then. (In real
// programs the window is small and the deadlock rare: harder to find, not
// less real.) In the safe orders the other thread never arrives; this one
// just waits out the time and goes on.
inline void meet_or_wait(std::atomic<int>& arrived, double ms) {
  ++arrived;
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(ms);
  while (arrived.load() < 2 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::microseconds(100));
}

// Takes `a` then `b`, each with a timeout; returns false if it gave up.
inline bool lock_in_order(const std::string& who, std::timed_mutex& a, const char* a_name,
                          std::timed_mutex& b, const char* b_name, std::atomic<int>& arrived,
                          double hold_ms, double timeout_ms, Recorder& rec) {
  auto timeout = std::chrono::duration<double, std::milli>(timeout_ms);
  double asked = rec.now();
  if (!a.try_lock_for(timeout)) {
    rec.add(who, asked, rec.now(), std::string("gave up waiting for ") + a_name);
    return false;
  }
  double got_a = rec.now();
  if (got_a - asked > 0.5) rec.add(who, asked, got_a, std::string("waiting for ") + a_name);
  meet_or_wait(arrived, hold_ms);
  double asked_b = rec.now();
  rec.add(who, got_a, asked_b, std::string("holds ") + a_name);
  if (!b.try_lock_for(timeout)) {
    rec.add(who, asked_b, rec.now(), std::string("holds ") + a_name + ", waits for " + b_name + ": gave up");
    a.unlock();
    return false;
  }
  double got_b = rec.now();
  rec.add(who, asked_b, got_b, std::string("holds ") + a_name + ", waits for " + b_name);
  sleep_ms(1);  // the work that needed both locks
  rec.add(who, got_b, rec.now(), "holds both");
  b.unlock();
  a.unlock();
  return true;
}

}  // namespace detail

inline DeadlockOutcome run_two_locks(LockOrder order, double hold_ms, double timeout_ms, Recorder& rec) {
  std::timed_mutex m1, m2;
  std::atomic<int> started{0}, arrived{0}, timeouts{0};
  // Both threads wait at a starting line until both are running: starting a
  // thread can take longer than hold_ms (in a browser, a new Web Worker).
  auto start_together = [&] {
    ++started;
    while (started.load() < 2) std::this_thread::yield();
  };
  auto thread_a = [&] {
    start_together();
    if (order == LockOrder::scoped) {
      double asked = rec.now();
      std::scoped_lock both(m1, m2);
      double got = rec.now();
      sleep_ms(hold_ms);
      rec.add("thread A", asked, got, "scoped_lock(m1, m2)");
      rec.add("thread A", got, rec.now(), "holds both");
      return;
    }
    if (!detail::lock_in_order("thread A", m1, "m1", m2, "m2", arrived, hold_ms, timeout_ms, rec)) ++timeouts;
  };
  auto thread_b = [&] {
    start_together();
    switch (order) {
      case LockOrder::opposite:
        if (!detail::lock_in_order("thread B", m2, "m2", m1, "m1", arrived, hold_ms, timeout_ms, rec)) ++timeouts;
        break;
      case LockOrder::same:
        if (!detail::lock_in_order("thread B", m1, "m1", m2, "m2", arrived, hold_ms, timeout_ms, rec)) ++timeouts;
        break;
      case LockOrder::scoped: {
        double asked = rec.now();
        std::scoped_lock both(m2, m1);  // named in the other order on purpose: still safe
        double got = rec.now();
        sleep_ms(hold_ms);
        rec.add("thread B", asked, got, "scoped_lock(m2, m1)");
        rec.add("thread B", got, rec.now(), "holds both");
        break;
      }
    }
  };
  std::thread a(thread_a), b(thread_b);
  a.join();
  b.join();
  DeadlockOutcome out;
  out.timeouts = timeouts.load();
  return out;
}

}  // namespace lesson
