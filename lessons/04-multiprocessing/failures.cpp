// One task aborts, one runs out of memory, one never stops. What happens to
// the others?
//
// A pool of processes runs a list of jobs. Most jobs count primes; three are
// sabotaged. Each sabotaged job takes down (or hangs) the process running
// it, but only that process: the pool reports which job failed and how,
// starts a replacement process, and the replacement finishes the jobs that
// were still waiting. With threads, the same three jobs would take the whole
// program down with them (an abort or running out of memory ends every
// thread) or leave a thread nobody can stop.
//
// timeout_ms=0 means no time limit, and then the endless loop is left out
// (nothing would ever stop it); memory_limit_mb=0 means no memory limit, and
// then the job that runs out of memory is left out (it would take all the
// machine's memory). A job's time counts from when its worker begins it.
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/plural.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct Job {
  std::string kind;  // "primes", "abort", "out of memory", "endless loop"
  long long n;
};

long long run_job(std::pair<std::string, long long> job) {
  const auto& [kind, n] = job;
  if (kind == "abort") std::abort();  // what a failed assert() does
  if (kind == "out of memory") {
    // Keeps every block, as a leak would, until the process's limit is hit.
    std::vector<char*> blocks;
    for (;;) {
      char* block = new char[16 << 20];
      std::memset(block, 1, 16 << 20);  // touch it, so the memory is really used
      blocks.push_back(block);
    }
  }
  if (kind == "endless loop") {
    volatile long long spin = 0;
    for (;;) spin = spin + 1;  // a bug that never finishes
  }
  long long count = 0;  // primes below n
  for (long long k = 2; k < n; ++k) {
    bool prime = true;
    for (long long d = 2; prime && d * d <= k; ++d) prime = k % d != 0;
    count += prime;
  }
  return count;
}
CDD_MP_TASK(run_job);

// Three sabotaged jobs spread through the list (a sabotage whose limit is off
// stays a prime count); the rest count primes.
std::vector<std::pair<std::string, long long>> make_jobs(long long jobs, bool time_limit, bool memory_limit) {
  std::vector<std::pair<std::string, long long>> list;
  for (long long i = 0; i < jobs; ++i) list.push_back({"primes", 20000 + 5000 * i});
  list[static_cast<std::size_t>(jobs / 4)].first = "abort";
  if (memory_limit) list[static_cast<std::size_t>(jobs / 2)].first = "out of memory";
  if (time_limit) list[static_cast<std::size_t>(3 * jobs / 4)].first = "endless loop";
  return list;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int processes = static_cast<int>(args.integer("processes", 2, 1, 16));
  long long jobs = args.integer("jobs", 12, 4, 1000);
  double timeout_ms = args.number("timeout_ms", 2000, 0, 60000);
  long long memory_mb = args.integer("memory_limit_mb", 256, 0, 1024);
  if (memory_mb > 0 && memory_mb < 16) args.error("memory_limit_mb must be 0 (no limit) or from 16 to 1024");
  if (!args.ok()) return args.fail();
  std::string why;
  if (!cdd::mp::processes_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }

  bool time_limit = timeout_ms > 0, memory_limit = memory_mb > 0;
  auto list = make_jobs(jobs, time_limit, memory_limit);
  cdd::mp::PoolOptions options;
  options.task_timeout_ms = time_limit ? timeout_ms : -1;
  options.memory_limit_bytes = static_cast<std::size_t>(memory_mb) << 20;
  cdd::mp::Pool pool(processes, options);
  std::printf("%s, %lld jobs, ", cdd::plural(processes, "process", "processes").c_str(), jobs);
  if (memory_limit) std::printf("each process limited to %lld MB, ", memory_mb);
  else std::printf("no memory limit (so no job runs out of memory), ");
  if (time_limit) std::printf("each job to %.0f ms\n", timeout_ms);
  else std::printf("no time limit (so no endless loop: nothing would stop it)\n");
  cdd::table_columns("jobs", {"job", "what it does", "outcome", "details"});
  int completed = 0, failed = 0;
  double start = cdd::now_ms();
  pool.imap<long long>("run_job", list, 1, [&](cdd::mp::TaskResult<long long>&& r) {
    const auto& job = list[r.index];
    std::string what = job.first == "primes" ? "count primes below " + std::to_string(job.second) : job.first;
    std::string outcome = r.ok() ? "done" : cdd::mp::failure_name(r.failure);
    std::string details = r.ok() ? std::to_string(r.value) + " primes" : r.message;
    r.ok() ? ++completed : ++failed;
    std::printf("job %2zu  %-28s %-14s %s\n", r.index, what.c_str(), outcome.c_str(), details.c_str());
    cdd::table_row("jobs", {std::to_string(r.index), what, outcome, details});
  });
  std::printf("\n%s done, %d failed, %s replaced, %.0f ms in all; the program itself is fine.\n",
              cdd::plural(completed, "job", "jobs").c_str(), failed,
              cdd::plural(pool.workers_replaced(), "worker process", "worker processes").c_str(), cdd::now_ms() - start);
  return 0;
}
