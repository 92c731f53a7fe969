// Thread programs for the interleaving explorer.
//
// A program is a few shared variables and a few threads, each a list of
// lines. Every line is ONE indivisible step, so the learner sees exactly
// where another thread can cut in:
//
//   r = x            read shared x into the thread's local r
//   x = r + 1        write shared x from locals and constants (+ or -)
//   r = r + 1        local arithmetic
//   x.fetch_add(1)   an atomic read-modify-write of shared x
//   lock(m)          take mutex m (blocks while another thread holds it)
//   unlock(m)
//   wait(cv, m)      release m and sleep until notified, then retake m
//   wait(cv, m, ready)  the predicate form, cv.wait(lock, [&]{ return ready; }):
//                    go on at once if shared `ready` is non-zero; otherwise wait,
//                    and after every wake-up check again (and wait again if 0)
//   notify_one(cv)   wake one waiting thread (the lowest-numbered, in this model)
//   notify_all(cv)
//
// A line may touch shared memory at most once: `x = x + 1` is refused with a
// hint, because hiding a read and a write in one step is exactly the illusion
// the explorer is there to break. Names that are not shared variables, mutexes
// or condition variables are the thread's locals; they start at 0.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cdd::explorer {

struct ThreadSpec {
  std::string name;
  std::vector<std::string> lines;
};

struct ProgramSpec {
  std::vector<std::pair<std::string, long long>> shared;  // name, initial value
  std::vector<ThreadSpec> threads;
};

enum class Op { assign, fetch_add, lock, unlock, wait, notify_one, notify_all };

struct Operand {
  enum class Kind { constant, local, shared } kind = Kind::constant;
  int index = 0;         // local or shared slot
  long long value = 0;   // constant
};

struct Step {
  Op op = Op::assign;
  Operand target;        // assign: where the result goes (local or shared)
  Operand left, right;   // assign: left [arith right]
  char arith = 0;        // 0, '+' or '-'
  int shared = -1;       // fetch_add: the variable
  long long amount = 0;  // fetch_add: how much
  int mutex = -1;        // lock, unlock, wait
  int cv = -1;           // wait, notify_*
  int predicate = -1;    // wait: the shared variable it waits for (-1: plain wait)
  std::string text;      // the line as written
};

struct Thread {
  std::string name;
  std::vector<Step> steps;
  std::vector<std::string> locals;  // names, in slot order
};

struct Program {
  std::vector<std::string> shared_names;
  std::vector<long long> shared_initial;
  std::vector<std::string> mutex_names;
  std::vector<std::string> cv_names;
  std::vector<Thread> threads;
};

// Limits that keep every program small enough to explore exhaustively.
constexpr int kMaxThreads = 4;
constexpr int kMaxLinesPerThread = 16;
constexpr int kMaxShared = 8;

struct ParseResult {
  Program program;
  std::string error;  // empty when the program is valid
  bool ok() const { return error.empty(); }
};

// Checks and compiles a program; the error names the thread and line.
ParseResult parse_program(const ProgramSpec& spec);

}  // namespace cdd::explorer
