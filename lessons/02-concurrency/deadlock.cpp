// Deadlock: two threads each hold one lock and wait for the other's.
//
// With `order=opposite` thread A takes m1 then m2 while thread B takes m2
// then m1. If each gets its first lock, neither can get its second: with
// plain lock() both would wait forever and the page would hang. Here the
// locks keep a wait-for graph (who holds what, who waits for what), and the
// request that would close a cycle is refused: the program reports the
// deadlock, that thread lets go, and the program finishes.
// The fixes: `order=same` (every thread takes the locks in one global order)
// and `order=scoped` (std::scoped_lock takes both at once, safely).
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>

#include <cstdio>
#include <string>
#include <vector>

#include "deadlock_scene.h"
#include "thread_support.h"

// "thread A asked for m2, held by thread B, which waits for m1, held by thread A"
std::string describe(const std::vector<lesson::WaitForGraph::Wait>& cycle) {
  std::string text;
  for (size_t i = 0; i < cycle.size(); ++i) {
    const auto& next = cycle[(i + 1) % cycle.size()];
    text += (i == 0 ? lesson::thread_name(cycle[i].thread) + " asked for " : std::string(", which waits for ")) +
            lesson::lock_name(cycle[i].lock) + ", held by " + lesson::thread_name(next.thread);
  }
  return text;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  std::string order = args.choice("order", "all", {"all", "opposite", "same", "scoped"});
  int attempts = static_cast<int>(args.integer("attempts", 3, 1, 50));
  double hold_ms = args.number("hold_ms", 20, 0, 5000);
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

  std::printf("Two threads, two locks, %s per lock order (%.0f ms holding both)\n",
              cdd::plural(attempts, "attempt", "attempts").c_str(), hold_ms);
  cdd::chart("deadlocks", "Deadlocks detected per attempt", "attempt", "deadlocks detected");
  cdd::table_columns("summary", {"lock order", "attempts", "deadlocks detected"});
  for (const Case& c : cases) {
    int deadlocks = 0;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      lesson::Recorder rec;
      auto outcome = lesson::run_two_locks(c.order, hold_ms, rec);
      if (outcome.deadlocked()) ++deadlocks;
      cdd::report(c.name, attempt, outcome.detected, "deadlocks");
      if (attempt == 1)  // one picture per order is enough
        for (const auto& bar : rec.bars())
          cdd::span(std::string("lock order: ") + c.name, bar.lane, bar.start_ms, bar.end_ms, bar.label, bar.state);
      if (outcome.deadlocked())
        std::printf("  %-8s attempt %d: DEADLOCK detected: %s: a cycle. So %s gave up its lock, "
                    "and the other thread got both\n",
                    c.name, attempt, describe(outcome.cycle).c_str(),
                    lesson::thread_name(outcome.cycle.front().thread).c_str());
      else
        std::printf("  %-8s attempt %d: both threads got both locks\n", c.name, attempt);
    }
    cdd::table_row("summary", {c.name, std::to_string(attempts), std::to_string(deadlocks)});
  }
  return 0;
}
