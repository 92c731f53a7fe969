// Concurrency on one thread: C++20 coroutines and a tiny event loop
// (event_loop.h), the C++ counterpart of Python's asyncio.
//
// Part 1: three "downloads" alternate between waiting (a timer standing in
// for the network) and a little CPU work (parsing). On one thread, the loop
// runs whichever task is ready while the others wait, so the whole thing
// takes about as long as the longest download, not the sum of all three.
// The timeline has one lane per task, but every bar ran on the same thread.
// With clock=virtual the loop runs on its simulated clock instead: it jumps
// to the next timer rather than sleeping, and parsing moves it on by
// parse_ms, so the times are exact and the same on every machine.
// Part 2: the same downloads with one thread each, for contrast.
// Part 3: what a switch costs: resuming a coroutine vs waking a thread.
// Part 4: per-task state. A thread_local belongs to the thread, so tasks that
// share a thread overwrite each other's value across a co_await; the loop's
// per-task context (the contextvars counterpart) does not have that problem.
//
// This program also runs in the single-threaded build: parts 1, 3 and 4 need
// no second thread.
#include <cdd/args.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "event_loop.h"
#include "handoff.h"
#include "thread_support.h"

// CPU work for about `ms` milliseconds (a busy loop, not a sleep). The
// result is returned so that the loop is not optimized away.
unsigned busy_ms(double ms) {
  double until = cdd::now_ms() + ms;
  unsigned x = 1;
  while (cdd::now_ms() < until)
    for (int i = 0; i < 1000; ++i) x = x * 1103515245u + 12345u;
  return x;
}

struct Download {
  std::string name;
  std::vector<double> waits_ms;  // network waits, with parsing in between
};

// Parsing: CPU work on the loop's thread. On the virtual clock it does not
// compute; the loop's clock just moves on by `ms`.
unsigned parse(lesson::EventLoop& loop, double ms) {
  if (loop.clock() == lesson::EventLoop::Clock::virtual_time) {
    loop.advance(ms);
    return 0;
  }
  return busy_ms(ms);
}

lesson::Task download(lesson::EventLoop& loop, const Download& d, double parse_ms, unsigned& checksum) {
  for (double wait : d.waits_ms) {
    co_await loop.sleep(wait);            // suspend; other tasks run meanwhile
    checksum ^= parse(loop, parse_ms);    // nobody else runs during this
  }
}

// Part 1: returns the loop's total time, on its own clock.
double run_on_event_loop(const std::vector<Download>& downloads, double parse_ms, lesson::EventLoop::Clock clock) {
  lesson::EventLoop loop(clock);
  unsigned checksum = 0;  // one thread: the tasks can share it safely
  for (const auto& d : downloads) loop.spawn(download(loop, d, parse_ms, checksum), d.name);
  double start = loop.now();
  loop.run();
  double total = loop.now() - start;
  cdd::keep(checksum);
  // A bar per run of a task; the gaps between a task's bars are its waits.
  for (const auto& s : loop.segments()) cdd::span("coroutines on one thread", s.task, s.start_ms, s.end_ms, "running");
  return total;
}

// Part 2: the same work, one thread per download, blocking sleeps.
double run_on_threads(const std::vector<Download>& downloads, double parse_ms) {
  double start = cdd::now_ms();
  std::vector<std::thread> threads;
  std::vector<unsigned> checksums(downloads.size(), 0);  // one per thread: nothing shared
  for (size_t i = 0; i < downloads.size(); ++i)
    threads.emplace_back([&d = downloads[i], &mine = checksums[i], parse_ms] {
      for (double wait : d.waits_ms) {
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait));
        mine ^= busy_ms(parse_ms);
      }
    });
  for (auto& t : threads) t.join();
  for (unsigned c : checksums) cdd::keep(c);
  return cdd::now_ms() - start;
}

// Part 3: two tasks that hand control to each other `rounds` times.
lesson::Task ping(lesson::EventLoop& loop, int rounds) {
  for (int i = 0; i < rounds; ++i) co_await loop.yield();
}

double coroutine_switch_ns(int rounds) {
  lesson::EventLoop loop(lesson::EventLoop::Clock::real, /*record_segments=*/false);
  loop.spawn(ping(loop, rounds), "ping");
  loop.spawn(ping(loop, rounds), "pong");
  double ms = cdd::time_ms([&] { loop.run(); });
  return ms * 1e6 / static_cast<double>(loop.resumes());
}

// Part 4: where does "the current request" live?
thread_local std::string current_request;  // one per thread, shared by all tasks on it

lesson::Task handle_with_thread_local(lesson::EventLoop& loop, std::string request, int& mixups) {
  current_request = request;
  co_await loop.sleep(5);  // other tasks run here and set current_request too
  if (current_request != request) ++mixups;
}

lesson::Task handle_with_task_context(lesson::EventLoop& loop, std::string request, int& mixups) {
  loop.context().values["request"] = request;
  co_await loop.sleep(5);
  if (loop.context().values["request"] != request) ++mixups;
}

int thread_local_on_threads(int requests) {
  int mixups = 0;
  std::vector<std::thread> threads;
  std::vector<int> wrong(static_cast<size_t>(requests), 0);
  for (int r = 0; r < requests; ++r)
    threads.emplace_back([r, &wrong] {
      current_request = "request " + std::to_string(r);  // this thread's own copy
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      wrong[static_cast<size_t>(r)] = current_request != "request " + std::to_string(r);
    });
  for (auto& t : threads) t.join();
  for (int w : wrong) mixups += w;
  return mixups;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  double wait_ms = args.number("wait_ms", 30, 1, 1000);
  double parse_ms = args.number("parse_ms", 2, 0, 100);
  int rounds = static_cast<int>(args.integer("rounds", 200000, 1, 10000000));
  int requests = static_cast<int>(args.integer("requests", 3, 1, 100));
  std::string clock = args.choice("clock", "real", {"real", "virtual"});
  if (!args.ok()) return args.fail();

  // Three downloads with different waits: 3, 2 and 4 waits of wait_ms multiples.
  std::vector<Download> downloads = {
      {"download A", {wait_ms, wait_ms, wait_ms}},
      {"download B", {2 * wait_ms, wait_ms / 2}},
      {"download C", {wait_ms / 2, wait_ms / 2, wait_ms, wait_ms / 2}},
  };
  double longest = 0, all = 0;
  for (const auto& d : downloads) {
    double own = 0;
    for (double w : d.waits_ms) own += w + parse_ms;
    longest = std::max(longest, own);
    all += own;
  }

  bool simulated = clock == "virtual";
  std::printf("Part 1: three downloads as coroutines on ONE thread%s\n",
              simulated ? " (virtual clock: no real waiting or parsing)" : "");
  double loop_ms = run_on_event_loop(downloads, parse_ms,
                                     simulated ? lesson::EventLoop::Clock::virtual_time : lesson::EventLoop::Clock::real);
  std::printf("  took %.1f ms; one after another would take %.1f ms, the longest alone %.1f ms\n",
              loop_ms, all, longest);

  std::printf("Part 2: the same downloads on one thread each\n");
  bool threads = lesson::threads_can_start();
  if (threads) {
    std::printf("  took %.1f ms, with %zu threads instead of one\n", run_on_threads(downloads, parse_ms),
                downloads.size());
  } else {
    std::printf("  skipped: this build cannot start threads (the coroutine parts need none)\n");
  }

  std::printf("Part 3: the cost of a switch\n");
  double coro_ns = coroutine_switch_ns(rounds);
  cdd::table_columns("switch", {"switch", "time"});
  char cell[48];
  std::snprintf(cell, sizeof cell, "%.1f ns", coro_ns);
  cdd::table_row("switch", {"resume the next coroutine (event loop)", cell});
  std::printf("  coroutine: %.1f ns per switch\n", coro_ns);
  if (threads) {
    double thread_us = lesson::handoff_us(5000);
    std::snprintf(cell, sizeof cell, "%.1f ns", thread_us * 1000);
    cdd::table_row("switch", {"blocking hand-off between threads", cell});
    std::printf("  threads:   %.1f ns per hand-off (%.0fx more)\n", thread_us * 1000, thread_us * 1000 / coro_ns);
  }

  std::printf("Part 4: per-task state with %d concurrent requests\n", requests);
  cdd::table_columns("context", {"where the request id is kept", "requests that read another's id"});
  if (threads) {
    int wrong = thread_local_on_threads(requests);
    cdd::table_row("context", {"thread_local, one thread per request", std::to_string(wrong)});
    std::printf("  thread_local, one thread per request:   %d of %d mixed up\n", wrong, requests);
  }
  int wrong_local = 0, wrong_context = 0;
  {
    lesson::EventLoop loop;
    for (int r = 0; r < requests; ++r)
      loop.spawn(handle_with_thread_local(loop, "request " + std::to_string(r), wrong_local), "r");
    loop.run();
  }
  {
    lesson::EventLoop loop;
    for (int r = 0; r < requests; ++r)
      loop.spawn(handle_with_task_context(loop, "request " + std::to_string(r), wrong_context), "r");
    loop.run();
  }
  cdd::table_row("context", {"thread_local, coroutines on one thread", std::to_string(wrong_local)});
  cdd::table_row("context", {"the task's own context, coroutines on one thread", std::to_string(wrong_context)});
  std::printf("  thread_local, coroutines on one thread: %d of %d mixed up\n", wrong_local, requests);
  std::printf("  task context, coroutines on one thread: %d of %d mixed up\n", wrong_context, requests);
  return 0;
}
