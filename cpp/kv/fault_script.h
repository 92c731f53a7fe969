// Scripted faults: steps the simulator runs at given times, the same steps
// the page's cluster widget offers (web/src/widgets/cluster/README.md,
// "Fault steps"), e.g. {"at": 1500, "do": "crash", "node": "leader"}.
//
// A step names nodes by index here; "leader" is kept as kLeader and resolved
// only when the step runs, because who leads changes during the run. This
// file parses and validates steps; the simulator executes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "message.h"

namespace kv {

struct FaultStep {
  enum class Action : std::uint8_t { crash, restart, pause, resume, isolate, partition, block, heal, set, trap };
  static constexpr int kLeader = -2;  // node "leader"
  static constexpr Time kLatest = 3600 * kSecond;
  static constexpr Time kMaxDelay = 1000 * kMillisecond;

  Time at = 0;  // since the run started
  Action action = Action::heal;
  int node = -1;     // crash, restart, pause, resume, isolate, trap: a node index or kLeader
  bool keep = false;  // crash: the node keeps its volatile state (restart resumes where it stopped)
  std::vector<std::vector<int>> groups;  // partition: links between groups blocked both ways
  std::vector<int> from, to;             // block: from cannot reach to
  std::optional<double> drop, duplicate;  // set: network rates in [0, 1]
  std::optional<Time> delay;              // set: extra delay per message, uniform in [0, delay)
  std::string given;  // the step as written (compact JSON) when parsed; "" when built in C++
};

const char* fault_action_name(FaultStep::Action action);

// Why the step cannot run in a cluster of `nodes` nodes; "" when it can.
std::string fault_step_problem(const FaultStep& step, int nodes);

// A JSON array of steps; node ids n1..n<nodes> or "leader". On failure `error`
// names the step ("faults[2]: unknown node 'n9' ...") and `out` is unchanged.
bool parse_fault_script(const nlohmann::json& steps, int nodes, std::vector<FaultStep>& out, std::string& error);

// The step as JSON for events: as given, or written out when built in C++.
nlohmann::json fault_step_json(const FaultStep& step);

}  // namespace kv
