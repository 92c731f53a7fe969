// How a task or a process ended, in words a learner can act on.
#pragma once

#include <string>

namespace cdd::mp {

enum class Failure {
  none,           // finished and returned a result
  error,          // the task threw an exception (the process itself was fine)
  aborted,        // the process called abort() (SIGABRT, or a wasm abort)
  crashed,        // killed by another signal (e.g. a segmentation fault)
  out_of_memory,  // an allocation failed beyond the process's memory limit
  timeout,        // still running when its time was up: killed
  exited,         // the process exited early with a non-zero code
  unknown_task,   // no task registered under that name
  unavailable,    // processes cannot be started in this build
};

const char* failure_name(Failure failure);

// Exit codes a child uses to say what happened when it reports it itself.
constexpr int kExitTaskError = 1;
constexpr int kExitOutOfMemory = 3;
constexpr int kExitUnknownTask = 4;

struct Outcome {
  Failure failure = Failure::none;
  int exit_code = 0;   // when the process exited
  int signal = 0;      // when a signal ended it (native only)
  std::string message; // details: the exception text, the signal name, ...
  double elapsed_ms = 0;

  bool ok() const { return failure == Failure::none; }
  // "out of memory: ..." or "ok"
  std::string describe() const;
};

}  // namespace cdd::mp
