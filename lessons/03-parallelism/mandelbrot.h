// Load balancing: a skewed workload split statically vs handed out dynamically.
//
// Each pixel of a Mandelbrot image costs as many iterations as it takes the
// point to escape: a few outside the set, the full `max_iterations` inside
// it. Rows that cross the set are far more expensive than rows that do not.
//   static   thread t gets the t-th block of equal height. Equal rows, but not
//            equal work: the thread with the set in its block finishes last,
//            and the others wait.
//   dynamic  a shared atomic counter hands out `chunk` rows at a time; a
//            thread that finishes early simply takes the next rows. The cost
//            is one atomic operation per chunk.
// Both compute the same image; only who computes which row differs.
#pragma once

#include "kernel.h"

#include <cdd/shared_clock.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <vector>

#include "thread_team.h"

namespace parallelism {

struct View {
  int width, height;
  double x_min, x_max, y_min, y_max;  // row 0 is y_max (the top)
  int max_iterations;
};

// Iterations until |z| > 2 for z -> z^2 + c, at most max_iterations.
inline int escape_iterations(double cx, double cy, int max_iterations) {
  double x = 0, y = 0;
  int i = 0;
  while (i < max_iterations && x * x + y * y <= 4.0) {
    double next_x = x * x - y * y + cx;
    y = 2 * x * y + cy;
    x = next_x;
    ++i;
  }
  return i;
}

KERNEL inline void render_row(const View& v, int row, int* out) {
  double cy = v.y_max - (v.y_max - v.y_min) * (row + 0.5) / v.height;
  for (int col = 0; col < v.width; ++col) {
    double cx = v.x_min + (v.x_max - v.x_min) * (col + 0.5) / v.width;
    out[col] = escape_iterations(cx, cy, v.max_iterations);
  }
}

// How deep to draw a pixel, 0..15 (cdd::pixels' shades): 0 inside the set
// (it never escaped), 15 for points that escape at once, and in between by
// the logarithm of the iterations, so the set's rich edge shows many shades.
inline int shade_level(int iterations, int max_iterations) {
  if (iterations >= max_iterations) return 0;
  if (iterations <= 1 || max_iterations <= 1) return 15;
  double depth = std::log(static_cast<double>(iterations)) / std::log(static_cast<double>(max_iterations));
  return 1 + static_cast<int>(std::lround(14 * (1 - depth)));
}

enum class Schedule { static_blocks, dynamic_rows };

struct Rendering {
  std::vector<int> iterations;    // width * height, row-major
  std::vector<int> row_owner;     // which thread computed each row
  std::vector<double> busy_ms;    // per thread: from its start to its last row
  std::vector<double> start_ms;   // per thread, relative to the whole run's start
  std::vector<int> rows_done;     // per thread
  std::vector<double> work;       // per thread: iterations computed (the real cost)
  double wall_ms = 0;
};

// A thread's start is compared with the run's start, taken on another thread:
// in a browser each thread's own clock is off by a little, so all read the
// one shared clock (cdd/shared_clock.h).
inline double clock_ms() { return cdd::shared_now_ms(); }

inline Rendering render(const View& v, int threads, Schedule schedule, int chunk = 1) {
  Rendering r;
  std::size_t t_count = static_cast<std::size_t>(threads);
  r.iterations.assign(static_cast<std::size_t>(v.width) * static_cast<std::size_t>(v.height), 0);
  r.row_owner.assign(static_cast<std::size_t>(v.height), -1);
  r.busy_ms.assign(t_count, 0);
  r.start_ms.assign(t_count, 0);
  r.rows_done.assign(t_count, 0);
  r.work.assign(t_count, 0);
  if (chunk < 1) chunk = 1;

  std::atomic<int> next_row{0};
  // Renders one row and returns its iterations. Per-thread totals are kept in
  // the thread's own locals and stored once at the end: adding to
  // r.work[t] per pixel would put every thread's counter on one cache line,
  // the false sharing this lesson teaches, and slow the dynamic schedule most.
  auto do_row = [&](int t, int row) {
    int* out = &r.iterations[static_cast<std::size_t>(row) * static_cast<std::size_t>(v.width)];
    render_row(v, row, out);
    r.row_owner[static_cast<std::size_t>(row)] = t;  // each row has one writer
    double iterations = 0;
    for (int col = 0; col < v.width; ++col) iterations += out[col];
    return iterations;
  };

  double run_start = clock_ms();
  run_team(threads, [&](int t) {
    double start = clock_ms();
    double work = 0;
    int rows_done = 0;
    auto take_row = [&](int row) {
      work += do_row(t, row);
      ++rows_done;
    };
    if (schedule == Schedule::static_blocks) {
      Range rows = block_of(static_cast<std::size_t>(v.height), threads, t);
      for (std::size_t row = rows.begin; row < rows.end; ++row) take_row(static_cast<int>(row));
    } else {
      for (;;) {
        int first = next_row.fetch_add(chunk, std::memory_order_relaxed);
        if (first >= v.height) break;
        int last = first + chunk < v.height ? first + chunk : v.height;
        for (int row = first; row < last; ++row) take_row(row);
      }
    }
    double end = clock_ms();
    std::size_t slot = static_cast<std::size_t>(t);
    r.work[slot] = work;
    r.rows_done[slot] = rows_done;
    r.start_ms[slot] = start - run_start;
    r.busy_ms[slot] = end - start;
  });
  r.wall_ms = clock_ms() - run_start;
  return r;
}

// max / mean of a per-thread amount (busy time, or work done): 1.0 is
// perfect balance; 2.0 with two threads means one thread did everything.
inline double imbalance(const std::vector<double>& per_thread) {
  double sum = 0, most = 0;
  for (double b : per_thread) {
    sum += b;
    if (b > most) most = b;
  }
  if (per_thread.empty() || sum <= 0) return 1.0;
  return most / (sum / static_cast<double>(per_thread.size()));
}

}  // namespace parallelism
