// Load balancing: the Mandelbrot set rendered by a team of threads, with rows
// split statically (equal blocks) or handed out dynamically (an atomic
// counter gives the next `chunk` rows to whichever thread asks).
//
// The view is the upper half of the set, so the rows near the bottom (close
// to the real axis, deep inside the set) cost far more than the rows at the
// top. Each image row is reported with the index of the thread that computed
// it and every pixel's shade (its iterations), so the page draws the set
// tinted by thread; each thread's busy time goes to a timeline. The charts
// compare one thread with the team, so the speed-up (or its absence) shows.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
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

struct Plan {
  const char* name;
  Schedule schedule;
};

// 1, 2, 4, ... below `threads`, then `threads`: the wall-time chart's x-values.
static std::vector<int> thread_counts(int threads) {
  std::vector<int> counts;
  for (int n = 1; n < threads; n *= 2) counts.push_back(n);
  counts.push_back(threads);
  return counts;
}

// The image tinted by the thread that computed each row, shaded by iterations.
static void draw_image(const std::string& name, const View& view, const Rendering& r) {
  std::vector<int> owners(static_cast<std::size_t>(view.width)), shades(owners.size());
  for (int row = 0; row < view.height; ++row) {
    std::size_t first = static_cast<std::size_t>(row) * owners.size();
    for (std::size_t col = 0; col < owners.size(); ++col) {
      owners[col] = r.row_owner[static_cast<std::size_t>(row)];
      shades[col] = shade_level(r.iterations[first + col], view.max_iterations);
    }
    cdd::pixels(name, view.width, view.height, row, owners, shades);
  }
}

// What the full team did: per-thread rows, work and busy time, as text and timeline.
static void describe_team(const Plan& plan, const Rendering& r, int threads, int chunk) {
  std::printf("\n%s schedule%s, %d threads: %.1f ms wall; imbalance (max / mean per thread): work %.2f, "
              "busy time %.2f\n",
              plan.name, plan.schedule == Schedule::dynamic_rows ? (" (chunk " + std::to_string(chunk) + ")").c_str() : "",
              threads, r.wall_ms, imbalance(r.work), imbalance(r.busy_ms));
  for (int t = 0; t < threads; ++t) {
    std::size_t i = static_cast<std::size_t>(t);
    std::printf("  thread %d: %4d rows, %8.2f million iterations, busy %8.1f ms\n", t, r.rows_done[i],
                r.work[i] / 1e6, r.busy_ms[i]);
    cdd::span(std::string("busy time, ") + plan.name, "thread " + std::to_string(t), r.start_ms[i],
              r.start_ms[i] + r.busy_ms[i], std::to_string(r.rows_done[i]) + " rows");
  }
}

// One plan's median run on n threads.
struct Measured {
  Plan plan;
  int threads;
  Rendering rendering;
};

// Renders with 1, 2, ... threads and every plan, and prints nothing meanwhile:
// in a browser, drawing what a program printed (above all the images) keeps a
// core busy for a while, and a run measured during it would pay for that, on
// one of its threads. Empty if a schedule computed a different image (a bug,
// not a measurement).
static std::vector<Measured> measure_all(const View& view, int threads, const std::vector<Plan>& plans, int chunk,
                                         int reps) {
  std::vector<Measured> all;
  std::vector<int> first_image;
  for (int n : thread_counts(threads))
    for (const Plan& plan : plans) {
      Rendering r = median_run(view, n, plan.schedule, chunk, reps);
      if (first_image.empty()) first_image = r.iterations;
      else if (r.iterations != first_image) {
        std::fprintf(stderr, "error: the %s schedule on %d threads computed a different image\n", plan.name, n);
        return {};
      }
      if (n < threads) r.iterations = {};  // only the full team's images are drawn
      all.push_back({plan, n, std::move(r)});
    }
  return all;
}

// Wall times and imbalance on charts, and for the full team the details and
// the images. False if a schedule computed a different image.
static bool render_all(const View& view, int threads, const std::vector<Plan>& plans, int chunk, int reps) {
  std::vector<Measured> all = measure_all(view, threads, plans, chunk, reps);
  if (all.empty()) return false;
  cdd::chart("mandelbrot-time", "Wall time", "threads", "time (ms)");
  for (const Measured& m : all) {
    cdd::report(m.plan.name, m.threads, m.rendering.wall_ms, "ms");
    if (m.threads < threads) {
      std::printf("%s schedule, %d thread%s: %.1f ms wall\n", m.plan.name, m.threads, m.threads == 1 ? "" : "s",
                  m.rendering.wall_ms);
      continue;
    }
    describe_team(m.plan, m.rendering, threads, chunk);
    draw_image(std::string("threads, ") + m.plan.name, view, m.rendering);
  }
  // Work (iterations) is exact and the same on every machine; busy time is
  // what the work cost here, including any moment another program had the core.
  cdd::chart("mandelbrot-balance", "Load imbalance (max / mean per thread; 1 is perfect)", "threads",
             "imbalance");
  for (const Measured& m : all) {
    cdd::report(std::string("work imbalance, ") + m.plan.name, m.threads, imbalance(m.rendering.work), "");
    cdd::report(std::string("busy-time imbalance, ") + m.plan.name, m.threads, imbalance(m.rendering.busy_ms), "");
  }
  return true;
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
  std::printf("%s; rendering with %s%s.\n", cdd::plural(cores, "hardware thread", "hardware threads").c_str(),
              cdd::one_to(threads, "thread", "threads").c_str(), threads < wanted ? " (threads cannot start in this build)" : "");

  const View view{width, height, -2.2, 0.8, 0.0, 1.25, max_iterations};
  std::vector<Plan> plans;
  if (which != "dynamic") plans.push_back({"static", Schedule::static_blocks});
  if (which != "static") plans.push_back({"dynamic", Schedule::dynamic_rows});

  return render_all(view, threads, plans, chunk, reps) ? 0 : 1;
}
