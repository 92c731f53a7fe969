// Amdahl's law, measured: a job whose serial fraction you choose.
//
// The job applies `refine` to `n` values. The first `serial` share of them is
// done by one thread while the others wait (think: reading input, a step that
// depends on all previous ones); the rest is split over p threads. The program
// measures the speedup for each p, draws Amdahl's prediction next to it, and
// fits the serial fraction that best explains the measurements (using only
// p up to the core count: beyond it threads share cores, which Amdahl's law
// does not model). Then it runs Gustafson's scaled workload: the parallel part
// grows with p while the serial part stays the same.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <vector>

#include "amdahl.h"
#include "by_threads.h"
#include "parallel_kernels.h"

using namespace parallelism;

// One run of the job: serial share on the calling thread, then the parallel
// share on p threads. Returns nothing; the results land in `out`.
static void run_job(const std::vector<float>& in, std::vector<float>& out, std::size_t serial_n,
                    std::size_t parallel_n, int p) {
  map_block(in.data(), out.data(), 0, serial_n);
  parallel_map(in.data() + serial_n, out.data() + serial_n, parallel_n, p);
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  double serial = args.number("serial", 0.2, 0, 1);
  long long n = args.integer("n", 400000, 1000, 50000000);
  int max_threads = static_cast<int>(args.integer("max_threads", 0, 0, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 50));
  if (!args.ok()) return args.fail();

  int cores = hardware_threads();
  int wanted = max_threads > 0 ? max_threads : 2 * cores;
  int top = usable_threads(wanted);
  std::printf("%s; measuring %s%s.\n", cdd::plural(cores, "hardware thread", "hardware threads").c_str(),
              cdd::one_to(top, "thread", "threads").c_str(),
              top < wanted ? " (threads cannot start in this build)" : "");
  // Gustafson's job at p threads holds serial + (1 - serial) * p shares of n.
  args.require_memory(8.0 * static_cast<double>(n) * (1 + top), "the scaled workload");
  if (!args.ok()) return args.fail();

  const std::size_t serial_n = static_cast<std::size_t>(serial * static_cast<double>(n));
  const std::size_t parallel_n = static_cast<std::size_t>(n) - serial_n;
  std::vector<float> in(serial_n + parallel_n * static_cast<std::size_t>(top), 1.5f), out(in.size());

  // Both jobs are measured before anything more is printed: in a browser, drawing
  // the printed rows and charts takes a core for a while, and a run measured
  // meanwhile would pay for it.
  std::vector<double> ms = fastest_ms_by_threads(top, reps, [&](int p) { run_job(in, out, serial_n, parallel_n, p); });
  std::vector<double> scaled_ms = fastest_ms_by_threads(
      top, reps, [&](int p) { run_job(in, out, serial_n, parallel_n * static_cast<std::size_t>(p), p); });

  if (serial > 0)
    std::printf("Serial fraction %.2f: at most %.2fx however many threads.\n", serial, 1 / serial);
  else
    std::printf("Serial fraction 0: Amdahl's law sets no limit.\n");
  std::printf("%8s %12s %12s %12s\n", "threads", "time (ms)", "measured", "Amdahl");
  std::vector<SpeedupSample> samples;
  for (int p = 1; p <= top; ++p) {
    double speedup = ms[1] / ms[p];
    if (p <= cores) samples.push_back({static_cast<double>(p), speedup});
    std::printf("%8d %12.2f %11.2fx %11.2fx\n", p, ms[p], speedup, amdahl_speedup(serial, p));
  }
  double fitted = fit_serial_fraction(samples);

  cdd::chart("amdahl", "Amdahl: the same job on more threads", "threads", "speedup (x)");
  // The prediction covers every thread count asked for, even those this
  // build cannot start: it is arithmetic, not a measurement.
  for (int p = 1; p <= wanted; ++p) {
    if (p <= top) cdd::report("measured", p, ms[p] > 0 ? ms[1] / ms[p] : 0, "x");
    cdd::report("Amdahl's law, serial fraction as set", p, amdahl_speedup(serial, p), "x");
    if (fitted >= 0 && p <= top)
      cdd::report("Amdahl's law, serial fraction fitted", p, amdahl_speedup(fitted, p), "x");
  }
  if (fitted >= 0) {
    std::printf("Serial fraction fitted from the measurements (p <= %d): %.3f (set: %.3f)\n", cores,
                fitted, serial);
    char set_text[32], fitted_text[32];
    std::snprintf(set_text, sizeof set_text, "%.3f", serial);
    std::snprintf(fitted_text, sizeof fitted_text, "%.3f", fitted);
    cdd::table_columns("amdahl-fit", {"serial fraction as set", "fitted from measurements"});
    cdd::table_row("amdahl-fit", {set_text, fitted_text});
  } else {
    std::printf("Only one thread measured, so no serial fraction can be fitted.\n");
  }

  std::printf("\nGustafson: the parallel part grows with the threads, the serial part does not.\n");
  std::printf("%8s %12s %14s %12s\n", "threads", "time (ms)", "scaled speedup", "Gustafson");
  cdd::chart("gustafson", "Gustafson: a bigger job on more threads", "threads", "scaled speedup (x)");
  const double base_ms = scaled_ms[1];
  for (int p = 1; p <= top; ++p) {
    std::size_t grown = parallel_n * static_cast<std::size_t>(p);
    double t = scaled_ms[static_cast<std::size_t>(p)];
    // Work done per millisecond, relative to one thread doing the 1-thread job.
    double work_ratio = static_cast<double>(serial_n + grown) / static_cast<double>(serial_n + parallel_n);
    double scaled = work_ratio * base_ms / t;
    std::printf("%8d %12.2f %13.2fx %11.2fx\n", p, t, scaled, gustafson_speedup(serial, p));
    cdd::report("measured (scaled workload)", p, scaled, "x");
    cdd::report("Gustafson's law", p, gustafson_speedup(serial, p), "x");
  }
  return 0;
}
