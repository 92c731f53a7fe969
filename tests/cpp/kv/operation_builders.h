// Hand-written operations for the checker's tests: W(rite), R(ead), C(as) on
// one key, with times in the test's own unit (ns, or ms for readable sentences).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "linearizability.h"

namespace kv {

struct OperationBuilders {
  std::string key = "k";
  Time unit = 1;

  Operation op(std::int64_t process, Function f, Time invoke, Time complete, EventType outcome) const {
    Operation o;
    o.process = process;
    o.f = f;
    o.key = key;
    o.invoke = invoke * unit;
    o.complete = outcome == EventType::info ? std::numeric_limits<Time>::max() : complete * unit;
    o.outcome = outcome;
    return o;
  }
  Operation W(std::int64_t p, std::int64_t v, Time a, Time b, EventType t = EventType::ok) const {
    Operation o = op(p, Function::write, a, b, t);
    o.value = v;
    return o;
  }
  // A read that returned v (ok), or that failed with 20 (absent) when v is nullopt and t is fail.
  Operation R(std::int64_t p, std::optional<std::int64_t> v, Time a, Time b, EventType t = EventType::ok) const {
    Operation o = op(p, Function::read, a, b, t);
    o.value = v;
    if (t == EventType::fail) o.error = 20;
    return o;
  }
  Operation C(std::int64_t p, std::int64_t from, std::int64_t to, Time a, Time b, EventType t = EventType::ok,
              int error = -1) const {
    Operation o = op(p, Function::cas, a, b, t);
    o.from = from;
    o.to = to;
    o.error = error;
    return o;
  }
};

}  // namespace kv
