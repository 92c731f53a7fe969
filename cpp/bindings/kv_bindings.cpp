// Embind bindings for the key-value engine (cpp/kv): the thin JavaScript
// face of the nodes, the simulator and the checker. All data crosses as JSON
// strings (like every binding here, see README.md), in the same shapes as the
// command-line tools write.
//
//   const kv = await createKv();
//   const node = new kv.KvNode('raft', '{}', 1);
//   node.handle('{"src":"c0","dest":"n1","body":{"type":"init",...}}', 0)
//       -> '{"messages":[...],"error":null}'
//   const sim = new kv.KvSimulator('{"protocol":"raft","nodes":5,"seed":42,"ops":200,"nemesis":"all"}');
//   while (!sim.done()) events = JSON.parse(sim.step());   // what happened, for the cluster view
//   JSON.parse(sim.stepUntil(2e9));                         // or everything up to a virtual time (ns)
//   JSON.parse(sim.stats()).event_hash;                     // the run's fingerprint (16 hex digits)
//   JSON.parse(sim.check());                              // checker verdict for its history
//   JSON.parse(kv.checkHistory(jsonlText));               // any history
//   JSON.parse(node.state()), JSON.parse(sim.nodeStates()) // node summaries for the cluster view
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codec.h"
#include "history_generator.h"
#include "linearizability.h"
#include "node_factory.h"
#include "simulator.h"
#include "trace.h"

using nlohmann::json;

namespace {

std::string messages_result(const std::vector<kv::Message>& out, const json& error = nullptr) {
  json messages = json::array();
  for (const kv::Message& m : out) messages.push_back(kv::to_json(m));
  return json{{"messages", std::move(messages)}, {"error", error}}.dump();
}

// One node, driven by JavaScript: a message or a tick in, messages out.
class KvNode {
 public:
  KvNode(const std::string& protocol, const std::string& config_json, double seed) {
    kv::NodeConfig config;
    json j = json::parse(config_json.empty() ? "{}" : config_json, nullptr, false);
    if (j.is_object()) {
      auto read = [&](const char* name, int& field) {
        auto it = j.find(name);
        if (it != j.end() && it->is_number_integer() && it->get<int>() >= 1 && it->get<int>() <= 64) {
          field = it->get<int>();
        }
      };
      read("replicas", config.replicas);
      read("r", config.read_quorum);
      read("w", config.write_quorum);
    }
    node_ = kv::make_node(protocol, config, static_cast<std::uint64_t>(seed));
    if (!node_) error_ = "unknown protocol '" + protocol + "'";
  }
  std::string error() const { return error_; }
  std::string handle(const std::string& message_json, double time_ns) {
    std::vector<kv::Message> out;
    if (!node_) return messages_result(out, error_);
    kv::Decoded d = kv::decode(message_json);
    if (!d.message) {
      if (d.reply) out.push_back(*d.reply);
      return messages_result(out, json{{"code", d.error_code}, {"text", d.error_text}});
    }
    node_->handle(*d.message, static_cast<kv::Time>(time_ns), out);
    return messages_result(out);
  }
  // Several messages at once (a JSON array), all at `time_ns`: the messages
  // every one of them caused, in order, as handle() gives them, and the errors
  // of the ones that could not be read (each with its index). One call and
  // one parse per batch instead of per message: the live engine's node
  // workers take the router's batches this way.
  std::string handleAll(const std::string& messages_json, double time_ns) {
    std::vector<kv::Message> out;
    json errors = json::array();
    json batch = json::parse(messages_json, nullptr, false);
    if (!batch.is_array()) return messages_result(out, json{{"code", 12}, {"text", "a batch is a JSON array of messages"}});
    for (size_t i = 0; i < batch.size(); ++i) {
      kv::Decoded d = kv::decode_json(batch[i]);
      if (!d.message) {
        if (d.reply) out.push_back(*d.reply);
        errors.push_back({{"index", i}, {"code", d.error_code}, {"text", d.error_text}});
      } else if (node_) {
        node_->handle(*d.message, static_cast<kv::Time>(time_ns), out);
      }
    }
    if (!node_) return messages_result(out, error_);
    return messages_result(out, errors.empty() ? json(nullptr) : json{{"code", 12}, {"text", "unreadable messages"}, {"messages", errors}});
  }
  std::string tick(double time_ns) {
    std::vector<kv::Message> out;
    if (node_) node_->tick(static_cast<kv::Time>(time_ns), out);
    return messages_result(out);
  }
  void crash(double time_ns) {
    if (node_) node_->crash_and_restart(static_cast<kv::Time>(time_ns));
  }
  std::string protocol() const { return node_ ? node_->protocol() : ""; }
  std::string id() const { return node_ ? node_->id() : ""; }
  // The node's summary for the cluster view (role, term, commit, log, leader, keys, entries).
  std::string state() const { return node_ ? kv::node_summary_json(*node_).dump() : json{{"error", error_}}.dump(); }
  // The page's "trap" fault: the node's wasm really traps ("unreachable"),
  // so learners see a worker die the way a native process crashes, not a
  // polite crash() that resets state. The worker cannot go on after it.
  [[noreturn]] void trap() { __builtin_trap(); }

 private:
  std::unique_ptr<kv::Node> node_;
  std::string error_;
};

// The simulator, steppable event by event.
class KvSimulator {
 public:
  explicit KvSimulator(const std::string& options_json) {
    kv::SimOptions options;
    json j = json::parse(options_json.empty() ? "{}" : options_json, nullptr, false);
    if (j.is_discarded()) {
      error_ = "simulator options are not valid JSON";
      return;
    }
    if (!kv::sim_options_from_json(j, options, error_)) return;
    // Constructing checks the options; report problems instead of aborting.
    if (options.protocol.empty() || !kv::make_node(options.protocol, options.node, 0)) {
      error_ = "unknown protocol '" + options.protocol + "'";
      return;
    }
    try {
      sim_ = std::make_unique<kv::Simulator>(options);
    } catch (const std::exception& e) {
      error_ = e.what();
      return;
    }
    sim_->observer = [this](const kv::SimEvent& e) {
      if (e.kind == kv::SimEvent::Kind::tick && !include_ticks_) return;
      pending_.push_back(kv::sim_event_json(e, *sim_));
    };
  }
  std::string error() const { return error_; }
  void setIncludeTicks(bool on) { include_ticks_ = on; }
  bool done() const { return !sim_ || sim_->done(); }
  double now() const { return sim_ ? static_cast<double>(sim_->now()) : 0; }

  // Processes queue events until something reportable happened (or the run
  // ended); returns the events as a JSON array.
  std::string step() {
    pending_ = json::array();
    while (sim_ && pending_.empty() && sim_->step()) {
    }
    return pending_.dump();
  }
  // Processes every event up to virtual time `timeNs` (inclusive) and returns
  // them as a JSON array; the run may end earlier (then done() is true).
  std::string stepUntil(double time_ns) {
    pending_ = json::array();
    // NaN and negative times run nothing; huge ones (Infinity) run to the end, without overflow.
    if (sim_ && time_ns >= 0) sim_->run_until(time_ns >= 9e18 ? INT64_MAX : static_cast<kv::Time>(time_ns));
    return pending_.dump();
  }
  // Runs up to a virtual time without reporting events (the event hash is
  // still kept), much faster than stepUntil: how the page goes back in a
  // replay (re-run silently from the start to just before where it goes).
  // Returns how many reportable events the run has had so far.
  double skipUntil(double time_ns) {
    if (!sim_) return 0;
    if (time_ns >= 0) {
      auto observer = std::move(sim_->observer);
      sim_->observer = nullptr;
      sim_->run_until(time_ns >= 9e18 ? INT64_MAX : static_cast<kv::Time>(time_ns));
      sim_->observer = std::move(observer);
    }
    return static_cast<double>(sim_->stats().events);
  }
  // Runs to the end without reporting events (the event hash is still kept); returns the stats.
  std::string run() {
    if (!sim_) return json{{"error", error_}}.dump();
    auto observer = std::move(sim_->observer);
    sim_->observer = nullptr;
    sim_->run();
    sim_->observer = std::move(observer);
    return stats();
  }
  std::string stats() const { return sim_ ? kv::sim_stats_json(sim_->stats()).dump() : "{}"; }
  std::string history() const { return sim_ ? kv::to_jsonl(sim_->history()) : ""; }
  // Every node's summary, a crashed one with role "down".
  std::string nodeStates() const { return sim_ ? kv::node_states_json(*sim_).dump() : "[]"; }
  std::string check() const {
    if (!sim_) return json{{"error", error_}}.dump();
    return kv::check_result_json(kv::check_history(sim_->history())).dump();
  }

 private:
  std::unique_ptr<kv::Simulator> sim_;
  std::string error_;
  bool include_ticks_ = false;
  json pending_ = json::array();
};

// Checks a JSON Lines history; {"error": "line N: ..."} when it is malformed.
std::string check_history(const std::string& jsonl) {
  kv::History history;
  kv::HistoryError error;
  std::vector<kv::Operation> ops;
  if (!kv::parse_history(jsonl, history, error) || !kv::pair_operations(history, ops, error)) {
    return json{{"error", "line " + std::to_string(error.line) + ": " + error.message}, {"line", error.line}}.dump();
  }
  return kv::check_result_json(kv::check_operations(ops)).dump();
}

// A linearizable history made to order (for demonstrations and benchmarks).
std::string generate_history(int ops, double seed) {
  kv::GeneratorOptions g;
  g.ops = ops < 0 ? 0 : ops > 1'000'000 ? 1'000'000 : ops;
  g.seed = static_cast<std::uint64_t>(seed);
  return kv::to_jsonl(kv::generate_linearizable_history(g));
}

std::string protocols() { return json(kv::protocol_names()).dump(); }

}  // namespace

EMSCRIPTEN_BINDINGS(kv_module) {
  emscripten::class_<KvNode>("KvNode")
      .constructor<const std::string&, const std::string&, double>()
      .function("error", &KvNode::error)
      .function("handle", &KvNode::handle)
      .function("handleAll", &KvNode::handleAll)
      .function("tick", &KvNode::tick)
      .function("crash", &KvNode::crash)
      .function("protocol", &KvNode::protocol)
      .function("id", &KvNode::id)
      .function("state", &KvNode::state)
      .function("trap", &KvNode::trap);
  emscripten::class_<KvSimulator>("KvSimulator")
      .constructor<const std::string&>()
      .function("error", &KvSimulator::error)
      .function("setIncludeTicks", &KvSimulator::setIncludeTicks)
      .function("done", &KvSimulator::done)
      .function("now", &KvSimulator::now)
      .function("step", &KvSimulator::step)
      .function("stepUntil", &KvSimulator::stepUntil)
      .function("skipUntil", &KvSimulator::skipUntil)
      .function("run", &KvSimulator::run)
      .function("stats", &KvSimulator::stats)
      .function("history", &KvSimulator::history)
      .function("nodeStates", &KvSimulator::nodeStates)
      .function("check", &KvSimulator::check);
  emscripten::function("checkHistory", &check_history);
  emscripten::function("generateHistory", &generate_history);
  emscripten::function("protocols", &protocols);
}
