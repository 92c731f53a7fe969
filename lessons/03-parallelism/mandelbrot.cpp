// Load balancing: the Mandelbrot set rendered by a team of threads, with rows
// split statically (equal blocks) or handed out dynamically (an atomic
// counter gives the next `chunk` rows to whichever thread asks).
//
// The view is the upper half of the set, so the rows near the bottom (close
// to the real axis, deep inside the set) cost far more than the rows at the
// top. Each image row is reported with the index of the thread that computed
// every pixel, so the page can tint the image by thread; each thread's busy
// time goes to a timeline.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "mandelbrot.h"

using namespace parallelism;

static Rendering median_run(const View& view, int threads, Schedule schedule, int chunk, int reps) {
  render(view, threads, schedule, chunk);  // warm-up
  std::vector<Rendering> runs;
  for (int i = 0; i < reps; ++i) runs.push_back(render(view, threads, schedule, chunk));
  std::sort(runs.begin(), runs.end(), [](const Rendering& a, const Rendering& b) { return a.wall_ms < b.wall_ms; });
  return runs[runs.size() / 2];
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int width = static_cast<int>(args.integer("width", 320, 8, 2000));
  int height = static_cast<int>(args.integer("height", 200, 8, 2000));
  int max_iterations = static_cast<int>(args.integer("max_iter", 1000, 1, 100000));
  int threads_wanted = static_cast<int>(args.integer("threads", 0, 0, 64));
  std::string which = args.choice("schedule", "both", {"both", "static", "dynamic"});
  int chunk = static_cast<int>(args.integer("chunk", 1, 1, 2000));
  int reps = static_cast<int>(args.integer("reps", 3, 1, 50));
  if (!args.ok()) return args.fail();

  int cores = hardware_threads();
  int wanted = threads_wanted > 0 ? threads_wanted : (cores < 2 ? 2 : cores);
  int threads = usable_threads(wanted);
  std::printf("%d hardware threads; rendering with %d thread%s%s.\n", cores, threads, threads == 1 ? "" : "s",
              threads < wanted ? " (threads cannot start in this build)" : "");

  const View view{width, height, -2.2, 0.8, 0.0, 1.25, max_iterations};
  struct Plan {
    const char* name;
    Schedule schedule;
  };
  std::vector<Plan> plans;
  if (which != "dynamic") plans.push_back({"static", Schedule::static_blocks});
  if (which != "static") plans.push_back({"dynamic", Schedule::dynamic_rows});

  std::vector<int> first_image;
  std::vector<double> work_balance, time_balance;
  std::vector<int> row_values(static_cast<std::size_t>(width));
  cdd::chart("mandelbrot-time", "Wall time", "threads", "time (ms)");
  for (const Plan& plan : plans) {
    Rendering r = median_run(view, threads, plan.schedule, chunk, reps);
    if (first_image.empty()) first_image = r.iterations;
    else if (r.iterations != first_image) {
      std::fprintf(stderr, "error: the %s schedule computed a different image\n", plan.name);
      return 1;
    }
    work_balance.push_back(imbalance(r.work));
    time_balance.push_back(imbalance(r.busy_ms));
    std::printf("\n%s schedule%s: %.1f ms wall; imbalance (max / mean per thread): work %.2f, busy time %.2f\n",
                plan.name,
                plan.schedule == Schedule::dynamic_rows ? (" (chunk " + std::to_string(chunk) + ")").c_str() : "",
                r.wall_ms, work_balance.back(), time_balance.back());
    for (int t = 0; t < threads; ++t) {
      std::size_t i = static_cast<std::size_t>(t);
      std::printf("  thread %d: %4d rows, %8.2f million iterations, busy %8.1f ms\n", t, r.rows_done[i],
                  r.work[i] / 1e6, r.busy_ms[i]);
      cdd::span(std::string("busy time, ") + plan.name, "thread " + std::to_string(t), r.start_ms[i],
                r.start_ms[i] + r.busy_ms[i], std::to_string(r.rows_done[i]) + " rows");
    }
    cdd::report(plan.name, threads, r.wall_ms, "ms");
    for (int row = 0; row < height; ++row) {
      std::fill(row_values.begin(), row_values.end(), r.row_owner[static_cast<std::size_t>(row)]);
      cdd::pixels(std::string("threads, ") + plan.name, width, height, row, row_values);
    }
  }
  // Work (iterations) is exact and the same on every machine; busy time is
  // what the work cost here, including any moment another program had the core.
  cdd::chart("mandelbrot-balance", "Load imbalance (max / mean per thread; 1 is perfect)", "threads",
             "imbalance");
  for (std::size_t i = 0; i < plans.size(); ++i) {
    cdd::report(std::string("work imbalance, ") + plans[i].name, threads, work_balance[i], "");
    cdd::report(std::string("busy-time imbalance, ") + plans[i].name, threads, time_balance[i], "");
  }
  return 0;
}
