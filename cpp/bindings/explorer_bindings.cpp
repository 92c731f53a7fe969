// Embind bindings for the interleaving explorer (cpp/explorer). Data crosses
// as JSON strings, like every binding here (see README.md); the shapes are
// cpp/explorer/explorer_json.h's.
//
//   const s = new Module.ExplorerSession(JSON.stringify({shared: {x: 0},
//       threads: [{name: 'A', lines: ['r = x', 'x = r + 1']}, ...]}));
//   s.ok() / s.error()                     did the program parse?
//   JSON.parse(s.state()), s.step(t), s.undo(), s.reset(), JSON.parse(s.program())   Step mode
//   JSON.parse(s.exploreAll(maxStates))    every schedule, grouped by outcome
//
// Nothing here decides anything the C++ model does not.
#include <emscripten/bind.h>

#include <algorithm>
#include <optional>
#include <string>

#include "explore.h"
#include "explorer_json.h"
#include "machine.h"
#include "program.h"

namespace ex = cdd::explorer;

namespace {

class ExplorerSession {
 public:
  explicit ExplorerSession(const std::string& spec_json) {
    ex::ProgramSpec parsed;
    error_ = ex::spec_from_json_text(spec_json, parsed);
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

  std::string program() const {
    return ex::to_text(machine_ ? ex::program_json(machine_->program()) : ex::Json{{"threads", ex::Json::array()}});
  }
  std::string state() const { return ex::to_text(machine_ ? ex::state_json(*machine_) : ex::Json::object()); }

  std::string step(int thread) { return machine_ ? machine_->step(thread) : error_; }
  bool undo() { return machine_ && machine_->undo(); }
  void reset() {
    if (machine_) machine_->reset();
  }

  std::string explore_all(int max_states) const {
    if (!machine_) return ex::to_text(ex::Json::object());
    const size_t cap = static_cast<size_t>(std::clamp(max_states, 1, 200000));
    return ex::to_text(ex::exploration_json(ex::explore_all(machine_->program(), cap)));
  }

 private:
  std::string error_;
  std::optional<ex::Machine> machine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(explorer) {
  emscripten::class_<ExplorerSession>("ExplorerSession")
      .constructor<const std::string&>()
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
