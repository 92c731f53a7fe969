// Simulator events as JSON, for --trace files and the step-by-step view in the page.
//
//   {"time": ns, "event": "deliver"|"drop"|..., "message": {src, dest, body}?,
//    "op": <history event>?, "node": "n2"?, "text": "..."?}
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "linearizability.h"
#include "simulator.h"

namespace kv {

nlohmann::json sim_event_json(const SimEvent& event, const Simulator& sim);
nlohmann::json history_event_json(const HistoryEvent& event);
nlohmann::json check_result_json(const CheckResult& result);
nlohmann::json sim_stats_json(const SimStats& stats);

// A node's summary (Node::summary()) as the cluster view reads it:
// {id, protocol, role, term, commit, log, leader, keys: {key: value}, entries: [{index, term, text}]}.
nlohmann::json node_summary_json(const Node& node);
// Every node's summary, in node order; a crashed node's role is "down".
nlohmann::json node_states_json(const Simulator& sim);

}  // namespace kv

namespace kv {

// Simulator options from JSON (the page's and the bindings' format); every
// field is optional: {"protocol","nodes","seed","ops","clients","keys",
// "nemesis": "partition,crash", "latency": "uniform:1ms:5ms",
// "replicas","r","w","nemesisIntervalMs","clientTimeoutMs"}.
bool sim_options_from_json(const nlohmann::json& json, SimOptions& out, std::string& error);

}  // namespace kv
