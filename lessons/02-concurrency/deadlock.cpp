// Deadlock: two threads each hold one lock and wait for the other's.
//
// With `order=opposite` thread A takes m1 then m2 while thread B takes m2
// then m1. If each gets its first lock, neither can get its second: with
// plain lock() both would wait forever and the page would hang. Here every
// wait has a timeout (try_lock_for), so the program notices, reports the
// deadlock, lets go and finishes.
// The fixes: `order=same` (every thread takes the locks in one global order)
// and `order=scoped` (std::scoped_lock takes both at once, safely).
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <string>
#include <vector>

#include "deadlock_scene.h"
#include "thread_support.h"

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  std::string order = args.choice("order", "all", {"all", "opposite", "same", "scoped"});
  int attempts = static_cast<int>(args.integer("attempts", 3, 1, 50));
  double hold_ms = args.number("hold_ms", 20, 0, 1000);
  double timeout_ms = args.number("timeout_ms", 200, 1, 10000);
  if (timeout_ms <= hold_ms + 5) args.error("timeout_ms must be larger than hold_ms + 5, or even safe orders time out");
  if (!args.ok()) return args.fail();
  if (!lesson::require_threads("the deadlock demo")) return 0;

  struct Case {
    const char* name;
    lesson::LockOrder order;
  };
  std::vector<Case> cases;
  for (Case c : {Case{"opposite", lesson::LockOrder::opposite}, Case{"same", lesson::LockOrder::same},
                 Case{"scoped", lesson::LockOrder::scoped}})
    if (order == "all" || order == c.name) cases.push_back(c);

  std::printf("Two threads, two locks, %d attempts per lock order (timeout %.0f ms)\n", attempts, timeout_ms);
  cdd::chart("deadlocks", "Deadlocks detected per attempt", "attempt", "threads that timed out");
  cdd::table_columns("summary", {"lock order", "attempts", "deadlocks detected"});
  for (const Case& c : cases) {
    int deadlocks = 0;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      lesson::Recorder rec;
      auto outcome = lesson::run_two_locks(c.order, hold_ms, timeout_ms, rec);
      if (outcome.deadlocked()) ++deadlocks;
      cdd::report(c.name, attempt, outcome.timeouts, "threads");
      if (attempt == 1)  // one picture per order is enough
        for (const auto& bar : rec.bars())
          cdd::span(std::string("lock order: ") + c.name, bar.lane, bar.start_ms, bar.end_ms, bar.label);
      if (outcome.deadlocked())
        std::printf("  %-8s attempt %d: DEADLOCK detected: %d thread%s waited %.0f ms for a lock "
                    "the other held, then gave up\n", c.name, attempt, outcome.timeouts,
                    outcome.timeouts == 1 ? "" : "s", timeout_ms);
      else
        std::printf("  %-8s attempt %d: both threads got both locks\n", c.name, attempt);
    }
    cdd::table_row("summary", {c.name, std::to_string(attempts), std::to_string(deadlocks)});
  }
  return 0;
}
