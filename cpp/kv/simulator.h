// A seeded, single-threaded discrete-event simulator of a Maelstrom cluster.
//
// One priority queue of events ordered by (virtual time, sequence number)
// drives everything: message deliveries, node timer ticks, client operations
// and their timeouts, and the nemesis that injects faults. All randomness
// comes from one seed, split into streams (network, workload, nemesis, one
// per node), so the same options give byte-identical histories and traces.
//
// The workload follows Maelstrom's lin-kv test: a few keys, several clients,
// small random values, reads, writes and compare-and-sets (about 1:1:2), each
// client sending one request at a time to a random node and giving up after
// client_timeout (recorded as info; the client then continues as a new process).
//
// Faults come from the random nemesis, from a script of steps at given times
// (SimOptions::faults, fault_script.h), or both. Every reportable event also
// feeds a running FNV-1a hash (SimStats::event_hash), so two runs can be
// compared by one number.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "event_hash.h"
#include "fault_script.h"
#include "history.h"
#include "network.h"
#include "node.h"

namespace kv {

struct Nemesis {
  bool partition = false;  // majority/minority splits, an isolated node, one-way links
  bool crash = false;      // crash nodes and restart them (losing volatile state or not)
  bool drop = false;       // lose messages at random
  bool duplicate = false;  // deliver some messages twice
  bool reorder = false;    // add random delay so messages overtake each other
  bool any() const { return partition || crash || drop || duplicate || reorder; }
  // "partition,crash,drop,dup,reorder" or "all" or "none".
  static bool parse(const std::string& text, Nemesis& out, std::string& error);
  std::string describe() const;
};

struct SimOptions {
  std::string protocol = "raft";
  int nodes = 5;
  std::uint64_t seed = 1;
  int ops = 1000;         // client operations to invoke in total
  int clients = 0;        // concurrent clients; 0 = 2 per node
  int keys = 3;
  int max_value = 5;      // values are drawn from [0, max_value)
  Nemesis nemesis;
  Time nemesis_interval = 1 * kSecond;  // faults last this long, then this long healed, ...
  double heal_after = 0.7;             // share of the ops after which every fault heals for good
  double drop_rate = 0.2;
  double duplicate_rate = 0.2;
  Time reorder_delay = 50 * kMillisecond;
  Latency latency;
  Time client_timeout = 1 * kSecond;
  Time client_think = 10 * kMillisecond;  // mean pause between a client's operations
  Time tick_interval = 10 * kMillisecond;
  Time max_time = 3600 * kSecond;         // stop even if clients are still busy
  NodeConfig node;
  std::vector<FaultStep> faults;          // scripted faults, run at their times (with or without the nemesis)
};

// One thing that happened, for traces and the step-by-step visualisation.
// Every message gets an id when it is sent (a counter from 1); both copies of
// a duplicated message keep it, so its send, deliveries and drop match up.
struct SimEvent {
  enum class Kind { deliver, drop, invoke, complete, timeout, crash, restart, fault, heal, tick, send, pause, resume };
  Kind kind = Kind::tick;
  Time time = 0;
  const Message* message = nullptr;  // send, deliver, drop: the message; invoke, complete: the client's message
  const HistoryEvent* history = nullptr;  // invoke, complete, timeout
  int node = -1;                          // crash, restart, pause, resume, tick; drop: the node that was down
  std::string text;                       // drop reason, fault description
  std::uint64_t id = 0;   // the message's id (invoke: the request's, complete: the reply's); 0: none
  Time sent = -1;         // deliver, drop: when the message was sent
  Time arrive = -1;       // send: when its first copy arrives; -1: dropped at once
  const FaultStep* step = nullptr;  // the scripted step that caused this event, if one did
};
const char* sim_event_name(SimEvent::Kind kind);

struct SimStats {
  std::uint64_t delivered = 0;
  std::uint64_t dropped = 0;
  std::uint64_t duplicated = 0;
  std::uint64_t ticks = 0;
  int invoked = 0, ok = 0, fail = 0, info = 0;
  int ok_after_heal = 0;  // acknowledged operations invoked after the final heal
  Time heal_time = -1;    // when faults stopped (-1: no nemesis)
  Time end_time = 0;
  std::uint64_t events = 0;  // reportable events (every kind but tick)
  std::uint64_t event_hash = Fnv1a64::kOffsetBasis;  // FNV-1a over those events (see hash_event)
};

class Simulator {
 public:
  // Throws std::invalid_argument for options that make no sense (unknown protocol, no nodes...).
  explicit Simulator(const SimOptions& options);
  ~Simulator();

  // Processes the next event; false once the run is over.
  bool step();
  void run();
  // Processes every event up to virtual time `limit` (inclusive); the run may end earlier.
  void run_until(Time limit);
  bool done() const { return done_; }

  // Called for every event while set (slows the run a little).
  std::function<void(const SimEvent&)> observer;

  const History& history() const { return history_; }
  const SimStats& stats() const { return stats_; }
  const SimOptions& options() const { return options_; }
  Time now() const { return now_; }
  Node& node(int i) { return *nodes_[i]; }
  const Node& node(int i) const { return *nodes_[i]; }
  bool node_up(int i) const { return up_[i]; }
  bool node_paused(int i) const { return paused_[i]; }
  int node_count() const { return static_cast<int>(nodes_.size()); }
  const Network& network() const { return network_; }

  // Writes acknowledged by the cluster: (client name, msg_id) of each ok write or cas.
  struct Acknowledged {
    std::string client;
    std::int64_t msg_id;
    Time time;
  };
  const std::vector<Acknowledged>& acknowledged_writes() const { return acknowledged_; }

  // Direct fault control (the nemesis and the script use these; tests and the page may too).
  void crash(int node, bool lose_volatile_state);
  void restart(int node);
  // A paused node neither handles messages nor ticks; messages to it wait, in order, until resume.
  void pause(int node);
  void resume(int node);
  void heal_network();
  // The node whose summary says leader or primary with the highest term (ties: lowest index),
  // among the nodes that are up; -1 if none.
  int current_leader() const;
  Network& mutable_network() { return network_; }

 private:
  enum class EventKind : std::uint8_t { deliver, tick, client_invoke, client_timeout, nemesis, fault_step };
  struct Event {
    Time time;
    std::uint64_t seq;
    EventKind kind;
    std::int32_t target;   // node (deliver, tick) or client slot
    std::uint32_t slot;    // deliver: message slot; timeout: msg_id check
    std::int64_t token;
    bool operator>(const Event& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  struct Client {
    std::int64_t process = 0;
    std::string name;
    bool busy = false;
    std::int64_t next_msg_id = 1;
    std::int64_t pending_msg_id = 0;
    HistoryEvent pending;  // the invoke
  };

  // A message in the network: the id it got when sent, and when that was.
  struct InFlight {
    Message message;
    std::uint64_t id = 0;
    Time sent = 0;
  };

  void schedule(Time at, EventKind kind, std::int32_t target, std::uint32_t slot = 0, std::int64_t token = 0);
  std::uint32_t store_message(Message&& m, std::uint64_t id);
  void send_from_node(int from, std::vector<Message>& out);
  void send_message(int from, Message& m);
  void deliver(std::uint32_t slot, int target);
  void client_invoke(int slot);
  void client_receive(const InFlight& reply);
  void client_timeout(int slot, std::int64_t msg_id);
  void complete(Client& c, EventType type, const InFlight* reply, int error);
  void next_operation(int slot);
  void nemesis_step();
  void start_faults();
  void heal_all();
  void run_fault_step(const FaultStep& step);
  void apply_network_step(const FaultStep& step, int node);
  void drop_parked(int node);
  bool run_over() const;
  void end_run();
  // Every reportable event goes through emit: it is hashed, counted, and shown to the observer.
  void emit(SimEvent& event);
  void emit(SimEvent::Kind kind, const Message* m = nullptr, const HistoryEvent* h = nullptr, int node = -1,
            std::string text = {});
  void hash_event(const SimEvent& event);
  int node_index(const std::string& id) const;
  int client_slot(const std::string& id) const;

  SimOptions options_;
  Rng network_rng_, workload_rng_, nemesis_rng_;
  Network network_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<bool> up_;
  std::vector<std::string> node_ids_;
  std::vector<Client> clients_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue_;
  std::deque<InFlight> messages_;       // slots for messages in flight (a deque: references stay valid as it grows)
  std::vector<std::uint32_t> free_slots_;
  std::vector<Message> outbox_;         // reused buffer for a node's output
  History history_;
  std::vector<Acknowledged> acknowledged_;
  SimStats stats_;
  Time now_ = 0;
  std::uint64_t seq_ = 0;
  bool done_ = false;
  bool healed_for_good_ = false;
  bool faults_active_ = false;
  int heal_after_ops_ = 0;
  std::vector<bool> pending_loss_;  // crashed nodes that lose volatile state on restart
  std::vector<bool> paused_;
  std::vector<std::vector<std::uint32_t>> parked_;  // per paused node: message slots waiting, in arrival order
  int busy_ = 0;                    // clients waiting for an answer
  std::uint64_t last_message_id_ = 0;
  const FaultStep* current_step_ = nullptr;  // the step being run, attached to the events it causes
};

}  // namespace kv
