// The state of a thread program and the rules for running one step.
//
// `Machine` is Step mode: the caller picks which thread runs next, can undo,
// and reads every thread's line, locals and status, and the shared state.
// explore.h uses the same `next_state` rule to enumerate every schedule.
#pragma once

#include <string>
#include <vector>

#include "program.h"

namespace cdd::explorer {

enum class Phase : int {
  normal,     // about to run steps[pc]
  waiting,    // inside wait(cv, m): released m, sleeping until notified
  reacquire,  // notified: must retake m before wait() returns
};

struct ThreadState {
  int pc = 0;
  Phase phase = Phase::normal;
  std::vector<long long> locals;
  bool operator==(const ThreadState& o) const { return pc == o.pc && phase == o.phase && locals == o.locals; }
};

struct State {
  std::vector<ThreadState> threads;
  std::vector<long long> shared;
  std::vector<int> mutex_owner;  // thread index, or -1 when free
  int fault_thread = -1;         // a thread that broke a rule (e.g. unlocked a mutex it did not hold)
  std::string fault;
  bool operator==(const State& o) const {
    return threads == o.threads && shared == o.shared && mutex_owner == o.mutex_owner &&
           fault_thread == o.fault_thread;
  }
};

enum class OutcomeKind { running, finished, deadlock, fault };

struct Outcome {
  OutcomeKind kind = OutcomeKind::running;
  std::string label;  // "x=2", "deadlock: A waits for m2 (held by B), ..."
};

State initial_state(const Program& p);
bool can_run(const Program& p, const State& s, int thread);
// Runs one step of `thread` (which must be able to run).
State next_state(const Program& p, const State& s, int thread);
bool is_finished(const Program& p, const State& s, int thread);
// Why a thread cannot run, in words ("ready" if it can).
std::string status(const Program& p, const State& s, int thread);
// "running" while some thread can run; otherwise how it ended.
Outcome outcome(const Program& p, const State& s);
// "x=1, y=0" ("" when nothing is shared).
std::string shared_summary(const Program& p, const State& s);
// A finished run's label: the shared values, then any mutex still held
// ("x=2", "m still held by A"); with neither, "m1 and m2 all free again".
std::string finished_summary(const Program& p, const State& s);
// A compact byte string that is equal exactly when two states are equal.
std::string state_key(const State& s);

class Machine {
 public:
  explicit Machine(Program program);

  const Program& program() const { return program_; }
  const State& state() const { return history_.back(); }
  int threads() const { return static_cast<int>(program_.threads.size()); }

  bool can_run(int thread) const;
  // Runs one step of `thread`; returns "" or why it cannot run.
  std::string step(int thread);
  bool undo();
  void reset();

  std::string status(int thread) const;
  Outcome outcome() const;
  const std::vector<int>& schedule() const { return schedule_; }

 private:
  Program program_;
  std::vector<State> history_;
  std::vector<int> schedule_;
};

}  // namespace cdd::explorer
