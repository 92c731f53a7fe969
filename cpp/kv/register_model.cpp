#include "register_model.h"

namespace kv::search {

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

}  // namespace kv::search
