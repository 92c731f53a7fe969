// Two threads, two locks. Thread A takes m1 then m2; thread B takes them in
// the order chosen by `LockOrder`.
//
//   opposite  B takes m2, then m1: each can end up holding the lock the
//             other needs, and both would wait forever: a deadlock.
//   same      B also takes m1, then m2: whoever gets m1 gets both, the other
//             waits a little. No deadlock is possible.
//   scoped    both use std::scoped_lock, which takes several locks without
//             deadlocking whatever order they are named in.
//
// Waiting forever would hang the program (and the page), so the locks live in
// a wait-for graph (wait_for_graph.h): a request that would close a cycle of
// threads each waiting for the next is refused at once. The thread that made
// it reports the deadlock, lets go of what it holds, and gives up.
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "recorder.h"
#include "wait_for_graph.h"

namespace lesson {

enum class LockOrder { opposite, same, scoped };

constexpr int kThreadA = 0, kThreadB = 1;
constexpr int kM1 = 0, kM2 = 1;

inline std::string thread_name(int t) { return t == kThreadA ? "thread A" : "thread B"; }
inline std::string lock_name(int l) { return l == kM1 ? "m1" : "m2"; }

// A timeline bar's state: the page draws a lock held solid and a lock waited
// for hatched (a thread that holds one lock and waits for another is waiting:
// that is the edge of the cycle).
inline const std::string kHolding = "holding", kWaiting = "waiting";

struct DeadlockOutcome {
  int detected = 0;                      // requests refused because they closed a cycle
  std::vector<WaitForGraph::Wait> cycle;  // the cycle, from the thread that asked
  bool deadlocked() const { return detected > 0; }
};

// One thread's handle on one lock of the graph, with the three member
// functions std::scoped_lock needs.
struct LockHandle {
  WaitForGraph& graph;
  int me, id;
  void lock() { graph.acquire(me, id); }
  bool try_lock() { return graph.try_acquire(me, id); }
  void unlock() { graph.release(id); }
};

namespace detail {

// Takes `first` then `second`; returns false if asking for `second` would
// have closed a cycle (a deadlock). After taking `first` the thread waits
// until the other thread has asked for its own first lock, so that in the
// opposite order both hold one lock each and the deadlock happens every time
// instead of now and then. (In real programs the window is small and the
// deadlock rare: harder to find, not less real.) In the safe orders the other
// thread may be waiting for this one's lock instead: it has asked either way.
inline bool lock_in_order(int me, int first, int second, double hold_ms, WaitForGraph& graph, Recorder& rec) {
  std::string who = thread_name(me), a = lock_name(first), b = lock_name(second);
  double asked = rec.now();
  graph.acquire(me, first);  // holds nothing yet, so this wait cannot be part of a cycle
  double got_a = rec.now();
  if (got_a - asked > 0.5) rec.add(who, asked, got_a, "waits for " + a, kWaiting);
  graph.wait_until_asked(1 - me);
  double asked_b = rec.now();
  if (!graph.acquire_unless_deadlock(me, second)) {
    rec.add(who, got_a, rec.now(), "holds " + a + "; asking for " + b + " closes a cycle: gives up", kHolding);
    graph.release(first);
    return false;
  }
  double got_b = rec.now();
  rec.add(who, got_a, asked_b, "holds " + a, kHolding);
  rec.add(who, asked_b, got_b, "holds " + a + ", waits for " + b, kWaiting);
  sleep_ms(hold_ms);  // the work that needed both locks
  rec.add(who, got_b, rec.now(), "holds both", kHolding);
  graph.release(second);
  graph.release(first);
  return true;
}

// Both locks at once with std::scoped_lock, named in the given order.
inline void lock_scoped(int me, int first, int second, double hold_ms, WaitForGraph& graph, Recorder& rec) {
  std::string who = thread_name(me);
  LockHandle x{graph, me, first}, y{graph, me, second};
  double asked = rec.now();
  std::scoped_lock both(x, y);
  double got = rec.now();
  sleep_ms(hold_ms);
  rec.add(who, asked, got, "scoped_lock(" + lock_name(first) + ", " + lock_name(second) + ") waits for both", kWaiting);
  rec.add(who, got, rec.now(), "holds both", kHolding);
}

}  // namespace detail

inline DeadlockOutcome run_two_locks(LockOrder order, double hold_ms, Recorder& rec) {
  WaitForGraph graph(2);
  std::atomic<int> started{0}, detected{0};
  // Both threads wait at a starting line until both are running, so that
  // they compete for the locks (starting a thread can take a while: in a
  // browser, a new Web Worker).
  auto start_together = [&] {
    ++started;
    while (started.load() < 2) std::this_thread::yield();
  };
  auto thread_a = [&] {
    start_together();
    if (order == LockOrder::scoped)
      detail::lock_scoped(kThreadA, kM1, kM2, hold_ms, graph, rec);
    else if (!detail::lock_in_order(kThreadA, kM1, kM2, hold_ms, graph, rec))
      ++detected;
  };
  auto thread_b = [&] {
    start_together();
    switch (order) {
      case LockOrder::opposite:
        if (!detail::lock_in_order(kThreadB, kM2, kM1, hold_ms, graph, rec)) ++detected;
        break;
      case LockOrder::same:
        if (!detail::lock_in_order(kThreadB, kM1, kM2, hold_ms, graph, rec)) ++detected;
        break;
      case LockOrder::scoped:
        detail::lock_scoped(kThreadB, kM2, kM1, hold_ms, graph, rec);  // the other order on purpose: still safe
        break;
    }
  };
  std::thread a(thread_a), b(thread_b);
  a.join();
  b.join();
  DeadlockOutcome out;
  out.detected = detected.load();
  out.cycle = graph.last_cycle();
  return out;
}

}  // namespace lesson
