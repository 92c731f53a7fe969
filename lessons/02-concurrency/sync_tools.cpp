// Synchronization tools, each in a small scene drawn as a timeline:
//   condition_variable  a consumer sleeps until the producer has a batch ready
//   semaphore           at most `slots` of the workers use a resource at once
//   latch               main starts only after every worker is ready
//   barrier             threads move through phases in lock-step
// A bar is a thread doing something; a gap in its lane is time it spent
// blocked, using no CPU, until another thread let it go on. (The scenes also
// record their waits; they are left out of the picture, where they would
// look just like work.)
#include <cdd/args.h>
#include <cdd/report.h>

#include <cstdio>
#include <string>

#include "sync_demos.h"
#include "thread_support.h"

void draw(const std::string& timeline, const lesson::Recorder& rec) {
  for (const auto& bar : rec.bars())
    if (bar.label.rfind("waiting", 0) != 0) cdd::span(timeline, bar.lane, bar.start_ms, bar.end_ms, bar.label);
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  std::string tool = args.choice("tool", "all", {"all", "condition_variable", "semaphore", "latch", "barrier"});
  int threads = static_cast<int>(args.integer("threads", 4, 2, 16));
  int slots = static_cast<int>(args.integer("slots", 2, 1, 16));
  double step_ms = args.number("ms", 20, 1, 500);
  if (!args.ok()) return args.fail();
  if (!lesson::require_threads("the synchronization scenes")) return 0;
  auto wants = [&](const char* name) { return tool == "all" || tool == name; };

  if (wants("condition_variable")) {
    lesson::Recorder rec;
    int done = lesson::condition_variable_scene(3, step_ms, rec);
    draw("condition_variable", rec);
    std::printf("condition_variable: the consumer slept until each batch was ready; it processed "
                "%d of 3 batches.\n", done);
  }
  if (wants("semaphore")) {
    lesson::Recorder rec;
    int most = lesson::semaphore_scene(threads, slots, step_ms, rec);
    draw("counting_semaphore", rec);
    // The count is the semaphore's own; the picture is drawn from times on the
    // shared clock, so it agrees with the count (recorder.h).
    int drawn = lesson::most_drawn_at_once(rec.bars(), "using a slot");
    std::printf("counting_semaphore(%d): %d workers, never more than %d using a slot at once "
                "(limit %d); the timeline shows at most %d at once.\n", slots, threads, most, slots, drawn);
  }
  if (wants("latch")) {
    lesson::Recorder rec;
    auto times = lesson::latch_scene(threads, step_ms, rec);
    draw("latch", rec);
    std::printf("latch(%d): the last worker was ready at %.1f ms, main started at %.1f ms "
                "(it had waited since %.1f ms).\n",
                threads, times.last_ready_ms, times.main_start_ms, times.main_wait_ms);
  }
  if (wants("barrier")) {
    lesson::Recorder rec;
    bool lockstep = lesson::barrier_scene(threads, 3, step_ms, rec);
    draw("barrier", rec);
    std::printf("barrier(%d): 3 phases; %s\n", threads,
                lockstep ? "no thread began a phase before all had finished the previous one."
                         : "a thread ran ahead of the barrier (this should never happen).");
  }
  return 0;
}
