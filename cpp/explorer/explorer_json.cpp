#include "explorer_json.h"

namespace cdd::explorer {

namespace {

const char* kind_name(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::running: return "running";
    case OutcomeKind::finished: return "finished";
    case OutcomeKind::deadlock: return "deadlock";
    case OutcomeKind::fault: return "fault";
  }
  return "running";
}

// Type checks come before every get<>(), so nothing here throws: the wasm
// module is built without exception support.
std::string shared_from_json(const Json& shared, ProgramSpec& out) {
  if (shared.is_null()) return "";
  if (!shared.is_object()) return "`shared` must be an object of names and numbers";
  if (shared.size() > static_cast<size_t>(kMaxShared)) {
    return "at most " + std::to_string(kMaxShared) + " shared variables";
  }
  for (const auto& [name, value] : shared.items()) {
    if (!value.is_number()) return "shared variable '" + name + "' needs a number";
    const double d = value.get<double>();
    if (d != static_cast<double>(static_cast<long long>(d)) || d > 1e9 || d < -1e9) {
      return "shared variable '" + name + "' needs a whole number between -1e9 and 1e9";
    }
    out.shared.push_back({name, static_cast<long long>(d)});
  }
  return "";
}

std::string thread_from_json(const Json& thread, int index, ThreadSpec& out) {
  const Json none;
  const Json& name = thread.is_object() && thread.contains("name") ? thread["name"] : none;
  const Json& lines = thread.is_object() && thread.contains("lines") ? thread["lines"] : none;
  if (name.is_string()) out.name = name.get<std::string>();
  // The name the lesson uses ("thread A"); only a nameless thread by position.
  const std::string which = "thread " + (out.name.empty() ? std::to_string(index + 1) : out.name);
  if (!lines.is_array()) return which + " needs `lines`, a list of strings";
  if (lines.size() > static_cast<size_t>(kMaxLinesPerThread)) {
    return which + " has more than " + std::to_string(kMaxLinesPerThread) + " lines";
  }
  for (const Json& line : lines) {
    if (!line.is_string()) return "every line must be a string";
    out.lines.push_back(line.get<std::string>());
  }
  return "";
}

Json int_array(const std::vector<int>& v) {
  Json out = Json::array();
  for (int x : v) out.push_back(x);
  return out;
}

Json thread_state_json(const Machine& machine, int t) {
  const Program& p = machine.program();
  const auto& ts = machine.state().threads[static_cast<size_t>(t)];
  const auto& names = p.threads[static_cast<size_t>(t)].locals;
  Json locals = Json::object();
  for (size_t i = 0; i < names.size(); ++i) locals[names[i]] = ts.locals[i];
  return Json{{"name", p.threads[static_cast<size_t>(t)].name},
              {"pc", ts.pc},
              {"canRun", machine.can_run(t)},
              {"finished", is_finished(p, machine.state(), t)},
              {"waiting", ts.phase != Phase::normal},
              {"status", machine.status(t)},
              {"locals", std::move(locals)}};
}

}  // namespace

std::string spec_from_json(const Json& spec, ProgramSpec& out) {
  if (!spec.is_object()) return "the program must be an object with `shared` and `threads`";
  if (spec.contains("shared")) {
    std::string error = shared_from_json(spec["shared"], out);
    if (!error.empty()) return error;
  }
  const Json none;
  const Json& threads = spec.contains("threads") ? spec["threads"] : none;
  if (!threads.is_array()) return "`threads` must be a list of {name, lines}";
  if (threads.size() > static_cast<size_t>(kMaxThreads)) {
    return "at most " + std::to_string(kMaxThreads) + " threads";
  }
  for (size_t i = 0; i < threads.size(); ++i) {
    ThreadSpec t;
    std::string error = thread_from_json(threads[i], static_cast<int>(i), t);
    if (!error.empty()) return error;
    out.threads.push_back(std::move(t));
  }
  return "";
}

std::string spec_from_json_text(const std::string& text, ProgramSpec& out) {
  const Json spec = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (spec.is_discarded()) return "the program must be JSON: an object with `shared` and `threads`";
  return spec_from_json(spec, out);
}

Json program_json(const Program& program) {
  Json threads = Json::array();
  for (const auto& t : program.threads) {
    Json lines = Json::array();
    for (const auto& s : t.steps) lines.push_back(s.text);
    threads.push_back(Json{{"name", t.name}, {"lines", std::move(lines)}});
  }
  return Json{{"threads", std::move(threads)}};
}

Json state_json(const Machine& machine) {
  const Program& p = machine.program();
  const State& s = machine.state();
  Json threads = Json::array();
  for (int t = 0; t < machine.threads(); ++t) threads.push_back(thread_state_json(machine, t));
  Json shared = Json::object();
  for (size_t i = 0; i < p.shared_names.size(); ++i) shared[p.shared_names[i]] = s.shared[i];
  Json mutexes = Json::object();
  for (size_t i = 0; i < p.mutex_names.size(); ++i) {
    const int owner = s.mutex_owner[i];
    mutexes[p.mutex_names[i]] = owner < 0 ? Json(nullptr) : Json(p.threads[static_cast<size_t>(owner)].name);
  }
  const Outcome o = machine.outcome();
  return Json{{"threads", std::move(threads)},
              {"shared", std::move(shared)},
              {"mutexes", std::move(mutexes)},
              {"outcome", {{"kind", kind_name(o.kind)}, {"label", o.label}}},
              {"schedule", int_array(machine.schedule())}};
}

Json exploration_json(const Exploration& e) {
  Json outcomes = Json::array();
  for (const auto& o : e.outcomes) {
    outcomes.push_back(Json{{"kind", kind_name(o.kind)},
                            {"label", o.label},
                            {"count", o.count},
                            {"schedule", int_array(o.schedule)}});
  }
  return Json{{"schedules", e.schedules},
              {"states", e.states},
              {"truncated", e.truncated},
              {"deadlockReachable", e.deadlock_reachable()},
              {"outcomes", std::move(outcomes)}};
}

std::string to_text(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace cdd::explorer
