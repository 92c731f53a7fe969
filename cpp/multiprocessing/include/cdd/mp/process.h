// One task in one new process.
//
//   cdd::mp::Process p("count_primes", std::pair<long long, long long>{0, 1000000});
//   p.start();
//   const cdd::mp::Outcome& how = p.join();
//   if (how.ok()) std::printf("%lld\n", p.result<long long>());
//   else std::printf("%s\n", how.describe().c_str());
//
// Natively the child is a fork() of the parent; in a browser it is a new Web
// Worker running a fresh copy of the program's wasm. Either way it shares no
// ordinary memory with the parent: the argument goes in as bytes, the result
// comes back as bytes, and anything else must travel through a Queue, a
// Buffer or a SharedMemory block.
#pragma once

#include <cdd/mp/outcome.h>
#include <cdd/mp/queue.h>
#include <cdd/mp/registry.h>
#include <cdd/mp/serialize.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace cdd::mp {

struct ProcessOptions {
  double timeout_ms = -1;              // join() kills the process after this long (< 0: never)
  std::size_t memory_limit_bytes = 0;  // the child's extra memory budget (0: no limit)
};

namespace detail {
class ChildProcess;
struct ExitInfo;
}

// True when this build can start processes; otherwise `why` says why not.
bool processes_available(std::string* why = nullptr);

// True when this build can start threads (natively always; in a browser only
// the threaded build, which needs a cross-origin isolated page). Without
// them, starting a std::thread fails.
bool threads_available();

// How many processors the machine offers to processes (at least 1). Not
// std::thread::hardware_concurrency(), which a build without threads gives as 1
// although its processes, each a Web Worker, run on every core.
unsigned processors_available();

class Process {
 public:
  template <class Argument>
  Process(std::string task, const Argument& argument, ProcessOptions options = {})
      : Process(std::move(task), encode(argument), options, 0) {}
  Process(std::string task, Bytes input, ProcessOptions options, int /*raw bytes*/);
  ~Process();
  Process(Process&&) noexcept;
  Process& operator=(Process&&) noexcept;

  void start();
  // Waits for the end (killing the process when its timeout passes) and says how it ended.
  const Outcome& join();
  // Without waiting: the outcome once the process has ended, else nothing.
  const Outcome* poll();
  void kill();
  bool started() const { return child_ != nullptr; }
  int id() const;  // the process id natively, a worker number in a browser

  const Outcome& outcome() const { return outcome_; }
  int exit_code() const { return outcome_.exit_code; }
  const Bytes& result_bytes() const { return result_; }
  template <class R>
  R result() const {
    if (!outcome_.ok()) throw std::runtime_error("process '" + task_ + "' has no result: " + outcome_.describe());
    return decode<R>(result_);
  }

 private:
  void take_reply(const Bytes& reply);
  void finish_with(const detail::ExitInfo& exit);
  std::string task_;
  Bytes input_;
  ProcessOptions options_;
  std::unique_ptr<Queue> reply_;
  std::unique_ptr<detail::ChildProcess> child_;
  double started_ms_ = 0;
  bool finished_ = false;
  bool timed_out_ = false;
  bool got_reply_ = false;
  Outcome outcome_;
  Bytes result_;
};

}  // namespace cdd::mp
