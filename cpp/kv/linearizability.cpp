#include "linearizability.h"

#include <algorithm>
#include <map>

#include "key_search.h"
#include "register_model.h"
#include "violation_sentence.h"

namespace kv {

std::string describe(const Operation& op) {
  std::string s = "process " + std::to_string(op.process) + " " + function_name(op.f) + " " + op.key;
  if (op.f == Function::cas) {
    s += " [" + std::to_string(op.from) + "," + std::to_string(op.to) + "]";
  } else if (op.f == Function::write) {
    s += " " + (op.value ? std::to_string(*op.value) : std::string("null"));
  }
  s += " -> ";
  s += event_type_name(op.outcome);
  if (op.f == Function::read && op.outcome == EventType::ok) {
    s += " " + (op.value ? std::to_string(*op.value) : std::string("null"));
  }
  if (op.outcome == EventType::fail && op.error >= 0) s += " (error " + std::to_string(op.error) + ")";
  return s;
}

bool pair_operations(const History& history, std::vector<Operation>& out, HistoryError& error) {
  std::map<std::int64_t, size_t> pending;  // process -> index in out
  for (size_t i = 0; i < history.size(); ++i) {
    const HistoryEvent& e = history[i];
    const size_t line = e.line ? e.line : i + 1;
    auto it = pending.find(e.process);
    if (e.type == EventType::invoke) {
      if (it != pending.end()) {
        error = {line, "process " + std::to_string(e.process) + " invokes again while its operation from line " +
                           std::to_string(out[it->second].invoke_line) + " is still pending"};
        return false;
      }
      Operation op;
      op.process = e.process;
      op.f = e.f;
      op.key = e.key;
      op.value = e.f == Function::write ? e.value : std::nullopt;
      op.from = e.from;
      op.to = e.to;
      op.invoke = e.time;
      op.invoke_line = line;
      pending[e.process] = out.size();
      out.push_back(std::move(op));
      continue;
    }
    if (it == pending.end()) {
      error = {line, std::string("a '") + event_type_name(e.type) + "' for process " + std::to_string(e.process) +
                         " which has no pending invoke"};
      return false;
    }
    Operation& op = out[it->second];
    if (op.f != e.f || op.key != e.key) {
      error = {line, "completion does not match the invoke on line " + std::to_string(op.invoke_line) +
                         " (different f or key)"};
      return false;
    }
    if (e.time < op.invoke) {
      error = {line, "completion is earlier than its invoke on line " + std::to_string(op.invoke_line)};
      return false;
    }
    op.outcome = e.type;
    op.error = e.error;
    op.complete_line = line;
    if (e.type != EventType::info) op.complete = e.time;
    if (e.f == Function::read) op.value = e.type == EventType::ok ? e.value : std::nullopt;
    pending.erase(it);
  }
  // Still pending at the end: indefinite, as if the client had timed out.
  return true;
}

bool step_register(std::optional<std::int64_t>& state, const Operation& op) {
  using search::kAbsent;
  if (search::observes_nothing(op)) return true;
  std::int64_t s = state ? *state : kAbsent;
  if (!search::step(s, search::to_model(op))) return false;
  state = s == kAbsent ? std::nullopt : std::optional<std::int64_t>(s);
  return true;
}

CheckResult check_operations(const std::vector<Operation>& ops, const CheckOptions& options) {
  CheckResult result;
  std::map<std::string, std::vector<Operation>> by_key;  // sorted: the first failing key is deterministic
  for (const Operation& op : ops) {
    if (search::observes_nothing(op)) continue;
    by_key[op.key].push_back(op);
  }
  result.keys = by_key.size();
  Time origin = std::numeric_limits<Time>::max();  // the history's first event: times in sentences count from it
  for (const Operation& op : ops) origin = std::min(origin, op.invoke);
  for (auto& [key, key_ops] : by_key) {
    // Numbered in invoke order: the search's memo relies on it.
    std::stable_sort(key_ops.begin(), key_ops.end(),
                     [](const Operation& a, const Operation& b) { return a.invoke < b.invoke; });
    result.operations += key_ops.size();
    const search::KeyResult r = search::check_key(key_ops, options);
    result.steps += r.steps;
    if (r.gave_up) {
      result.verdict = CheckResult::Verdict::unknown;
      result.key = key;
      result.explanation = "gave up on key " + key + " after " + std::to_string(r.steps) +
                           " search steps (the search budget ran out; such histories need a search exponential in"
                           " their indefinite operations)";
      return result;
    }
    if (!r.linearizable) {
      result.verdict = CheckResult::Verdict::not_linearizable;
      result.key = key;
      for (size_t i : r.window) result.window.push_back(key_ops[i]);
      result.explanation = "no order of the operations on key " + key +
                           " explains every result; the search got stuck near these operations";
      const StuckSearch where{static_cast<size_t>(r.stuck), r.placed, r.window};
      result.sentence = violation_sentence(key_ops, where, origin);
      return result;
    }
  }
  return result;
}

CheckResult check_history(const History& history, const CheckOptions& options) {
  std::vector<Operation> ops;
  HistoryError error;
  if (!pair_operations(history, ops, error)) {
    CheckResult r;
    r.verdict = CheckResult::Verdict::unknown;
    r.explanation = "line " + std::to_string(error.line) + ": " + error.message;
    return r;
  }
  return check_operations(ops, options);
}

}  // namespace kv
