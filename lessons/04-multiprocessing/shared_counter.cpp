// Several processes add to one shared counter. What total do they get?
//
// Each of p processes adds 1 to the counter `increments` times, three ways:
//   racy    read the value, then write value + 1: two separate steps, so two
//           processes can read the same value and one increment is lost;
//   lock    the same two steps inside the block's lock: exact, but every
//           increment takes and releases the lock;
//   atomic  one fetch_add: exact, and the hardware does it in one step.
// The processes wait for each other at a start line so they really overlap.
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <cstdio>
#include <string>
#include <vector>

using cdd::mp::SharedMemory;

// Word 0: the counter. Word 1: processes at the start line.
long long add_to_counter(std::tuple<SharedMemory, long long, std::string, long long> job) {
  auto& [memory, increments, how, processes] = job;
  memory.fetch_add(1, 1);
  memory.notify_all(1);
  for (long long ready; (ready = memory.load(1)) < processes;) memory.wait(1, ready);
  for (long long i = 0; i < increments; ++i) {
    if (how == "atomic") {
      memory.fetch_add(0, 1);
    } else if (how == "lock") {
      memory.lock();
      memory.store(0, memory.load(0) + 1);
      memory.unlock();
    } else {
      memory.store(0, memory.load(0) + 1);
    }
  }
  return increments;
}
CDD_MP_TASK(add_to_counter);

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  int max_processes = static_cast<int>(args.integer("processes", 4, 1, 16));
  long long increments = args.integer("increments", 300000, 1, 100000000);
  if (!args.ok()) return args.fail();
  std::string why;
  if (!cdd::mp::processes_available(&why) || !cdd::mp::shared_memory_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }

  cdd::table_columns("counter", {"processes", "way", "expected", "got", "lost", "time (ms)"});
  cdd::chart("lost", "Increments lost", "processes", "lost (% of all increments)");
  std::printf("%10s %8s %12s %12s %10s %10s\n", "processes", "way", "expected", "got", "lost", "time ms");
  for (int p = 1; p <= max_processes; ++p) {
    for (const char* how : {"racy", "lock", "atomic"}) {
      SharedMemory memory = SharedMemory::create("counter", 16);
      std::vector<cdd::mp::Process> children;
      for (int i = 0; i < p; ++i)
        children.emplace_back("add_to_counter",
                              std::make_tuple(SharedMemory::attach("counter"), increments, std::string(how), (long long)p));
      double ms = cdd::time_ms([&] {
        for (auto& child : children) child.start();
        for (auto& child : children) child.join();
      });
      for (auto& child : children)
        if (!child.outcome().ok()) {
          std::fprintf(stderr, "error: a process failed: %s\n", child.outcome().describe().c_str());
          return 1;
        }
      long long expected = increments * p;
      long long got = memory.load(0);
      std::printf("%10d %8s %12lld %12lld %10lld %10.1f\n", p, how, expected, got, expected - got, ms);
      cdd::table_row("counter", {std::to_string(p), how, std::to_string(expected), std::to_string(got),
                                 std::to_string(expected - got), std::to_string(static_cast<long long>(ms))});
      cdd::report(how, p, 100.0 * static_cast<double>(expected - got) / static_cast<double>(expected), "%");
    }
  }
  return 0;
}
