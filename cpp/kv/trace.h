// Simulator events as JSON, for --trace files and the step-by-step view in the page.
//
//   {"time": ns, "event": "send"|"deliver"|"drop"|..., "id": n?, "arrive": ns|null (send),
//    "sent": ns (deliver, drop), "message": {src, dest, body}?, "op": <history event>?,
//    "node": "n2"?, "text": "..."?, "step": <the fault step that caused it>?}
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "linearizability.h"
#include "simulator.h"

namespace kv {

nlohmann::json sim_event_json(const SimEvent& event, const Simulator& sim);
nlohmann::json history_event_json(const HistoryEvent& event);
nlohmann::json check_result_json(const CheckResult& result);
// Adds "events" and "event_hash" (16 hex digits) to the counters.
nlohmann::json sim_stats_json(const SimStats& stats);
std::string event_hash_hex(std::uint64_t hash);

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
// "replicas","r","w","nemesisIntervalMs","clientTimeoutMs",
// "faults": [fault steps, see fault_script.h]}.
bool sim_options_from_json(const nlohmann::json& json, SimOptions& out, std::string& error);

}  // namespace kv
