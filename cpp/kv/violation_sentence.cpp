#include "violation_sentence.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <optional>

#include "register_model.h"

namespace kv {

namespace {

// "412 ms", "398.5 ms": tenths of a millisecond since the first event. The
// times are the history's as given (any 64-bit value, as the fuzzer found),
// so the difference is taken in long double, where it cannot overflow.
std::string ms(Time t, Time origin) {
  const long double since = static_cast<long double>(t) - static_cast<long double>(origin);
  const long long tenths = std::llround(since / static_cast<long double>(kMillisecond / 10));
  std::string s = (tenths < 0 ? "-" : "") + std::to_string(std::llabs(tenths) / 10);
  if (tenths % 10 != 0) s += "." + std::to_string(std::llabs(tenths % 10));
  return s + " ms";
}

// "read k1 → 3", "read k1 → absent", "write k1 ← 4", "cas k1 1 → 2".
std::string phrase(const Operation& op) {
  switch (op.f) {
    case Function::read:
      return "read " + op.key + " → " +
             (op.outcome == EventType::ok && op.value ? std::to_string(*op.value) : std::string("absent"));
    case Function::write: return "write " + op.key + " ← " + std::to_string(op.value.value_or(0));
    case Function::cas: break;
  }
  return "cas " + op.key + " " + std::to_string(op.from) + " → " + std::to_string(op.to);
}

// How it ended: "acknowledged at 398 ms", "finished at 412 ms", ...
std::string ending(const Operation& op, Time origin) {
  if (op.outcome == EventType::info) return "invoked at " + ms(op.invoke, origin) + ", never answered";
  // A read that failed with 20 saw the key absent: it finished like any read.
  if (op.f == Function::read) return "finished at " + ms(op.complete, origin);
  if (op.outcome == EventType::fail) return "failed at " + ms(op.complete, origin);
  return "acknowledged at " + ms(op.complete, origin);
}

// The operation the sentence is about, with what it saw.
std::string subject(const Operation& op, Time origin) {
  const std::string at = ms(op.complete, origin);
  if (op.f == Function::cas && op.outcome == EventType::ok) return phrase(op) + " succeeded at " + at;
  if (op.f == Function::cas && op.outcome == EventType::fail) {
    return phrase(op) + " failed at " + at +
           (search::to_model(op).kind == search::ModelOp::Kind::read_equals
                ? " because " + op.key + " did not exist"
                : " because " + op.key + " did not hold " + std::to_string(op.from));
  }
  return phrase(op) + " " + ending(op, origin);
}

// The value an operation may have left in the register (a failed one left nothing).
std::optional<std::int64_t> written_value(const Operation& op) {
  if (op.outcome == EventType::fail || op.f == Function::read) return std::nullopt;
  return op.f == Function::write ? op.value.value_or(0) : op.to;
}

// The latest acknowledged write or cas W that finished before the stuck
// operation S began and left a value S cannot have seen (`contradicts`),
// such that no operation that could have written a value S can have seen
// (`explains`) may be ordered after W and before S: then W's value stood
// when S took effect, which proves S impossible. The two predicates are
// complements (or `explains` is always false), so W never explains itself.
std::optional<size_t> standing_write(const std::vector<Operation>& ops, size_t stuck,
                                     const std::function<bool(std::int64_t)>& contradicts,
                                     const std::function<bool(std::int64_t)>& explains) {
  const Operation& s = ops[stuck];
  // The latest completion of an operation that may have set an explaining
  // value before S took effect; a W invoked after it stands.
  Time latest_fix = std::numeric_limits<Time>::min();
  for (size_t x = 0; x < ops.size(); ++x) {
    const auto value = written_value(ops[x]);
    if (x != stuck && value && explains(*value) && ops[x].invoke <= s.complete) {
      latest_fix = std::max(latest_fix, ops[x].complete);
    }
  }
  std::optional<size_t> best;
  for (size_t w = 0; w < ops.size(); ++w) {
    const auto value = written_value(ops[w]);
    if (w == stuck || ops[w].outcome != EventType::ok || !value || ops[w].complete >= s.invoke) continue;
    if (!contradicts(*value) || ops[w].invoke <= latest_fix) continue;
    if (!best || ops[w].complete > ops[*best].complete) best = w;
  }
  return best;
}

std::string standing_write_sentence(const std::vector<Operation>& ops, size_t stuck, size_t w, Time origin,
                                    const std::string& because) {
  return subject(ops[stuck], origin) + ", but " + phrase(ops[w]) + " was acknowledged at " +
         ms(ops[w].complete, origin) + ", before the " + function_name(ops[stuck].f) + " began, and " + because;
}

// The stuck operation saw `v`, but nothing wrote v, or nothing wrote it in time.
std::string unwritten_value(const std::vector<Operation>& ops, size_t stuck, std::int64_t v, Time origin) {
  const Operation& s = ops[stuck];
  std::optional<size_t> first;
  for (size_t x = 0; x < ops.size(); ++x) {
    const auto value = written_value(ops[x]);
    if (x == stuck || !value || *value != v) continue;
    if (ops[x].invoke <= s.complete) return "";  // a write of v that could have come first
    if (!first || ops[x].invoke < ops[*first].invoke) first = x;
  }
  const std::string found = s.f == Function::cas ? ", so it cannot have found " + std::to_string(v) + " there" : "";
  if (!first) return subject(s, origin) + ", but no operation wrote " + std::to_string(v) + " to " + s.key + found;
  return subject(s, origin) + ", but nothing wrote " + std::to_string(v) + " to " + s.key +
         " before that: the first to write it, " + phrase(ops[*first]) + ", began at " +
         ms(ops[*first].invoke, origin) + found;
}

// No short proof: the operation and where the search left it.
std::string generic(const std::vector<Operation>& ops, const StuckSearch& where, Time origin) {
  const Operation& s = ops[where.stuck];
  std::string text = phrase(s) + ", invoked at " + ms(s.invoke, origin) + " and " + ending(s, origin);
  if (s.f == Function::cas && s.outcome == EventType::fail) {
    text += search::to_model(s).kind == search::ModelOp::Kind::read_equals
                ? " (" + s.key + " did not exist)"
                : " (" + s.key + " did not hold " + std::to_string(s.from) + ")";
  }
  text += ", fits no order of the operations on " + s.key;
  if (where.placed.empty()) return text + ", not even as the first one";
  text += ": the longest order the checker could build ends with ";
  for (size_t i = 0; i < where.placed.size(); ++i) {
    if (i > 0) text += i + 1 == where.placed.size() ? " and " : ", ";
    text += phrase(ops[where.placed[i]]) + " (" + ending(ops[where.placed[i]], origin) + ")";
  }
  return text + ", and it cannot follow " + (where.placed.size() == 1 ? "that" : "them");
}

// A sound proof that `ops[i]` cannot have returned what it did, or "".
std::string short_proof(const std::vector<Operation>& ops, size_t i, Time origin) {
  using Kind = search::ModelOp::Kind;
  const search::ModelOp m = search::to_model(ops[i]);
  const std::int64_t seen = m.a;
  std::optional<size_t> w;
  if (m.kind == Kind::read_equals && seen == search::kAbsent) {
    // Nothing deletes a key: after any acknowledged write it exists.
    w = standing_write(ops, i, [](std::int64_t) { return true; }, [](std::int64_t) { return false; });
    return w ? standing_write_sentence(ops, i, *w, origin, "no operation deletes a key") : "";
  }
  if (m.kind == Kind::read_equals || m.kind == Kind::cas) {
    std::string text = unwritten_value(ops, i, seen, origin);
    if (!text.empty()) return text;
    w = standing_write(ops, i, [&](std::int64_t x) { return x != seen; }, [&](std::int64_t x) { return x == seen; });
    return w ? standing_write_sentence(ops, i, *w, origin, "nothing wrote " + std::to_string(seen) + " after it") : "";
  }
  if (m.kind == Kind::cas_differs) {
    w = standing_write(ops, i, [&](std::int64_t x) { return x == seen; }, [&](std::int64_t x) { return x != seen; });
    return w ? standing_write_sentence(ops, i, *w, origin, "nothing wrote another value after it") : "";
  }
  return "";  // a write, or an indefinite operation: anything goes
}

}  // namespace

std::string violation_sentence(const std::vector<Operation>& ops, const StuckSearch& where, Time origin) {
  std::string text = short_proof(ops, where.stuck, origin);
  for (size_t i = 0; text.empty() && i < where.nearby.size(); ++i) {
    if (where.nearby[i] != where.stuck && ops[where.nearby[i]].outcome != EventType::info) {
      text = short_proof(ops, where.nearby[i], origin);
    }
  }
  return text.empty() ? generic(ops, where, origin) : text;
}

}  // namespace kv
