#include "fault_script.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace kv {

using nlohmann::json;

namespace {

constexpr FaultStep::Action kActions[] = {
    FaultStep::Action::crash,     FaultStep::Action::restart, FaultStep::Action::pause, FaultStep::Action::resume,
    FaultStep::Action::isolate,   FaultStep::Action::partition, FaultStep::Action::block, FaultStep::Action::heal,
    FaultStep::Action::set,       FaultStep::Action::trap};

bool acts_on_one_node(FaultStep::Action a) {
  using A = FaultStep::Action;
  return a == A::crash || a == A::restart || a == A::pause || a == A::resume || a == A::isolate || a == A::trap;
}

std::string node_name(int index) { return index == FaultStep::kLeader ? "leader" : "n" + std::to_string(index + 1); }

std::string cluster_names(int nodes) { return nodes == 1 ? "n1" : "n1..n" + std::to_string(nodes); }

// Reads one step's fields; names become indices. Ranges are checked afterwards
// by fault_step_problem, which also guards steps built in C++.
class StepReader {
 public:
  StepReader(const json& j, int nodes, std::string& error) : j_(j), nodes_(nodes), error_(error) {}

  bool read(FaultStep& step) {
    if (!j_.is_object()) return fail("a step must be an object like {\"at\": 1000, \"do\": \"crash\", \"node\": \"n1\"}");
    if (!read_at(step.at) || !read_action(step.action)) return false;
    if (acts_on_one_node(step.action) && !node(j_.find("node"), "node", true, step.node)) return false;
    if (auto it = j_.find("keep"); step.action == FaultStep::Action::crash && it != j_.end()) {
      if (!it->is_boolean()) return fail("'keep' must be true or false");
      step.keep = it->get<bool>();
    }
    if (step.action == FaultStep::Action::partition && !read_groups(step.groups)) return false;
    if (step.action == FaultStep::Action::block &&
        !(node_list(j_.find("from"), "from", step.from) && node_list(j_.find("to"), "to", step.to))) {
      return false;
    }
    if (step.action == FaultStep::Action::set && !read_rates(step)) return false;
    step.given = j_.dump();
    return true;
  }

 private:
  bool fail(const std::string& text) {
    error_ = text;
    return false;
  }

  bool read_at(Time& at) {
    auto it = j_.find("at");
    const double limit_ms = static_cast<double>(FaultStep::kLatest / kMillisecond);
    if (it == j_.end() || !it->is_number() || !(it->get<double>() >= 0) || it->get<double>() > limit_ms) {
      return fail("'at' must be a time in ms from 0 to " + std::to_string(FaultStep::kLatest / kMillisecond));
    }
    at = static_cast<Time>(std::llround(it->get<double>() * kMillisecond));
    return true;
  }

  bool read_action(FaultStep::Action& action) {
    auto it = j_.find("do");
    const std::string name = it != j_.end() && it->is_string() ? it->get<std::string>() : "";
    for (FaultStep::Action a : kActions) {
      if (name == fault_action_name(a)) {
        action = a;
        return true;
      }
    }
    std::string known;
    for (FaultStep::Action a : kActions) known += std::string(known.empty() ? "" : ", ") + fault_action_name(a);
    return fail((name.empty() ? std::string("missing 'do'") : "unknown 'do': '" + name + "'") + " (one of " + known + ")");
  }

  bool node(json::const_iterator it, const char* field, bool leader_allowed, int& out) {
    if (it == j_.end() || !it->is_string()) return fail(std::string("'") + field + "' must be a node id");
    return node_id(it->get<std::string>(), field, leader_allowed, out);
  }

  bool node_id(const std::string& id, const char* field, bool leader_allowed, int& out) {
    if (leader_allowed && id == "leader") {
      out = FaultStep::kLeader;
      return true;
    }
    int index = 0;
    bool digits = id.size() >= 2 && id.size() <= 4 && id[0] == 'n' && id[1] != '0';
    for (size_t k = 1; digits && k < id.size(); ++k) {
      digits = id[k] >= '0' && id[k] <= '9';
      index = index * 10 + (id[k] - '0');
    }
    if (!digits || index < 1 || index > nodes_) {
      return fail("unknown node '" + id + "' in '" + field + "' (the nodes are " + cluster_names(nodes_) +
                  (leader_allowed ? ", or 'leader')" : ")"));
    }
    out = index - 1;
    return true;
  }

  // A JSON array of node ids ("leader" is not allowed in lists).
  bool ids(const json& list, const char* field, std::vector<int>& out) {
    if (!list.is_array()) return fail(std::string("'") + field + "' must be a list of node ids");
    for (const json& e : list) {
      int index = 0;
      if (!e.is_string()) return fail(std::string("'") + field + "' must be a list of node ids");
      if (!node_id(e.get<std::string>(), field, false, index)) return false;
      out.push_back(index);
    }
    return true;
  }

  bool node_list(json::const_iterator it, const char* field, std::vector<int>& out) {
    if (it == j_.end()) return fail(std::string("'") + field + "' must be a list of node ids");
    return ids(*it, field, out);
  }

  bool read_groups(std::vector<std::vector<int>>& groups) {
    auto it = j_.find("groups");
    if (it == j_.end() || !it->is_array()) return fail("'groups' must be a list of lists of node ids");
    for (const json& group : *it) {
      std::vector<int> members;
      if (!ids(group, "groups", members)) return false;
      groups.push_back(std::move(members));
    }
    return true;
  }

  bool rate(const char* field, std::optional<double>& out) {
    auto it = j_.find(field);
    if (it == j_.end()) return true;
    if (!it->is_number()) return fail(std::string("'") + field + "' must be a number");
    out = it->get<double>();
    return true;
  }

  bool read_rates(FaultStep& step) {
    std::optional<double> delay_ms;
    if (!rate("drop", step.drop) || !rate("duplicate", step.duplicate) || !rate("delayMs", delay_ms)) return false;
    if (delay_ms) {
      // Checked here, in ms, so a huge number cannot overflow the conversion.
      if (!(*delay_ms >= 0 && *delay_ms <= static_cast<double>(FaultStep::kMaxDelay / kMillisecond))) {
        return fail("'delayMs' must be from 0 to " + std::to_string(FaultStep::kMaxDelay / kMillisecond));
      }
      step.delay = static_cast<Time>(std::llround(*delay_ms * kMillisecond));
    }
    return true;
  }

  const json& j_;
  int nodes_;
  std::string& error_;
};

bool valid_node(int index, int nodes) { return index >= 0 && index < nodes; }

std::string groups_problem(const std::vector<std::vector<int>>& groups, int nodes) {
  if (groups.size() < 2) return "a partition needs at least two groups";
  std::set<int> seen;
  for (const auto& group : groups) {
    if (group.empty()) return "a partition's groups must not be empty";
    for (int n : group) {
      if (!valid_node(n, nodes)) return "node " + node_name(n) + " is not in the cluster (" + cluster_names(nodes) + ")";
      if (!seen.insert(n).second) return "groups overlap: " + node_name(n) + " is in two groups";
    }
  }
  return "";
}

std::string rates_problem(const FaultStep& step) {
  if (!step.drop && !step.duplicate && !step.delay) return "'set' needs at least one of drop, duplicate, delayMs";
  for (const auto* rate : {&step.drop, &step.duplicate}) {
    if (*rate && !(**rate >= 0 && **rate <= 1)) {
      return std::string("'") + (rate == &step.drop ? "drop" : "duplicate") + "' must be a rate from 0 to 1";
    }
  }
  if (step.delay && (*step.delay < 0 || *step.delay > FaultStep::kMaxDelay)) {
    return "'delayMs' must be from 0 to " + std::to_string(FaultStep::kMaxDelay / kMillisecond);
  }
  return "";
}

}  // namespace

const char* fault_action_name(FaultStep::Action action) {
  switch (action) {
    case FaultStep::Action::crash: return "crash";
    case FaultStep::Action::restart: return "restart";
    case FaultStep::Action::pause: return "pause";
    case FaultStep::Action::resume: return "resume";
    case FaultStep::Action::isolate: return "isolate";
    case FaultStep::Action::partition: return "partition";
    case FaultStep::Action::block: return "block";
    case FaultStep::Action::heal: return "heal";
    case FaultStep::Action::set: return "set";
    case FaultStep::Action::trap: return "trap";
  }
  return "?";
}

std::string fault_step_problem(const FaultStep& step, int nodes) {
  if (step.at < 0 || step.at > FaultStep::kLatest) {
    return "'at' must be a time in ms from 0 to " + std::to_string(FaultStep::kLatest / kMillisecond);
  }
  if (acts_on_one_node(step.action) && step.node != FaultStep::kLeader && !valid_node(step.node, nodes)) {
    return "node " + node_name(step.node) + " is not in the cluster (" + cluster_names(nodes) + ")";
  }
  switch (step.action) {
    case FaultStep::Action::partition: return groups_problem(step.groups, nodes);
    case FaultStep::Action::block:
      if (step.from.empty() || step.to.empty()) return "'block' needs nodes in both 'from' and 'to'";
      for (const auto* side : {&step.from, &step.to}) {
        for (int n : *side) {
          if (!valid_node(n, nodes)) return "node " + node_name(n) + " is not in the cluster (" + cluster_names(nodes) + ")";
        }
      }
      return "";
    case FaultStep::Action::set: return rates_problem(step);
    default: return "";
  }
}

bool parse_fault_script(const json& steps, int nodes, std::vector<FaultStep>& out, std::string& error) {
  if (!steps.is_array()) {
    error = "faults must be a list of steps";
    return false;
  }
  std::vector<FaultStep> parsed;
  for (size_t i = 0; i < steps.size(); ++i) {
    FaultStep step;
    std::string problem;
    if (StepReader(steps[i], nodes, problem).read(step)) problem = fault_step_problem(step, nodes);
    if (!problem.empty()) {
      error = "faults[" + std::to_string(i) + "]: " + problem;
      return false;
    }
    parsed.push_back(std::move(step));
  }
  out = std::move(parsed);
  return true;
}

json fault_step_json(const FaultStep& step) {
  if (!step.given.empty()) return json::parse(step.given, nullptr, false);
  auto ms = [](Time t) { return t % kMillisecond == 0 ? json(t / kMillisecond) : json(static_cast<double>(t) / kMillisecond); };
  auto names = [](const std::vector<int>& list) {
    json a = json::array();
    for (int n : list) a.push_back(node_name(n));
    return a;
  };
  json j = {{"at", ms(step.at)}, {"do", fault_action_name(step.action)}};
  if (acts_on_one_node(step.action)) j["node"] = node_name(step.node);
  if (step.action == FaultStep::Action::crash) j["keep"] = step.keep;
  if (step.action == FaultStep::Action::partition) {
    j["groups"] = json::array();
    for (const auto& group : step.groups) j["groups"].push_back(names(group));
  }
  if (step.action == FaultStep::Action::block) {
    j["from"] = names(step.from);
    j["to"] = names(step.to);
  }
  if (step.drop) j["drop"] = *step.drop;
  if (step.duplicate) j["duplicate"] = *step.duplicate;
  if (step.delay) j["delayMs"] = ms(*step.delay);
  return j;
}

}  // namespace kv
