// How much faster is a CPU-bound map over a pool of processes?
//
// The work: count the primes below n, cut into `pieces` ranges. Each range is
// one task; a Pool of 1, 2, ... processes maps the task over all ranges. The
// pool is started before the clock runs, so the times are the map alone.
// Then, with `chunk_processes` processes, the same map with different chunk
// sizes: one task per message is the most even spread but pays a round trip
// per task; huge chunks pay few round trips but can leave a process idle at
// the end while another still works through its last big chunk.
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using Range = std::pair<long long, long long>;

// Trial division: deliberately plain, CPU-bound, and more expensive for
// larger numbers, so later ranges cost more than earlier ones. Not inlined:
// a browser optimises a wasm function only from its next call on, so the
// in-process run below must call it once per range, as the workers do.
[[gnu::noinline]] long long count_primes(Range range) {
  long long count = 0;
  for (long long k = std::max(2LL, range.first); k < range.second; ++k) {
    bool prime = k == 2 || k % 2 != 0;
    for (long long d = 3; prime && d * d <= k; d += 2)
      if (k % d == 0) prime = false;
    count += prime;
  }
  return count;
}
CDD_MP_TASK(count_primes);

std::vector<Range> cut(long long n, long long pieces) {
  std::vector<Range> ranges;
  for (long long i = 0; i < pieces; ++i) ranges.push_back({n * i / pieces, n * (i + 1) / pieces});
  return ranges;
}

// Maps count_primes over the ranges; returns the total (or -1 on a failure).
// With a `timeline` name, also draws which process ran which task, and when;
// with `tasks_per_worker`, counts the tasks each process ran.
long long map_total(cdd::mp::Pool& pool, const std::vector<Range>& ranges, std::size_t chunk,
                    const std::string& timeline = "", std::vector<int>* tasks_per_worker = nullptr) {
  long long total = 0;
  double start = cdd::now_ms();
  for (const auto& r : pool.map<long long>("count_primes", ranges, chunk)) {
    if (!r.ok()) {
      std::printf("task %zu failed: %s\n", r.index, r.message.c_str());
      return -1;
    }
    total += r.value;
    if (tasks_per_worker && r.worker >= 0 && static_cast<std::size_t>(r.worker) < tasks_per_worker->size())
      ++(*tasks_per_worker)[static_cast<std::size_t>(r.worker)];
    if (!timeline.empty())
      cdd::span(timeline, "process " + std::to_string(r.worker), r.started_ms - start, r.finished_ms - start,
                "task " + std::to_string(r.index));
  }
  return total;
}

int main(int argc, char** argv) {
  // Processes run on every core even in a build without threads, where
  // hardware_concurrency() says 1.
  unsigned cores = cdd::mp::processors_available();
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 2000000, 1000, 100000000);
  long long pieces = args.integer("pieces", 64, 1, 10000);
  int max_processes = static_cast<int>(args.integer("processes", std::min(4u, std::max(2u, cores)), 1, 16));
  // Tasks here take milliseconds and a message tens of microseconds, so one
  // task per message costs little and balances best (0: let the pool pick).
  long long speedup_chunk = args.integer("chunk", 1, 0, 10000);
  int chunk_processes = static_cast<int>(args.integer("chunk_processes", 2, 1, 16));
  int reps = static_cast<int>(args.integer("reps", 3, 1, 20));
  if (!args.ok()) return args.fail();

  std::string why;
  if (!cdd::mp::processes_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }
  std::vector<Range> ranges = cut(n, pieces);
  long long expected = 0;
  double serial_ms = cdd::median_ms(1, [&] {
    expected = 0;
    for (const Range& r : ranges) expected += count_primes(r);
  });
  std::printf("%lld primes below %lld; %.1f ms in this process alone (%s reported)\n", expected, n, serial_ms,
              cdd::plural(cores, "core", "cores").c_str());

  cdd::chart("speedup", "Speedup of the map over processes", "processes", "speedup (x)");
  cdd::report("ideal", 1, 1, "x");
  std::printf("%10s %12s %10s\n", "processes", "time (ms)", "speedup");
  double one_process_ms = 0;
  std::vector<std::pair<int, double>> busiest_share;  // (processes, share of the tasks)
  for (int p = 1; p <= max_processes; ++p) {
    cdd::mp::Pool pool(p);
    std::size_t chunk = static_cast<std::size_t>(speedup_chunk);
    long long total = 0;
    std::vector<int> tasks(static_cast<std::size_t>(p));
    double ms = cdd::median_ms(reps, [&] {
      std::fill(tasks.begin(), tasks.end(), 0);
      total = map_total(pool, ranges, chunk, "", &tasks);
    });
    busiest_share.push_back({p, static_cast<double>(*std::max_element(tasks.begin(), tasks.end())) /
                                    static_cast<double>(ranges.size())});
    if (total != expected) {
      std::fprintf(stderr, "error: the pool counted %lld primes, expected %lld\n", total, expected);
      return 1;
    }
    if (p == 1) one_process_ms = ms;
    double speedup = one_process_ms / ms;
    std::printf("%10d %12.1f %9.2fx\n", p, ms, speedup);
    if (p > 1) cdd::report("ideal", p, std::min<double>(p, cores), "x");
    cdd::report("measured", p, speedup, "x");
  }

  // Which share of the tasks the busiest process ran (the last map of each
  // pool): 1 means one process did everything, 1/p is an even spread.
  cdd::chart("busiest", "Busiest process's share of the tasks", "processes", "share of the tasks");
  for (const auto& [p, share] : busiest_share) cdd::report("busiest process's share", p, share, "");

  cdd::chart("chunks", "Map time by chunk size", "chunk size (tasks per message)", "time (ms)", cdd::Scale::log_x);
  std::printf("\nwith %s:\n%10s %12s\n", cdd::plural(chunk_processes, "process", "processes").c_str(), "chunk", "time (ms)");
  cdd::mp::Pool pool(chunk_processes);
  for (std::size_t chunk = 1; chunk <= ranges.size(); chunk *= 4) {
    long long total = 0;
    double ms = cdd::median_ms(reps, [&] { total = map_total(pool, ranges, chunk); });
    if (total != expected) return 1;
    std::printf("%10zu %12.1f\n", chunk, ms);
    cdd::report(std::to_string(chunk_processes) + " processes", static_cast<double>(chunk), ms, "ms");
  }
  // One more map each with the smallest and the largest chunks, drawn: who
  // worked on what, and who sat idle.
  for (std::size_t chunk : {std::size_t{1}, ranges.size()})
    map_total(pool, ranges, chunk, "chunk size " + std::to_string(chunk));
  return 0;
}
