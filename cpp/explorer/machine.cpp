#include "machine.h"

#include <cstring>

namespace cdd::explorer {
namespace {

long long value_of(const Operand& o, const State& s, int thread) {
  switch (o.kind) {
    case Operand::Kind::constant: return o.value;
    case Operand::Kind::local: return s.threads[static_cast<size_t>(thread)].locals[static_cast<size_t>(o.index)];
    case Operand::Kind::shared: return s.shared[static_cast<size_t>(o.index)];
  }
  return 0;
}

const Step* current_step(const Program& p, const State& s, int thread) {
  const auto& t = p.threads[static_cast<size_t>(thread)];
  int pc = s.threads[static_cast<size_t>(thread)].pc;
  return pc < static_cast<int>(t.steps.size()) ? &t.steps[static_cast<size_t>(pc)] : nullptr;
}

}  // namespace

State initial_state(const Program& p) {
  State s;
  for (const auto& t : p.threads) {
    ThreadState ts;
    ts.locals.assign(t.locals.size(), 0);
    s.threads.push_back(ts);
  }
  s.shared = p.shared_initial;
  s.mutex_owner.assign(p.mutex_names.size(), -1);
  return s;
}

bool is_finished(const Program& p, const State& s, int thread) {
  return current_step(p, s, thread) == nullptr;
}

bool can_run(const Program& p, const State& s, int thread) {
  if (s.fault_thread >= 0) return false;
  const Step* step = current_step(p, s, thread);
  if (!step) return false;
  const ThreadState& t = s.threads[static_cast<size_t>(thread)];
  switch (t.phase) {
    case Phase::waiting: return false;
    case Phase::reacquire: return s.mutex_owner[static_cast<size_t>(step->mutex)] == -1;
    case Phase::normal: break;
  }
  if (step->op == Op::lock) return s.mutex_owner[static_cast<size_t>(step->mutex)] == -1;
  return true;
}

State next_state(const Program& p, const State& s, int thread) {
  State n = s;
  const Step& step = *current_step(p, s, thread);
  ThreadState& t = n.threads[static_cast<size_t>(thread)];
  auto fault = [&](const std::string& why) {
    n.fault_thread = thread;
    n.fault = p.threads[static_cast<size_t>(thread)].name + ": " + why;
  };
  if (t.phase == Phase::reacquire) {  // the second half of wait(): retake the mutex
    n.mutex_owner[static_cast<size_t>(step.mutex)] = thread;
    if (step.predicate >= 0 && n.shared[static_cast<size_t>(step.predicate)] == 0) {
      // Woken, but the condition is still false: release and wait again.
      n.mutex_owner[static_cast<size_t>(step.mutex)] = -1;
      t.phase = Phase::waiting;
      return n;
    }
    t.phase = Phase::normal;
    ++t.pc;
    return n;
  }
  switch (step.op) {
    case Op::assign: {
      long long v = value_of(step.left, s, thread);
      if (step.arith == '+') v += value_of(step.right, s, thread);
      if (step.arith == '-') v -= value_of(step.right, s, thread);
      if (step.target.kind == Operand::Kind::shared)
        n.shared[static_cast<size_t>(step.target.index)] = v;
      else
        t.locals[static_cast<size_t>(step.target.index)] = v;
      break;
    }
    case Op::fetch_add: n.shared[static_cast<size_t>(step.shared)] += step.amount; break;
    case Op::lock: n.mutex_owner[static_cast<size_t>(step.mutex)] = thread; break;
    case Op::unlock:
      if (s.mutex_owner[static_cast<size_t>(step.mutex)] != thread) {
        fault("unlock(" + p.mutex_names[static_cast<size_t>(step.mutex)] +
              ") without holding it (undefined behaviour in C++)");
        return n;
      }
      n.mutex_owner[static_cast<size_t>(step.mutex)] = -1;
      break;
    case Op::wait:
      if (s.mutex_owner[static_cast<size_t>(step.mutex)] != thread) {
        fault("wait(" + p.cv_names[static_cast<size_t>(step.cv)] + ", " +
              p.mutex_names[static_cast<size_t>(step.mutex)] + ") without holding the mutex");
        return n;
      }
      if (step.predicate >= 0 && s.shared[static_cast<size_t>(step.predicate)] != 0) break;  // already true: no wait
      n.mutex_owner[static_cast<size_t>(step.mutex)] = -1;
      t.phase = Phase::waiting;
      return n;  // pc stays: the thread is inside wait() until notified
    case Op::notify_one:
    case Op::notify_all:
      for (size_t other = 0; other < n.threads.size(); ++other) {
        ThreadState& o = n.threads[other];
        const Step* waiting_at = current_step(p, n, static_cast<int>(other));
        if (o.phase == Phase::waiting && waiting_at && waiting_at->cv == step.cv) {
          o.phase = Phase::reacquire;
          if (step.op == Op::notify_one) break;
        }
      }
      break;
  }
  ++t.pc;
  return n;
}

std::string status(const Program& p, const State& s, int thread) {
  if (s.fault_thread == thread) return "broke a rule: " + s.fault;
  const Step* step = current_step(p, s, thread);
  if (!step) return "finished";
  const ThreadState& t = s.threads[static_cast<size_t>(thread)];
  auto holder = [&](int m) {
    int owner = s.mutex_owner[static_cast<size_t>(m)];
    if (owner == thread) return std::string("itself");
    return p.threads[static_cast<size_t>(owner)].name;
  };
  if (t.phase == Phase::waiting) return "waiting on " + p.cv_names[static_cast<size_t>(step->cv)] + " until notified";
  if ((t.phase == Phase::reacquire || step->op == Op::lock) &&
      s.mutex_owner[static_cast<size_t>(step->mutex)] != -1)
    return "blocked: " + p.mutex_names[static_cast<size_t>(step->mutex)] + " is held by " + holder(step->mutex);
  if (s.fault_thread >= 0) return "stopped";
  return t.phase == Phase::reacquire ? "ready (notified, will retake the mutex)" : "ready";
}

std::string shared_summary(const Program& p, const State& s) {
  std::string out;
  for (size_t i = 0; i < p.shared_names.size(); ++i)
    out += (i ? ", " : "") + p.shared_names[i] + "=" + std::to_string(s.shared[i]);
  return out;
}

// How a finished run left memory: the shared values, any mutex a thread kept,
// and when there is nothing else to say, that every mutex is free again. (The
// old label, "no shared variables", read as if the run had touched nothing.)
std::string finished_summary(const Program& p, const State& s) {
  std::string out = shared_summary(p, s);
  for (size_t m = 0; m < p.mutex_names.size(); ++m) {
    int owner = s.mutex_owner[m];
    if (owner != -1)
      out += (out.empty() ? "" : ", ") + p.mutex_names[m] + " still held by " + p.threads[static_cast<size_t>(owner)].name;
  }
  if (!out.empty()) return out;
  if (p.mutex_names.empty()) return "nothing shared to compare";
  std::string names;
  for (size_t m = 0; m < p.mutex_names.size(); ++m)
    names += (m == 0 ? "" : m + 1 == p.mutex_names.size() ? " and " : ", ") + p.mutex_names[m];
  return names + (p.mutex_names.size() == 1 ? " free again" : " all free again");
}

Outcome outcome(const Program& p, const State& s) {
  if (s.fault_thread >= 0) return {OutcomeKind::fault, "error: " + s.fault};
  bool all_finished = true;
  for (int t = 0; t < static_cast<int>(p.threads.size()); ++t) {
    if (can_run(p, s, t)) return {OutcomeKind::running, "running"};
    all_finished = all_finished && is_finished(p, s, t);
  }
  if (all_finished) return {OutcomeKind::finished, finished_summary(p, s)};
  std::string label = "deadlock:";
  bool first = true;
  for (int t = 0; t < static_cast<int>(p.threads.size()); ++t) {
    if (is_finished(p, s, t)) continue;
    label += std::string(first ? " " : "; ") + p.threads[static_cast<size_t>(t)].name + " " + status(p, s, t);
    first = false;
  }
  return {OutcomeKind::deadlock, label};
}

std::string state_key(const State& s) {
  std::string key;
  auto put = [&](long long v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  for (const auto& t : s.threads) {
    put(t.pc * 4 + static_cast<int>(t.phase));
    for (long long v : t.locals) put(v);
  }
  for (long long v : s.shared) put(v);
  for (int o : s.mutex_owner) put(o);
  put(s.fault_thread);
  return key;
}

Machine::Machine(Program program) : program_(std::move(program)) { reset(); }

void Machine::reset() {
  history_.assign(1, initial_state(program_));
  schedule_.clear();
}

bool Machine::can_run(int thread) const {
  return thread >= 0 && thread < threads() && explorer::can_run(program_, state(), thread);
}

std::string Machine::step(int thread) {
  if (thread < 0 || thread >= threads()) return "there is no thread " + std::to_string(thread);
  if (!can_run(thread)) return program_.threads[static_cast<size_t>(thread)].name + " cannot run: " + status(thread);
  history_.push_back(next_state(program_, state(), thread));
  schedule_.push_back(thread);
  return "";
}

bool Machine::undo() {
  if (history_.size() <= 1) return false;
  history_.pop_back();
  schedule_.pop_back();
  return true;
}

std::string Machine::status(int thread) const { return explorer::status(program_, state(), thread); }

Outcome Machine::outcome() const { return explorer::outcome(program_, state()); }

}  // namespace cdd::explorer
