#include <cdd/mp/outcome.h>

namespace cdd::mp {

const char* failure_name(Failure failure) {
  switch (failure) {
    case Failure::none: return "ok";
    case Failure::error: return "error";
    case Failure::aborted: return "aborted";
    case Failure::crashed: return "crashed";
    case Failure::out_of_memory: return "out of memory";
    case Failure::timeout: return "timeout";
    case Failure::exited: return "exited";
    case Failure::unknown_task: return "unknown task";
    case Failure::unavailable: return "unavailable";
  }
  return "?";
}

std::string Outcome::describe() const {
  std::string text = failure_name(failure);
  if (!message.empty()) text += ": " + message;
  return text;
}

}  // namespace cdd::mp
