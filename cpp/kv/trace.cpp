#include "trace.h"

#include "codec.h"

namespace kv {

using nlohmann::json;

json history_event_json(const HistoryEvent& e) { return json::parse(to_json_line(e)); }

json sim_event_json(const SimEvent& e, const Simulator& sim) {
  json j = {{"time", e.time}, {"event", sim_event_name(e.kind)}};
  if (e.message) j["message"] = to_json(*e.message);
  if (e.history) j["op"] = history_event_json(*e.history);
  if (e.node >= 0 && e.node < sim.node_count()) j["node"] = sim.node(e.node).id();
  if (!e.text.empty()) j["text"] = e.text;
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
  return j;
}

json sim_stats_json(const SimStats& s) {
  return {{"delivered", s.delivered}, {"dropped", s.dropped}, {"duplicated", s.duplicated},
          {"ticks", s.ticks},         {"invoked", s.invoked}, {"ok", s.ok},
          {"fail", s.fail},           {"info", s.info},       {"ok_after_heal", s.ok_after_heal},
          {"heal_time", s.heal_time}, {"end_time", s.end_time}};
}

}  // namespace kv
