#include "trace.h"

#include <cstdio>

#include "codec.h"
#include "fault_script.h"

namespace kv {

using nlohmann::json;

json history_event_json(const HistoryEvent& e) { return json::parse(to_json_line(e)); }

json sim_event_json(const SimEvent& e, const Simulator& sim) {
  json j = {{"time", e.time}, {"event", sim_event_name(e.kind)}};
  if (e.id != 0) j["id"] = e.id;
  if (e.kind == SimEvent::Kind::send) j["arrive"] = e.arrive >= 0 ? json(e.arrive) : json(nullptr);
  if (e.sent >= 0) j["sent"] = e.sent;
  if (e.message) j["message"] = to_json(*e.message);
  if (e.history) j["op"] = history_event_json(*e.history);
  if (e.node >= 0 && e.node < sim.node_count()) j["node"] = sim.node(e.node).id();
  if (!e.text.empty()) j["text"] = e.text;
  if (e.step) j["step"] = fault_step_json(*e.step);
  return j;
}

json check_result_json(const CheckResult& r) {
  const char* verdict = r.verdict == CheckResult::Verdict::linearizable       ? "linearizable"
                        : r.verdict == CheckResult::Verdict::not_linearizable ? "not linearizable"
                                                                              : "unknown";
  json window = json::array();
  for (const Operation& op : r.window) {
    json o = {{"process", op.process},
              {"f", function_name(op.f)},
              {"key", op.key},
              {"outcome", event_type_name(op.outcome)},
              {"invoke", op.invoke},
              {"invoke_line", op.invoke_line},
              {"description", describe(op)}};
    if (op.f == Function::cas) o["value"] = {op.from, op.to};
    else o["value"] = op.value ? json(*op.value) : json(nullptr);
    if (op.outcome != EventType::info) {
      o["complete"] = op.complete;
      o["complete_line"] = op.complete_line;
    }
    if (op.error >= 0) o["error"] = op.error;
    window.push_back(std::move(o));
  }
  json j = {{"verdict", verdict},  {"linearizable", r.verdict == CheckResult::Verdict::linearizable},
            {"operations", r.operations}, {"keys", r.keys}, {"steps", r.steps}, {"window", std::move(window)}};
  if (!r.key.empty()) j["key"] = r.key;
  if (!r.explanation.empty()) j["explanation"] = r.explanation;
  if (!r.sentence.empty()) j["sentence"] = r.sentence;
  return j;
}

std::string event_hash_hex(std::uint64_t hash) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

json sim_stats_json(const SimStats& s) {
  return {{"delivered", s.delivered}, {"dropped", s.dropped}, {"duplicated", s.duplicated},
          {"ticks", s.ticks},         {"invoked", s.invoked}, {"ok", s.ok},
          {"fail", s.fail},           {"info", s.info},       {"ok_after_heal", s.ok_after_heal},
          {"heal_time", s.heal_time}, {"end_time", s.end_time}, {"events", s.events},
          {"event_hash", event_hash_hex(s.event_hash)}};
}

json node_summary_json(const Node& node) {
  const NodeSummary s = node.summary();
  json entries = json::array();
  for (const NodeSummary::Entry& e : s.entries) {
    entries.push_back({{"index", e.index}, {"term", e.term}, {"text", e.text}});
  }
  return {{"id", node.id()},   {"protocol", node.protocol()}, {"role", s.role},      {"term", s.term},
          {"commit", s.commit}, {"log", s.log},               {"leader", s.leader},  {"keys", json(s.keys)},
          {"entries", std::move(entries)}};
}

json node_states_json(const Simulator& sim) {
  json states = json::array();
  for (int i = 0; i < sim.node_count(); ++i) {
    json s = node_summary_json(sim.node(i));
    if (!sim.node_up(i)) s["role"] = "down";  // what it holds stays visible; it just answers nothing
    states.push_back(std::move(s));
  }
  return states;
}

}  // namespace kv

namespace kv {

bool sim_options_from_json(const json& j, SimOptions& out, std::string& error) {
  if (!j.is_object()) {
    error = "simulator options must be a JSON object";
    return false;
  }
  SimOptions o;
  auto integer = [&](const char* name, long long lo, long long hi, auto& field) {
    auto it = j.find(name);
    if (it == j.end()) return true;
    if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
      error = std::string("option '") + name + "' must be an integer from " + std::to_string(lo) + " to " +
              std::to_string(hi);
      return false;
    }
    field = static_cast<std::remove_reference_t<decltype(field)>>(it->get<long long>());
    return true;
  };
  long long seed = 1, nemesis_ms = 1000, timeout_ms = 1000;
  if (!integer("nodes", 1, 64, o.nodes) || !integer("ops", 0, 10'000'000, o.ops) ||
      !integer("clients", 0, 1000, o.clients) || !integer("keys", 1, 1000, o.keys) ||
      !integer("replicas", 1, 64, o.node.replicas) || !integer("r", 1, 64, o.node.read_quorum) ||
      !integer("w", 1, 64, o.node.write_quorum) || !integer("seed", 0, 1LL << 52, seed) ||
      !integer("nemesisIntervalMs", 10, 3'600'000, nemesis_ms) ||
      !integer("clientTimeoutMs", 10, 3'600'000, timeout_ms)) {
    return false;
  }
  o.seed = static_cast<std::uint64_t>(seed);
  o.nemesis_interval = nemesis_ms * kMillisecond;
  o.client_timeout = timeout_ms * kMillisecond;
  if (auto it = j.find("protocol"); it != j.end()) {
    if (!it->is_string()) {
      error = "option 'protocol' must be a string";
      return false;
    }
    o.protocol = it->get<std::string>();
  }
  if (auto it = j.find("nemesis"); it != j.end()) {
    if (!it->is_string() || !Nemesis::parse(it->get<std::string>(), o.nemesis, error)) {
      if (error.empty()) error = "option 'nemesis' must be a string like \"partition,crash\"";
      return false;
    }
  }
  if (auto it = j.find("latency"); it != j.end()) {
    if (!it->is_string() || !Latency::parse(it->get<std::string>(), o.latency, error)) {
      if (error.empty()) error = "option 'latency' must be a string like \"uniform:1ms:5ms\"";
      return false;
    }
  }
  // Node ids in the steps are checked against "nodes", read above.
  if (auto it = j.find("faults"); it != j.end() && !parse_fault_script(*it, o.nodes, o.faults, error)) return false;
  out = o;
  return true;
}

}  // namespace kv
