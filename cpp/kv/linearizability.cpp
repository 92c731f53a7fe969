#include "linearizability.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "random.h"

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

// ---------------------------------------------------------------------------
// The model, on a compact state: a register value, or kAbsent for "no key".

namespace {

constexpr std::int64_t kAbsent = std::numeric_limits<std::int64_t>::min();

// What one operation requires and does, precomputed for the search.
struct ModelOp {
  enum class Kind : std::uint8_t { read_equals, write, cas, cas_maybe, cas_differs } kind;
  std::int64_t a = 0;  // read_equals: expected; write: value; cas*: from
  std::int64_t b = 0;  // cas: to
};

bool observes_nothing(const Operation& op) {
  if (op.outcome == EventType::info && op.f == Function::read) return true;  // a read with no answer
  if (op.outcome != EventType::fail) return false;
  if (op.f == Function::write) return true;  // a failed write did nothing
  // Only 20 (absent) and 22 (precondition) say something about the state;
  // a fail without a recorded code follows the history format's meaning.
  return !(op.error == -1 || op.error == code::key_does_not_exist ||
           (op.f == Function::cas && op.error == code::precondition_failed));
}

ModelOp to_model(const Operation& op) {
  ModelOp m{ModelOp::Kind::read_equals, 0, 0};
  switch (op.f) {
    case Function::read:
      m.kind = ModelOp::Kind::read_equals;
      m.a = (op.outcome == EventType::ok && op.value) ? *op.value : kAbsent;
      break;
    case Function::write:
      m.kind = ModelOp::Kind::write;
      m.a = op.value.value_or(0);
      break;
    case Function::cas:
      m.a = op.from;
      m.b = op.to;
      if (op.outcome == EventType::ok) {
        m.kind = ModelOp::Kind::cas;
      } else if (op.outcome == EventType::info) {
        m.kind = ModelOp::Kind::cas_maybe;
      } else if (op.error == code::key_does_not_exist) {
        m.kind = ModelOp::Kind::read_equals;  // saw the key absent
        m.a = kAbsent;
      } else {
        m.kind = ModelOp::Kind::cas_differs;
      }
      break;
  }
  return m;
}

inline bool step(std::int64_t& state, const ModelOp& op) {
  switch (op.kind) {
    case ModelOp::Kind::read_equals: return state == op.a;
    case ModelOp::Kind::write: state = op.a; return true;
    case ModelOp::Kind::cas:
      if (state != op.a) return false;
      state = op.b;
      return true;
    case ModelOp::Kind::cas_maybe:
      // Indefinite: if it happens here it succeeds when it matches, and is a no-op otherwise.
      if (state == op.a) state = op.b;
      return true;
    case ModelOp::Kind::cas_differs: return state != op.a;
  }
  return false;
}

inline std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ull;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dull;
  x ^= x >> 33;
  return x;
}

// The memo of explored configurations (linearized set, register state).
//
// Definite operations are stored compactly: operations are numbered in
// invoke order and, at any point of the search, all of them below some
// `prefix` are linearized, so a set is the prefix plus the few linearized
// operations above it. Indefinite (info) operations used are kept as a list.
//
// A configuration is dominated by an explored one with the same definite set
// and state that used a subset of its indefinite operations: anything that
// can follow the bigger set can follow the smaller one (the unused operations
// can still happen later, or never). Skipping dominated configurations keeps
// histories with many timed-out operations from blowing up the search.
class ExploredConfigurations {
 public:
  // True if no explored configuration equals or dominates this one (and records it).
  bool insert(std::uint64_t definite_hash, std::uint64_t info_hash, std::int64_t state, std::uint32_t prefix,
              const std::vector<std::uint32_t>& definite_above, const std::vector<std::uint32_t>& info_used) {
    const std::uint64_t same_definite = definite_hash ^ mix(static_cast<std::uint64_t>(state) + prefix);
    const std::uint64_t exact = same_definite ^ mix(info_hash);
    auto same_definite_part = [&](const Entry& e) {
      return e.state == state && e.prefix == prefix && e.definite_len == definite_above.size() &&
             std::equal(definite_above.begin(), definite_above.end(), pool_.begin() + e.definite_at);
    };
    // Exactly this configuration?
    auto found = exact_.find(exact);
    if (found != exact_.end()) {
      for (std::uint32_t id : found->second) {
        const Entry& e = entries_[id];
        if (same_definite_part(e) && e.info_len == info_used.size() &&
            std::equal(info_used.begin(), info_used.end(), pool_.begin() + e.info_at)) {
          return false;
        }
      }
    }
    // Dominated by one that used fewer indefinite operations? Only the first
    // few candidates are compared, to keep each step cheap (pruning less is safe).
    std::vector<std::uint32_t>& candidates = by_definite_[same_definite];
    if (!info_used.empty()) {
      const size_t limit = std::min<size_t>(candidates.size(), 16);
      for (size_t k = 0; k < limit; ++k) {
        const Entry& e = entries_[candidates[k]];
        if (e.info_len < info_used.size() && same_definite_part(e) &&
            std::includes(info_used.begin(), info_used.end(), pool_.begin() + e.info_at,
                          pool_.begin() + e.info_at + e.info_len)) {
          return false;
        }
      }
    }
    Entry e{state, prefix, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(definite_above.size()),
            0, static_cast<std::uint32_t>(info_used.size())};
    pool_.insert(pool_.end(), definite_above.begin(), definite_above.end());
    e.info_at = static_cast<std::uint32_t>(pool_.size());
    pool_.insert(pool_.end(), info_used.begin(), info_used.end());
    const auto id = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(e);
    candidates.push_back(id);
    exact_[exact].push_back(id);
    return true;
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::int64_t state;
    std::uint32_t prefix;
    std::uint32_t definite_at, definite_len, info_at, info_len;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> pool_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> exact_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_definite_;
};

struct KeyResult {
  bool linearizable = true;
  bool gave_up = false;
  std::uint64_t steps = 0;
  std::vector<size_t> window;  // indices into the key's ops
};

KeyResult check_key(const std::vector<Operation>& ops, const CheckOptions& options) {
  KeyResult result;
  const size_t n = ops.size();
  if (n == 0) return result;

  std::vector<ModelOp> model(n);
  for (size_t i = 0; i < n; ++i) model[i] = to_model(ops[i]);

  // Call and return events, sorted by time; at equal times calls come first,
  // so operations that merely touch count as concurrent.
  struct Event {
    Time time;
    bool is_return;
    std::uint32_t op;
  };
  std::vector<Event> events;
  events.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    events.push_back({ops[i].invoke, false, static_cast<std::uint32_t>(i)});
    events.push_back({ops[i].complete, true, static_cast<std::uint32_t>(i)});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : (!a.is_return && b.is_return);
  });
  // Indefinite operations have no deadline, so the search may try them after
  // every definite call that is open at the same point: move their calls to
  // the end of each run of calls. The set of operations the search may pick at
  // any point is unchanged; it just tries the ones that must happen first.
  {
    std::vector<Event> reordered, deferred;
    reordered.reserve(events.size());
    for (const Event& e : events) {
      if (!e.is_return && ops[e.op].outcome == EventType::info) {
        deferred.push_back(e);
        continue;
      }
      if (e.is_return) {
        reordered.insert(reordered.end(), deferred.begin(), deferred.end());
        deferred.clear();
      }
      reordered.push_back(e);
    }
    reordered.insert(reordered.end(), deferred.begin(), deferred.end());
    events.swap(reordered);
  }
  // Indefinite operations that do the same thing are interchangeable; the
  // search only uses them in invoke order (the previous twin must be used first).
  std::vector<std::int64_t> previous_twin(n, -1);
  {
    std::map<std::tuple<int, std::int64_t, std::int64_t>, size_t> last;
    std::vector<size_t> by_invoke(n);
    for (size_t i = 0; i < n; ++i) by_invoke[i] = i;
    std::stable_sort(by_invoke.begin(), by_invoke.end(), [&](size_t a, size_t b) { return ops[a].invoke < ops[b].invoke; });
    for (size_t i : by_invoke) {
      if (ops[i].outcome != EventType::info) continue;
      const auto key = std::make_tuple(static_cast<int>(model[i].kind), model[i].a, model[i].b);
      auto it = last.find(key);
      if (it != last.end()) previous_twin[i] = static_cast<std::int64_t>(it->second);
      last[key] = i;
    }
  }

  // A doubly linked list over the events; node 0 is the head sentinel.
  const size_t count = events.size() + 1;
  std::vector<std::uint32_t> next(count + 1), prev(count + 1);
  std::vector<std::uint32_t> call_node(n), return_node(n);
  std::vector<std::uint32_t> op_of(count + 1, 0);
  std::vector<bool> is_return(count + 1, false);
  const std::uint32_t end = static_cast<std::uint32_t>(count);  // tail sentinel
  for (size_t i = 0; i < events.size(); ++i) {
    const std::uint32_t node = static_cast<std::uint32_t>(i + 1);
    op_of[node] = events[i].op;
    is_return[node] = events[i].is_return;
    (events[i].is_return ? return_node : call_node)[events[i].op] = node;
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    next[i] = i + 1;
    prev[i + 1] = i;
  }
  // Linearizing an operation removes its call and its return from the list.
  auto lift = [&](std::uint32_t op) {
    for (std::uint32_t node : {call_node[op], return_node[op]}) {
      next[prev[node]] = next[node];
      prev[next[node]] = prev[node];
    }
  };
  auto unlift = [&](std::uint32_t op) {
    for (std::uint32_t node : {return_node[op], call_node[op]}) {
      next[prev[node]] = node;
      prev[next[node]] = node;
    }
  };

  Rng rng(0x9e3779b97f4a7c15ull);
  std::vector<std::uint64_t> zobrist(n);
  for (auto& z : zobrist) z = rng.next();
  std::vector<bool> is_info(n);
  for (size_t i = 0; i < n; ++i) is_info[i] = ops[i].outcome == EventType::info;
  const size_t words = (n + 63) / 64;
  std::vector<std::uint64_t> bits(words, 0);  // every linearized operation
  std::uint64_t definite_hash = 0;
  std::uint64_t info_hash = 0;
  std::uint32_t prefix = 0;  // every definite operation below this index is linearized
  std::int64_t high = -1;    // the highest definite operation linearized
  std::vector<std::uint32_t> info_used;      // sorted
  std::vector<std::uint32_t> definite_above;  // scratch
  ExploredConfigurations cache;
  auto is_set = [&](size_t i) { return (bits[i / 64] >> (i % 64)) & 1; };

  struct Frame {
    std::uint32_t op;
    std::int64_t state_before;
    std::uint32_t prefix_before;
    std::int64_t high_before;
    bool forced;  // an observer placed without alternatives (see find_fitting_observer)
  };
  std::vector<Frame> stack;
  stack.reserve(n);
  std::int64_t state = kAbsent;
  size_t deepest = 0;
  std::uint32_t stuck_op = 0;
  std::vector<std::uint32_t> deepest_tail;  // the last few operations linearized at the deepest point

  // Linearizes `op` here if the model allows it and the resulting
  // configuration is new; `forced` marks a step that needs no alternatives.
  auto try_linearize = [&](std::uint32_t op, bool forced) -> bool {
    std::int64_t new_state = state;
    if (!step(new_state, model[op])) return false;
    bits[op / 64] |= 1ull << (op % 64);
    const Frame frame{op, state, prefix, high, forced};
    std::uint64_t new_hash = definite_hash;
    std::uint64_t new_info_hash = info_hash;
    if (is_info[op]) {
      new_info_hash ^= zobrist[op];
      info_used.insert(std::lower_bound(info_used.begin(), info_used.end(), op), op);
    } else {
      new_hash ^= zobrist[op];
      high = std::max<std::int64_t>(high, op);
      while (prefix < n && (is_info[prefix] || is_set(prefix))) ++prefix;
    }
    definite_above.clear();
    for (std::int64_t i = prefix; i <= high; ++i) {
      if (!is_info[i] && is_set(static_cast<size_t>(i))) definite_above.push_back(static_cast<std::uint32_t>(i));
    }
    if (cache.insert(new_hash, new_info_hash, new_state, prefix, definite_above, info_used)) {
      definite_hash = new_hash;
      info_hash = new_info_hash;
      stack.push_back(frame);
      state = new_state;
      lift(op);
      return true;
    }
    // Explored already (or something better was): undo.
    bits[op / 64] &= ~(1ull << (op % 64));
    prefix = frame.prefix_before;
    high = frame.high_before;
    if (is_info[op]) info_used.erase(std::lower_bound(info_used.begin(), info_used.end(), op));
    return false;
  };
  // Undoes linearizations back to the last real choice; returns the list node
  // to try next at that level, or 0 when there is nothing left to undo.
  auto backtrack = [&]() -> std::uint32_t {
    while (!stack.empty()) {
      const Frame top = stack.back();
      stack.pop_back();
      state = top.state_before;
      bits[top.op / 64] &= ~(1ull << (top.op % 64));
      prefix = top.prefix_before;
      high = top.high_before;
      if (is_info[top.op]) {
        info_hash ^= zobrist[top.op];
        info_used.erase(std::lower_bound(info_used.begin(), info_used.end(), top.op));
      } else {
        definite_hash ^= zobrist[top.op];
      }
      unlift(top.op);
      if (!top.forced) return next[call_node[top.op]];
    }
    return 0;
  };
  // An observer (a read, or a failed cas) that changes nothing and whose
  // answer fits the current state can be linearized right away: any solution
  // that places it later can place it here instead. So it needs no branching.
  auto find_fitting_observer = [&]() -> std::int64_t {
    for (std::uint32_t at = next[0]; at != end && !is_return[at]; at = next[at]) {
      const std::uint32_t op = op_of[at];
      const ModelOp& m = model[op];
      if (is_info[op]) continue;
      if ((m.kind == ModelOp::Kind::read_equals && state == m.a) ||
          (m.kind == ModelOp::Kind::cas_differs && state != m.a)) {
        return op;
      }
    }
    return -1;
  };

  std::uint32_t node = next[0];
  bool fresh = true;  // a configuration seen for the first time
  bool refuted = false;
  while (next[0] != end) {
    ++result.steps;
    if ((options.max_steps_per_key && result.steps > options.max_steps_per_key) ||
        (options.max_configurations_per_key && cache.size() > options.max_configurations_per_key)) {
      result.gave_up = true;
      return result;
    }
    if (fresh) {
      fresh = false;
      const std::int64_t observer = find_fitting_observer();
      if (observer >= 0) {
        if (try_linearize(static_cast<std::uint32_t>(observer), /*forced=*/true)) {
          fresh = true;
          node = next[0];
          continue;
        }
        // Where it leads was explored already, without success: so is this.
        node = backtrack();
        if (node == 0) {
          refuted = true;
          break;
        }
        continue;
      }
    }
    if (node == end) node = next[0];  // cannot happen in a consistent list, but never loop off the end
    const std::uint32_t op = op_of[node];
    if (!is_return[node]) {
      if (is_info[op]) {
        // An indefinite operation that would change nothing here is better left
        // for later (or never); and twins go in order.
        const ModelOp& m = model[op];
        const bool no_op = m.kind == ModelOp::Kind::write ? state == m.a : (state != m.a || m.a == m.b);
        const std::int64_t twin = previous_twin[op];
        if (no_op || (twin >= 0 && !(bits[twin / 64] >> (twin % 64) & 1))) {
          node = next[node];
          continue;
        }
      }
      if (try_linearize(op, /*forced=*/false)) {
        fresh = true;
        node = next[0];
      } else {
        node = next[node];
      }
      continue;
    }
    // Only indefinite operations are left (their "returns" sort last): they
    // may simply never have happened. Done.
    if (is_info[op]) break;
    // A return: its operation had to be linearized by now and was not. Backtrack.
    if (stack.size() >= deepest) {
      deepest = stack.size();
      stuck_op = op;
      deepest_tail.clear();
      for (size_t i = stack.size() > 3 ? stack.size() - 3 : 0; i < stack.size(); ++i) {
        deepest_tail.push_back(stack[i].op);
      }
    }
    node = backtrack();
    if (node == 0) {
      refuted = true;
      break;
    }
  }
  if (!refuted) return result;

  // Not linearizable. The window: what was linearized just before the search
  // got stuck, the operation it could not place, and whatever overlaps it.
  result.linearizable = false;
  std::vector<size_t> window(deepest_tail.begin(), deepest_tail.end());
  window.push_back(stuck_op);
  const Operation& stuck = ops[stuck_op];
  for (size_t i = 0; i < n && window.size() < 10; ++i) {
    if (std::find(window.begin(), window.end(), i) != window.end()) continue;
    if (ops[i].invoke <= stuck.complete && ops[i].complete >= stuck.invoke) window.push_back(i);
  }
  std::sort(window.begin(), window.end(), [&](size_t a, size_t b) { return ops[a].invoke < ops[b].invoke; });
  result.window = std::move(window);
  return result;
}

}  // namespace

bool step_register(std::optional<std::int64_t>& state, const Operation& op) {
  if (observes_nothing(op)) return true;
  std::int64_t s = state ? *state : kAbsent;
  if (!step(s, to_model(op))) return false;
  state = s == kAbsent ? std::nullopt : std::optional<std::int64_t>(s);
  return true;
}

CheckResult check_operations(const std::vector<Operation>& ops, const CheckOptions& options) {
  CheckResult result;
  std::map<std::string, std::vector<Operation>> by_key;  // sorted: the first failing key is deterministic
  for (const Operation& op : ops) {
    if (observes_nothing(op)) continue;
    by_key[op.key].push_back(op);
  }
  result.keys = by_key.size();
  for (auto& [key, key_ops] : by_key) {
    // Numbered in invoke order: the search's memo relies on it.
    std::stable_sort(key_ops.begin(), key_ops.end(),
                     [](const Operation& a, const Operation& b) { return a.invoke < b.invoke; });
    result.operations += key_ops.size();
    KeyResult r = check_key(key_ops, options);
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
