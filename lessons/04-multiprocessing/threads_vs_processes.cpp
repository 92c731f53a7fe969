// Threads or processes? The same four questions, measured for both:
//   1. how long does it take to start one and wait for it to finish?
//   2. how long does a small message take there and back?
//   3. how much memory does one more of them cost?
//   4. what happens to the program when one of them crashes?
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int nothing(int x) { return x; }
CDD_MP_TASK(nothing);

long long echo(std::tuple<cdd::mp::Queue, cdd::mp::Queue, long long> job) {
  auto& [in, out, count] = job;
  for (long long i = 0; i < count; ++i) out.put_bytes(in.get_bytes());
  return count;
}
CDD_MP_TASK(echo);

// Reports this process's own memory, after a small allocation like a thread's.
long long own_memory(int) { return static_cast<long long>(cdd::mp::private_memory_bytes()); }
CDD_MP_TASK(own_memory);

int crash(int) { std::abort(); }
CDD_MP_TASK(crash);

// A one-slot mailbox for threads: the usual mutex + condition variable.
struct Mailbox {
  std::mutex m;
  std::condition_variable changed;
  long long value = 0;
  void put(long long v) {
    { std::lock_guard<std::mutex> g(m); value = v; }
    changed.notify_all();
  }
  void wait_for(long long v) {
    std::unique_lock<std::mutex> g(m);
    changed.wait(g, [&] { return value == v; });
  }
};

// The median time (ms) of one 64-byte round trip to a thread and to a child
// process: `reps` batches of `trips` - 1 timed trips each, thread and process
// taking turns, so that a moment when the machine does something else slows
// one batch of each rather than every batch of one. A single batch per side
// put processes at 1.5x to 7x the thread's time from run to run in Chromium.
struct RoundTrips {
  double thread_ms = 0;  // 0 without threads
  double process_ms = 0;
};

RoundTrips time_round_trips(bool threads_ok, long long trips, int reps) {
  const long long timed = trips - 1;
  const long long total = 1 + static_cast<long long>(reps) * timed;
  Mailbox ping, pong;
  std::thread thread_partner;
  if (threads_ok)
    thread_partner = std::thread([&] {
      for (long long i = 1; i <= total; ++i) {
        ping.wait_for(i);
        pong.put(i);
      }
    });
  cdd::mp::Queue there, back;
  cdd::mp::Process process_partner("echo", std::make_tuple(there, back, total));
  process_partner.start();
  cdd::mp::Bytes message(64, 1);
  // The first round trip of each is not timed: it waits for the partner to start.
  if (threads_ok) {
    ping.put(1);
    pong.wait_for(1);
  }
  there.put_bytes(message);
  message = back.get_bytes();
  long long next = 2;
  std::vector<double> thread_ms, process_ms;
  for (int r = 0; r < reps; ++r) {
    if (threads_ok)
      thread_ms.push_back(cdd::time_ms([&] {
        for (long long k = 0; k < timed; ++k, ++next) {
          ping.put(next);
          pong.wait_for(next);
        }
      }) / static_cast<double>(timed));
    process_ms.push_back(cdd::time_ms([&] {
      for (long long k = 0; k < timed; ++k) {
        there.put_bytes(message);
        message = back.get_bytes();
      }
    }) / static_cast<double>(timed));
  }
  if (threads_ok) thread_partner.join();
  process_partner.join();
  return {threads_ok ? cdd::median(thread_ms) : 0.0, cdd::median(process_ms)};
}

std::string ms_text(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, ms < 1 ? "%.3f ms" : "%.1f ms", ms);
  return text;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int max_units = static_cast<int>(args.integer("units", 8, 1, 64));
  int reps = static_cast<int>(args.integer("reps", 5, 1, 100));
  long long round_trips = args.integer("round_trips", 1000, 10, 1000000);
  if (!args.ok()) return args.fail();
  std::string why;
  if (!cdd::mp::processes_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }
  bool threads_ok = cdd::mp::threads_available();
  if (!threads_ok) std::printf("This build has no threads; only the process column is measured.\n");

  // 1. Start and join n units, for n = 1, 2, 4, ...
  cdd::chart("start", "Start n units and wait for all", "units", "time (ms)", cdd::Scale::log_log);
  double thread_start = 0, process_start = 0;
  for (int n = 1; n <= max_units; n *= 2) {
    double thread_ms = 0;
    if (threads_ok) {
      thread_ms = cdd::median_ms(reps, [&] {
        std::vector<std::thread> units;
        for (int i = 0; i < n; ++i) units.emplace_back([i] { cdd::keep(nothing(i)); });
        for (auto& u : units) u.join();
      });
      if (n == 1) thread_start = thread_ms;
      cdd::report("threads", n, thread_ms, "ms");
    }
    double ms = cdd::median_ms(reps, [&] {
      std::vector<cdd::mp::Process> units;
      for (int i = 0; i < n; ++i) units.emplace_back("nothing", i);
      for (auto& u : units) u.start();
      for (auto& u : units) u.join();
    });
    if (n == 1) process_start = ms;
    cdd::report("processes", n, ms, "ms");
    std::printf("start and join %2d: threads %s, processes %s\n", n, threads_ok ? ms_text(thread_ms).c_str() : "-",
                ms_text(ms).c_str());
  }

  // 2. Small message round trips.
  RoundTrips trip = time_round_trips(threads_ok, round_trips, reps);

  // 3. Memory: what the parent grows by per waiting thread, and what a
  // child process holds that is its own.
  double thread_memory = 0;
  if (threads_ok) {
    std::size_t before = cdd::mp::memory_in_use_bytes();
    std::mutex gate;
    gate.lock();
    std::vector<std::thread> units;
    for (int i = 0; i < max_units; ++i) units.emplace_back([&] { std::lock_guard<std::mutex> g(gate); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // all started and waiting
    std::size_t during = cdd::mp::memory_in_use_bytes();
    gate.unlock();
    for (auto& u : units) u.join();
    thread_memory = during > before ? static_cast<double>(during - before) / max_units : 0;
  }
  cdd::mp::Process probe("own_memory", 0);
  probe.start();
  probe.join();
  double process_memory = probe.outcome().ok() ? static_cast<double>(probe.result<long long>()) : 0;

  // 4. A crash: run it in a process (the program survives); in a thread it
  // would end this program, so that row is stated, not run.
  cdd::mp::Process crasher("crash", 0);
  crasher.start();
  std::string process_crash = "the parent carries on; it sees: " + crasher.join().describe();

  cdd::table_columns("compare", {"question", "thread", "process"});
  cdd::table_row("compare", {"start + join one", threads_ok ? ms_text(thread_start) : "-", ms_text(process_start)});
  cdd::table_row("compare", {"64-byte round trip", threads_ok ? ms_text(trip.thread_ms) : "-", ms_text(trip.process_ms)});
  cdd::table_row("compare", {"memory per unit", threads_ok ? cdd::human_bytes(thread_memory) : "-", cdd::human_bytes(process_memory)});
  cdd::table_row("compare", {"one unit calls abort()", "the whole program ends (not run here)", process_crash});
  std::printf("\n%-22s %-18s %s\n", "", "thread", "process");
  std::printf("%-22s %-18s %s\n", "start + join one", threads_ok ? ms_text(thread_start).c_str() : "-", ms_text(process_start).c_str());
  std::printf("%-22s %-18s %s\n", "64-byte round trip", threads_ok ? ms_text(trip.thread_ms).c_str() : "-", ms_text(trip.process_ms).c_str());
  std::printf("%-22s %-18s %s\n", "memory per unit", threads_ok ? cdd::human_bytes(thread_memory).c_str() : "-",
              cdd::human_bytes(process_memory).c_str());
  std::printf("%-22s %-18s %s\n", "abort() in one unit", "program ends", process_crash.c_str());
  return 0;
}
