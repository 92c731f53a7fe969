// Locks that know who holds them and who waits for them, so that a deadlock
// is found for certain instead of guessed from a timeout.
//
// Every thread publishes, in one shared table, which locks it holds and
// which one it is waiting for. Draw an arrow from each waiting thread to the
// thread that holds the lock it wants: that is the *wait-for graph*. A
// deadlock is exactly a cycle of arrows (A waits for B, B waits for A), and
// a cycle can only close when a thread asks for a lock. So every request
// follows the arrows from the asking thread: if they lead back to it, waiting
// would be forever, and the request says so at once instead of waiting.
// (Databases find deadlocks between transactions this way.)
//
// Threads and locks are small numbers (0, 1, ...). The table is guarded by
// one mutex; a thread that has to wait sleeps on a condition variable, woken
// whenever the table changes.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <vector>

namespace lesson {

class WaitForGraph {
 public:
  static constexpr int kNobody = -1;

  // One arrow of a cycle: `thread` waits for `lock`, held by the next arrow's thread.
  struct Wait {
    int thread, lock;
  };

  explicit WaitForGraph(int locks) : holder_(static_cast<size_t>(locks), kNobody) {}

  // Thread `me` asks for lock `lock` and waits until it is free, then takes
  // it: true. If the lock is held and waiting for it would close a cycle,
  // returns false at once; `me` keeps whatever it already holds.
  bool acquire_unless_deadlock(int me, int lock) { return request(me, lock, true); }

  // The same without the check, like a plain mutex's lock(): for callers
  // that never wait while holding a lock (std::scoped_lock), which cannot be
  // part of a cycle.
  void acquire(int me, int lock) { request(me, lock, false); }

  // Takes the lock if it is free; never waits.
  bool try_acquire(int me, int lock) {
    std::lock_guard<std::mutex> guard(m_);
    note_asked(me);
    if (holder_[static_cast<size_t>(lock)] != kNobody) return false;
    holder_[static_cast<size_t>(lock)] = me;
    changed_.notify_all();
    return true;
  }

  void release(int lock) {
    {
      std::lock_guard<std::mutex> guard(m_);
      holder_[static_cast<size_t>(lock)] = kNobody;
    }
    changed_.notify_all();
  }

  // Waits until thread `other` has asked for a lock at least once. By then
  // it holds that lock or is waiting for it (both are published in the same
  // step), which lets a scene make two threads meet without a timeout.
  void wait_until_asked(int other) {
    std::unique_lock<std::mutex> guard(m_);
    changed_.wait(guard, [&] { return asked_.count(other) > 0; });
  }

  // Waits until thread `other` is waiting for a lock (tests use it to set up
  // a scene step by step).
  void wait_until_waiting(int other) {
    std::unique_lock<std::mutex> guard(m_);
    changed_.wait(guard, [&] { return wants_.count(other) > 0; });
  }

  // The cycle the last refused request would have closed, starting with the
  // thread that asked (empty if no request was refused).
  std::vector<Wait> last_cycle() const {
    std::lock_guard<std::mutex> guard(m_);
    return last_cycle_;
  }

 private:
  bool request(int me, int lock, bool detect) {
    std::unique_lock<std::mutex> guard(m_);
    note_asked(me);
    size_t l = static_cast<size_t>(lock);
    while (holder_[l] != kNobody) {
      if (wants_.count(me) == 0) {
        wants_[me] = lock;
        // The arrow just drawn is the only one that can close a cycle through
        // `me`, so checking now, before anyone else sees it, finds every cycle.
        std::vector<Wait> cycle = detect ? cycle_from(me) : std::vector<Wait>{};
        if (!cycle.empty()) {
          wants_.erase(me);
          last_cycle_ = cycle;
          return false;
        }
        changed_.notify_all();
      }
      changed_.wait(guard);
    }
    wants_.erase(me);
    holder_[l] = me;
    changed_.notify_all();
    return true;
  }

  void note_asked(int me) {
    if (asked_.insert(me).second) changed_.notify_all();
  }

  // Follows the arrows from `me`: the lock it wants, that lock's holder, the
  // lock the holder wants, ... Each thread waits for at most one lock, so the
  // path is a single line; it is a cycle if it comes back to `me`.
  std::vector<Wait> cycle_from(int me) const {
    std::vector<Wait> path;
    for (int t = me; path.size() <= wants_.size();) {
      auto wanted = wants_.find(t);
      if (wanted == wants_.end()) return {};
      path.push_back({t, wanted->second});
      t = holder_[static_cast<size_t>(wanted->second)];
      if (t == kNobody) return {};
      if (t == me) return path;
    }
    return {};  // a cycle that does not pass through `me`
  }

  mutable std::mutex m_;
  std::condition_variable changed_;
  std::vector<int> holder_;   // per lock: the thread holding it, or kNobody
  std::map<int, int> wants_;  // thread -> the lock it is waiting for
  std::set<int> asked_;       // threads that have asked for a lock
  std::vector<Wait> last_cycle_;
};

}  // namespace lesson
