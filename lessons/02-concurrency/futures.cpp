// Runnables and futures: ways to hand work to a thread and get a result back.
//
// Part 1, runnables: the same job as a plain function, a lambda, a
// std::function and a std::packaged_task. All four can run on a thread; they
// differ in what a call costs, measured here per call.
// Part 2, futures: std::async, std::promise/std::future, and a small thread
// pool (thread_pool.h) whose submit() returns a future, against starting one
// thread per job.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "thread_pool.h"
#include "thread_support.h"

// The job: a little arithmetic on `seed` that the optimizer cannot skip.
unsigned job(unsigned seed, int steps) {
  for (int i = 0; i < steps; ++i) seed = seed * 1103515245u + 12345u;
  return seed;
}

unsigned one_step(unsigned x) { return x * 1103515245u + 12345u; }

std::string fmt(const char* format, double value) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

// Nanoseconds per call of `call`, which is applied `calls` times in a chain.
template <class Call>
double ns_per_call(long long calls, Call&& call) {
  unsigned x = 1;
  double ms = cdd::median_ms(5, [&] {
    for (long long i = 0; i < calls; ++i) x = call(x);
  });
  cdd::keep(x);
  return ms * 1e6 / static_cast<double>(calls);
}

void runnables(long long calls) {
  std::printf("Part 1: four kinds of runnable, each run once on its own thread\n");
  unsigned from_function = 0, from_lambda = 0, from_std_function = 0;
  std::thread a([&] { from_function = job(1, 1000); });  // a function, called from a tiny lambda
  a.join();
  int steps = 1000;
  auto lambda = [steps](unsigned seed) { return job(seed, steps); };  // captures state
  std::thread b([&] { from_lambda = lambda(1); });
  b.join();
  std::function<unsigned(unsigned)> stored = lambda;  // any callable with this signature
  std::thread c([&] { from_std_function = stored(1); });
  c.join();
  std::packaged_task<unsigned()> task([] { return job(1, 1000); });  // a callable plus a future
  std::future<unsigned> result = task.get_future();
  std::thread d(std::move(task));
  unsigned from_task = result.get();  // waits for the thread to run it
  d.join();
  std::printf("  results: %u %u %u %u (all equal: %s)\n", from_function, from_lambda,
              from_std_function, from_task,
              from_function == from_lambda && from_lambda == from_std_function && from_std_function == from_task ? "yes" : "NO");

  // Cost per call, in place (no threads): the difference is the calling mechanism.
  std::function<unsigned(unsigned)> indirect = one_step;
  double direct_ns = ns_per_call(calls, [](unsigned x) { return one_step(x); });
  double lambda_ns = ns_per_call(calls, [k = 12345u](unsigned x) { return x * 1103515245u + k; });
  double function_ns = ns_per_call(calls, [&](unsigned x) { return indirect(x); });
  double task_ns = ns_per_call(calls / 20, [](unsigned x) {
    std::packaged_task<unsigned()> t([x] { return one_step(x); });
    std::future<unsigned> f = t.get_future();
    t();
    return f.get();
  });
  cdd::table_columns("runnables", {"runnable", "cost per call", "why"});
  cdd::table_row("runnables", {"function", fmt("%.2f ns", direct_ns), "the compiler can inline it"});
  cdd::table_row("runnables", {"lambda", fmt("%.2f ns", lambda_ns), "its own type, inlined too"});
  cdd::table_row("runnables", {"std::function", fmt("%.2f ns", function_ns), "type-erased: an indirect call"});
  cdd::table_row("runnables", {"std::packaged_task", fmt("%.2f ns", task_ns), "allocates shared state for its future"});
  std::printf("  per call: function %.2f ns, lambda %.2f ns, std::function %.2f ns, "
              "packaged_task (create + run + get) %.2f ns\n\n", direct_ns, lambda_ns, function_ns, task_ns);
}

void futures(int jobs, int steps, int max_workers) {
  std::printf("Part 2: futures\n");
  // std::async with launch::async runs the function on a new thread and
  // returns a future; get() waits for it.
  auto half = [steps](unsigned seed) { return job(seed, steps * 50); };
  std::future<unsigned> left = std::async(std::launch::async, half, 1u);
  unsigned right = half(2u);  // meanwhile, this thread does the other half
  std::printf("  std::async: both halves done (%u, %u)\n", left.get(), right);

  // promise/future: a one-shot channel. One thread sets the value, another
  // waits for it; wait_for lets the waiter do something else meanwhile.
  std::promise<unsigned> promise;
  std::future<unsigned> answer = promise.get_future();
  std::thread producer([&, steps] { promise.set_value(job(3, steps * 200)); });
  int polls = 0;
  while (answer.wait_for(std::chrono::microseconds(100)) != std::future_status::ready) ++polls;
  std::printf("  promise/future: value %u arrived after %d polls of 0.1 ms\n", answer.get(), polls);
  producer.join();

  // Many small jobs: one new thread each, or a pool of 1, 2, 4... workers.
  std::printf("  %d jobs of %d steps each:\n", jobs, steps);
  cdd::chart("pool", "Time for " + std::to_string(jobs) + " small jobs", "worker threads", "time (ms)");
  unsigned expected = 0;
  for (int j = 0; j < jobs; ++j) expected ^= job(static_cast<unsigned>(j), steps);
  // New threads are started in batches of `workers`, so both sides use the
  // same number of threads at a time; the difference is starting them.
  double per_job_ms = cdd::median_ms(3, [&] {
    std::vector<unsigned> results(static_cast<size_t>(jobs));
    for (int first = 0; first < jobs; first += max_workers) {
      std::vector<std::thread> batch;
      for (int j = first; j < std::min(jobs, first + max_workers); ++j)
        batch.emplace_back([&, j] { results[static_cast<size_t>(j)] = job(static_cast<unsigned>(j), steps); });
      for (auto& t : batch) t.join();
    }
  });
  std::printf("    a new thread per job (%d at a time): %8.2f ms\n", max_workers, per_job_ms);
  for (int workers = 1; workers <= max_workers; workers *= 2) {
    unsigned combined = 0;
    double ms = cdd::median_ms(3, [&] {
      lesson::ThreadPool pool(workers);
      std::vector<std::future<unsigned>> results;
      for (int j = 0; j < jobs; ++j)
        results.push_back(pool.submit([j, steps] { return job(static_cast<unsigned>(j), steps); }));
      combined = 0;
      for (auto& r : results) combined ^= r.get();
    });
    std::printf("    pool of %d:                          %8.2f ms%s\n", workers, ms, combined == expected ? "" : "  WRONG RESULT");
    cdd::report("thread pool", workers, ms, "ms");
    cdd::report("one thread per job", workers, per_job_ms, "ms");
  }
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int jobs = static_cast<int>(args.integer("jobs", 1000, 1, 100000));
  int steps = static_cast<int>(args.integer("steps", 2000, 1, 10000000));
  int workers = static_cast<int>(args.integer("workers", 4, 1, 16));
  long long calls = args.integer("calls", 10000000, 1000, 1000000000);
  if (!args.ok()) return args.fail();
  if (!lesson::require_threads("the runnables and futures demo")) return 0;
  runnables(calls);
  futures(jobs, steps, workers);
  return 0;
}
