// The checker's sequential model: one compare-and-set register, on a compact
// state (the value, or kAbsent for "no such key"). Each operation is turned
// once into a ModelOp, what it requires of the state and what it does to it,
// so the search (key_search.h) steps through plain integers.
#pragma once

#include <cstdint>
#include <limits>

#include "linearizability.h"

namespace kv::search {

constexpr std::int64_t kAbsent = std::numeric_limits<std::int64_t>::min();

struct ModelOp {
  enum class Kind : std::uint8_t {
    read_equals,  // a read (or a cas failed with 20): the state must be `a`
    write,        // sets the state to `a`
    cas,          // the state must be `a`; sets it to `b`
    cas_maybe,    // indefinite cas: from `a` to `b` if it matches, else no effect
    cas_differs,  // a cas failed with 22: the state must not be `a`
  } kind;
  std::int64_t a = 0;  // read_equals: expected; write: value; cas*: from
  std::int64_t b = 0;  // cas: to
};

// True for an operation that tells nothing about the register (an info read,
// a failed write, a failure with a code other than 20 or 22): the checker drops it.
bool observes_nothing(const Operation& op);

ModelOp to_model(const Operation& op);

// Applies `op` to `state`; false if `op` could not have returned what it did from it.
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

}  // namespace kv::search
