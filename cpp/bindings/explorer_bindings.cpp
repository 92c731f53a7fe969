// Embind bindings for the interleaving explorer (cpp/explorer).
//
// JavaScript builds a session from a plain object,
//   new Module.ExplorerSession({shared: {x: 0},
//                               threads: [{name: 'A', lines: ['r = x', 'x = r + 1']}, ...]})
// checks `ok()` / `error()`, then drives Step mode (`step(t)`, `undo()`,
// `reset()`, `state()`) or asks for `exploreAll(maxStates)`. Results come back
// as plain JS objects; nothing here decides anything the C++ model does not.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <optional>
#include <string>

#include "explore.h"
#include "machine.h"
#include "program.h"

using emscripten::val;
namespace ex = cdd::explorer;

namespace {

const char* kind_name(ex::OutcomeKind k) {
  switch (k) {
    case ex::OutcomeKind::running: return "running";
    case ex::OutcomeKind::finished: return "finished";
    case ex::OutcomeKind::deadlock: return "deadlock";
    case ex::OutcomeKind::fault: return "fault";
  }
  return "running";
}

val int_array(const std::vector<int>& v) {
  val out = val::array();
  for (int x : v) out.call<void>("push", x);
  return out;
}

// Reads the JS spec defensively: wrong types become a clear error, not a trap.
std::string read_spec(const val& spec, ex::ProgramSpec& out) {
  if (!spec.isUndefined() && !spec.isNull() && spec.typeOf().as<std::string>() != "object")
    return "the program must be an object with `shared` and `threads`";
  val shared = spec["shared"];
  if (!shared.isUndefined() && !shared.isNull()) {
    val keys = val::global("Object").call<val>("keys", shared);
    int n = keys["length"].as<int>();
    if (n > ex::kMaxShared) return "at most " + std::to_string(ex::kMaxShared) + " shared variables";
    for (int i = 0; i < n; ++i) {
      std::string name = keys[i].as<std::string>();
      val value = shared[name];
      if (value.typeOf().as<std::string>() != "number") return "shared variable '" + name + "' needs a number";
      double d = value.as<double>();
      if (d != static_cast<double>(static_cast<long long>(d)) || d > 1e9 || d < -1e9)
        return "shared variable '" + name + "' needs a whole number between -1e9 and 1e9";
      out.shared.push_back({name, static_cast<long long>(d)});
    }
  }
  val threads = spec["threads"];
  if (threads.isUndefined() || !val::global("Array").call<bool>("isArray", threads))
    return "`threads` must be a list of {name, lines}";
  int n = threads["length"].as<int>();
  if (n > ex::kMaxThreads) return "at most " + std::to_string(ex::kMaxThreads) + " threads";
  for (int i = 0; i < n; ++i) {
    ex::ThreadSpec t;
    val name = threads[i]["name"];
    if (name.typeOf().as<std::string>() == "string") t.name = name.as<std::string>();
    val lines = threads[i]["lines"];
    if (lines.isUndefined() || !val::global("Array").call<bool>("isArray", lines))
      return "thread " + std::to_string(i + 1) + " needs `lines`, a list of strings";
    int m = lines["length"].as<int>();
    if (m > ex::kMaxLinesPerThread)
      return "thread " + std::to_string(i + 1) + " has more than " + std::to_string(ex::kMaxLinesPerThread) + " lines";
    for (int j = 0; j < m; ++j) {
      if (lines[j].typeOf().as<std::string>() != "string") return "every line must be a string";
      t.lines.push_back(lines[j].as<std::string>());
    }
    out.threads.push_back(t);
  }
  return "";
}

class ExplorerSession {
 public:
  explicit ExplorerSession(val spec) {
    ex::ProgramSpec parsed;
    error_ = read_spec(spec, parsed);
    if (!error_.empty()) return;
    ex::ParseResult r = ex::parse_program(parsed);
    if (!r.ok()) {
      error_ = r.error;
      return;
    }
    machine_.emplace(std::move(r.program));
  }

  bool ok() const { return machine_.has_value(); }
  std::string error() const { return error_; }

  // The program as compiled: names and line texts per thread.
  val program() const {
    val out = val::object();
    val threads = val::array();
    if (machine_) {
      for (const auto& t : machine_->program().threads) {
        val thread = val::object();
        thread.set("name", t.name);
        val lines = val::array();
        for (const auto& s : t.steps) lines.call<void>("push", s.text);
        thread.set("lines", lines);
        threads.call<void>("push", thread);
      }
    }
    out.set("threads", threads);
    return out;
  }

  // Everything Step mode shows.
  val state() const {
    val out = val::object();
    if (!machine_) return out;
    const ex::Program& p = machine_->program();
    const ex::State& s = machine_->state();
    val threads = val::array();
    for (int t = 0; t < machine_->threads(); ++t) {
      const auto& ts = s.threads[static_cast<size_t>(t)];
      val thread = val::object();
      thread.set("name", p.threads[static_cast<size_t>(t)].name);
      thread.set("pc", ts.pc);
      thread.set("canRun", machine_->can_run(t));
      thread.set("finished", ex::is_finished(p, s, t));
      thread.set("waiting", ts.phase != ex::Phase::normal);
      thread.set("status", machine_->status(t));
      val locals = val::object();
      const auto& names = p.threads[static_cast<size_t>(t)].locals;
      for (size_t i = 0; i < names.size(); ++i) locals.set(names[i], static_cast<double>(ts.locals[i]));
      thread.set("locals", locals);
      threads.call<void>("push", thread);
    }
    out.set("threads", threads);
    val shared = val::object();
    for (size_t i = 0; i < p.shared_names.size(); ++i) shared.set(p.shared_names[i], static_cast<double>(s.shared[i]));
    out.set("shared", shared);
    val mutexes = val::object();
    for (size_t i = 0; i < p.mutex_names.size(); ++i) {
      int owner = s.mutex_owner[i];
      mutexes.set(p.mutex_names[i], owner < 0 ? val::null() : val(p.threads[static_cast<size_t>(owner)].name));
    }
    out.set("mutexes", mutexes);
    ex::Outcome o = machine_->outcome();
    val outcome = val::object();
    outcome.set("kind", std::string(kind_name(o.kind)));
    outcome.set("label", o.label);
    out.set("outcome", outcome);
    out.set("schedule", int_array(machine_->schedule()));
    return out;
  }

  std::string step(int thread) { return machine_ ? machine_->step(thread) : error_; }
  bool undo() { return machine_ && machine_->undo(); }
  void reset() {
    if (machine_) machine_->reset();
  }

  val explore_all(int max_states) const {
    val out = val::object();
    if (!machine_) return out;
    size_t cap = static_cast<size_t>(std::clamp(max_states, 1, 200000));
    ex::Exploration e = ex::explore_all(machine_->program(), cap);
    out.set("schedules", static_cast<double>(e.schedules));
    out.set("states", static_cast<double>(e.states));
    out.set("truncated", e.truncated);
    out.set("deadlockReachable", e.deadlock_reachable());
    val outcomes = val::array();
    for (const auto& o : e.outcomes) {
      val item = val::object();
      item.set("kind", std::string(kind_name(o.kind)));
      item.set("label", o.label);
      item.set("count", static_cast<double>(o.count));
      item.set("schedule", int_array(o.schedule));
      outcomes.call<void>("push", item);
    }
    out.set("outcomes", outcomes);
    return out;
  }

 private:
  std::string error_;
  std::optional<ex::Machine> machine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(explorer) {
  emscripten::class_<ExplorerSession>("ExplorerSession")
      .constructor<val>()
      .function("ok", &ExplorerSession::ok)
      .function("error", &ExplorerSession::error)
      .function("program", &ExplorerSession::program)
      .function("state", &ExplorerSession::state)
      .function("step", &ExplorerSession::step)
      .function("undo", &ExplorerSession::undo)
      .function("reset", &ExplorerSession::reset)
      .function("exploreAll", &ExplorerSession::explore_all);
  emscripten::constant("maxThreads", ex::kMaxThreads);
  emscripten::constant("maxLinesPerThread", ex::kMaxLinesPerThread);
  emscripten::constant("defaultMaxStates", static_cast<int>(ex::kDefaultMaxStates));
}
