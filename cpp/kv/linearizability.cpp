#include "linearizability.h"

#include <algorithm>
#include <map>
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

// The memo of explored configurations: (linearized set, state). Sets are
// bitsets stored in one pool; their hash is kept incrementally (XOR of a
// random word per operation), so a lookup costs O(1) plus one compare.
class ConfigurationCache {
 public:
  explicit ConfigurationCache(size_t words) : words_(words) {}

  // True if new (and records it).
  bool insert(std::uint64_t set_hash, std::int64_t state, const std::vector<std::uint64_t>& bits) {
    const std::uint64_t h = set_hash ^ mix(static_cast<std::uint64_t>(state));
    auto range = index_.equal_range(h);
    for (auto it = range.first; it != range.second; ++it) {
      const size_t at = it->second;
      if (states_[at / words_] == state && std::equal(bits.begin(), bits.end(), pool_.begin() + at)) return false;
    }
    const size_t at = pool_.size();
    pool_.insert(pool_.end(), bits.begin(), bits.end());
    states_.push_back(state);
    index_.emplace(h, at);
    return true;
  }

 private:
  size_t words_;
  std::vector<std::uint64_t> pool_;
  std::vector<std::int64_t> states_;
  std::unordered_multimap<std::uint64_t, size_t> index_;
};

struct KeyResult {
  bool linearizable = true;
  bool gave_up = false;
  std::uint64_t steps = 0;
  std::vector<size_t> window;  // indices into the key's ops
};

KeyResult check_key(const std::vector<Operation>& ops, std::uint64_t max_steps) {
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
  const size_t words = (n + 63) / 64;
  std::vector<std::uint64_t> bits(words, 0);
  std::uint64_t set_hash = 0;
  ConfigurationCache cache(words);

  struct Frame {
    std::uint32_t op;
    std::int64_t state_before;
  };
  std::vector<Frame> stack;
  stack.reserve(n);
  std::int64_t state = kAbsent;
  size_t deepest = 0;
  std::uint32_t stuck_op = 0;
  std::vector<std::uint32_t> deepest_tail;  // the last few operations linearized at the deepest point

  std::uint32_t node = next[0];
  while (next[0] != end) {
    if (max_steps && ++result.steps > max_steps) {
      result.gave_up = true;
      return result;
    }
    if (node == end) node = next[0];  // cannot happen in a consistent list, but never loop off the end
    const std::uint32_t op = op_of[node];
    if (!is_return[node]) {
      std::int64_t new_state = state;
      if (step(new_state, model[op])) {
        bits[op / 64] |= 1ull << (op % 64);
        if (cache.insert(set_hash ^ zobrist[op], new_state, bits)) {
          set_hash ^= zobrist[op];
          stack.push_back({op, state});
          state = new_state;
          lift(op);
          node = next[0];
          continue;
        }
        bits[op / 64] &= ~(1ull << (op % 64));
      }
      node = next[node];
      continue;
    }
    // A return: its operation had to be linearized by now and was not. Backtrack.
    if (stack.size() >= deepest) {
      deepest = stack.size();
      stuck_op = op;
      deepest_tail.clear();
      for (size_t i = stack.size() > 3 ? stack.size() - 3 : 0; i < stack.size(); ++i) {
        deepest_tail.push_back(stack[i].op);
      }
    }
    if (stack.empty()) break;
    const Frame top = stack.back();
    stack.pop_back();
    state = top.state_before;
    bits[top.op / 64] &= ~(1ull << (top.op % 64));
    set_hash ^= zobrist[top.op];
    unlift(top.op);
    node = next[call_node[top.op]];
  }
  if (next[0] == end) return result;

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
  for (const auto& [key, key_ops] : by_key) {
    result.operations += key_ops.size();
    KeyResult r = check_key(key_ops, options.max_steps_per_key);
    result.steps += r.steps;
    if (r.gave_up) {
      result.verdict = CheckResult::Verdict::unknown;
      result.key = key;
      result.explanation = "gave up on key " + key + " after " + std::to_string(r.steps) + " search steps";
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
