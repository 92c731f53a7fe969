#include "simulator.h"

#include <algorithm>
#include <stdexcept>

#include "node_factory.h"

namespace kv {

const char* sim_event_name(SimEvent::Kind kind) {
  switch (kind) {
    case SimEvent::Kind::deliver: return "deliver";
    case SimEvent::Kind::drop: return "drop";
    case SimEvent::Kind::invoke: return "invoke";
    case SimEvent::Kind::complete: return "complete";
    case SimEvent::Kind::timeout: return "timeout";
    case SimEvent::Kind::crash: return "crash";
    case SimEvent::Kind::restart: return "restart";
    case SimEvent::Kind::fault: return "fault";
    case SimEvent::Kind::heal: return "heal";
    case SimEvent::Kind::tick: return "tick";
    case SimEvent::Kind::send: return "send";
    case SimEvent::Kind::pause: return "pause";
    case SimEvent::Kind::resume: return "resume";
  }
  return "?";
}

bool Nemesis::parse(const std::string& text, Nemesis& out, std::string& error) {
  Nemesis n;
  if (text == "all") {
    n.partition = n.crash = n.drop = n.duplicate = n.reorder = true;
  } else if (text != "none" && !text.empty()) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (name == "partition") n.partition = true;
      else if (name == "crash") n.crash = true;
      else if (name == "drop") n.drop = true;
      else if (name == "dup" || name == "duplicate") n.duplicate = true;
      else if (name == "reorder") n.reorder = true;
      else {
        error = "unknown nemesis '" + name + "' (choose from partition, crash, drop, dup, reorder, all, none)";
        return false;
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  out = n;
  return true;
}

std::string Nemesis::describe() const {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ',';
    s += name;
  };
  add(partition, "partition");
  add(crash, "crash");
  add(drop, "drop");
  add(duplicate, "dup");
  add(reorder, "reorder");
  return s.empty() ? "none" : s;
}

Simulator::Simulator(const SimOptions& options) : options_(options) {
  if (options_.nodes < 1 || options_.nodes > 64) throw std::invalid_argument("nodes must be between 1 and 64");
  if (options_.ops < 0 || options_.ops > 10'000'000) throw std::invalid_argument("ops must be between 0 and 10000000");
  if (options_.clients == 0) options_.clients = 2 * options_.nodes;
  if (options_.clients < 1 || options_.clients > 1000) throw std::invalid_argument("clients must be between 1 and 1000");
  if (options_.keys < 1 || options_.keys > 1000) throw std::invalid_argument("keys must be between 1 and 1000");
  if (options_.max_value < 1) throw std::invalid_argument("max_value must be at least 1");
  if (options_.tick_interval <= 0) throw std::invalid_argument("tick interval must be positive");
  if (options_.client_timeout <= 0) throw std::invalid_argument("client timeout must be positive");

  // Independent random streams, all derived from the one seed.
  Rng master(options_.seed);
  network_rng_.reseed(master.fork());
  workload_rng_.reseed(master.fork());
  nemesis_rng_.reseed(master.fork());

  const int n = options_.nodes;
  network_.reset(n);
  network_.latency = options_.latency;
  up_.assign(n, true);
  pending_loss_.assign(n, false);
  paused_.assign(n, false);
  parked_.assign(n, {});
  for (int i = 0; i < n; ++i) node_ids_.push_back("n" + std::to_string(i + 1));
  for (int i = 0; i < n; ++i) {
    auto node = make_node(options_.protocol, options_.node, master.fork());
    if (!node) throw std::invalid_argument("unknown protocol '" + options_.protocol + "'");
    // Maelstrom's handshake, delivered directly before the run starts.
    Message init;
    init.src = "c0";
    init.dest = node_ids_[i];
    init.body.type = MsgType::init;
    init.body.msg_id = 0;
    init.body.node_id = node_ids_[i];
    init.body.node_ids = node_ids_;
    outbox_.clear();
    node->handle(init, 0, outbox_);
    nodes_.push_back(std::move(node));
    // Stagger the ticks so nodes do not all wake at the same instant.
    schedule(options_.tick_interval * (i + 1) / (n + 1), EventKind::tick, i);
  }
  for (int c = 0; c < options_.clients; ++c) {
    Client client;
    client.process = c;
    client.name = "c" + std::to_string(c + 1);
    clients_.push_back(std::move(client));
    next_operation(c);
  }
  heal_after_ops_ = static_cast<int>(options_.ops * options_.heal_after);
  if (options_.nemesis.any()) schedule(options_.nemesis_interval, EventKind::nemesis, 0);
  // Steps at the same time run in script order (the queue breaks ties by sequence number).
  for (size_t i = 0; i < options_.faults.size(); ++i) {
    const std::string problem = fault_step_problem(options_.faults[i], n);
    if (!problem.empty()) throw std::invalid_argument("faults[" + std::to_string(i) + "]: " + problem);
    schedule(options_.faults[i].at, EventKind::fault_step, static_cast<std::int32_t>(i));
  }
}

Simulator::~Simulator() = default;

void Simulator::schedule(Time at, EventKind kind, std::int32_t target, std::uint32_t slot, std::int64_t token) {
  queue_.push(Event{at, seq_++, kind, target, slot, token});
}

std::uint32_t Simulator::store_message(Message&& m, std::uint64_t id) {
  if (!free_slots_.empty()) {
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    InFlight& f = messages_[slot];
    f.message = std::move(m);
    f.id = id;
    f.sent = now_;
    return slot;
  }
  messages_.push_back(InFlight{std::move(m), id, now_});
  return static_cast<std::uint32_t>(messages_.size() - 1);
}

int Simulator::node_index(const std::string& id) const {
  if (id.size() < 2 || id[0] != 'n') return -1;
  int i = 0;
  for (size_t k = 1; k < id.size(); ++k) {
    if (id[k] < '0' || id[k] > '9' || i > 1000) return -1;
    i = i * 10 + (id[k] - '0');
  }
  return (i >= 1 && i <= node_count()) ? i - 1 : -1;
}

int Simulator::client_slot(const std::string& id) const {
  if (id.size() < 2 || id[0] != 'c') return -1;
  std::int64_t p = 0;
  for (size_t k = 1; k < id.size(); ++k) {
    if (id[k] < '0' || id[k] > '9' || p > (std::int64_t(1) << 40)) return -1;
    p = p * 10 + (id[k] - '0');
  }
  const std::int64_t process = p - 1;
  if (process < 0) return -1;
  const int slot = static_cast<int>(process % options_.clients);
  return clients_[slot].process == process ? slot : -1;
}

void Simulator::emit(SimEvent& e) {
  e.time = now_;
  e.step = current_step_;
  if (e.kind != SimEvent::Kind::tick) hash_event(e);
  if (observer) observer(e);
}

void Simulator::emit(SimEvent::Kind kind, const Message* m, const HistoryEvent* h, int node, std::string text) {
  SimEvent e;
  e.kind = kind;
  e.message = m;
  e.history = h;
  e.node = node;
  e.text = std::move(text);
  emit(e);
}

// Everything that decides what a run did, nothing derived from it (texts, JSON):
// a few words per event, the same natively and in WebAssembly.
void Simulator::hash_event(const SimEvent& e) {
  Fnv1a64 h(stats_.event_hash);
  const Message* m = e.message;
  h.word(static_cast<std::uint64_t>(e.kind) | static_cast<std::uint64_t>(e.node + 1) << 8 |
         (m ? static_cast<std::uint64_t>(m->body.type) + 1 : 0) << 40);
  h.word(static_cast<std::uint64_t>(e.time));
  h.word(e.id);
  if (m) {
    h.word(m->body.msg_id ? static_cast<std::uint64_t>(*m->body.msg_id) : ~std::uint64_t{0});
    h.text(m->src);
    h.text(m->dest);
  }
  if (const HistoryEvent* op = e.history) {
    h.word(static_cast<std::uint64_t>(op->process));
    h.word(static_cast<std::uint64_t>(op->type) | static_cast<std::uint64_t>(op->f) << 8 |
           static_cast<std::uint64_t>(op->value.has_value()) << 16);
    if (op->value) h.word(static_cast<std::uint64_t>(*op->value));
    if (op->f == Function::cas) {
      h.word(static_cast<std::uint64_t>(op->from));
      h.word(static_cast<std::uint64_t>(op->to));
    }
  }
  stats_.event_hash = h.value();
  ++stats_.events;
}

bool Simulator::run_over() const { return stats_.invoked >= options_.ops && busy_ == 0; }

void Simulator::end_run() {
  done_ = true;
  stats_.end_time = now_;
}

bool Simulator::step() {
  if (done_) return false;
  if (queue_.empty() || run_over()) {
    end_run();
    return false;
  }
  const Event e = queue_.top();
  queue_.pop();
  if (e.time > options_.max_time) {
    end_run();
    return false;
  }
  now_ = e.time;
  switch (e.kind) {
    case EventKind::deliver: deliver(e.slot, e.target); break;
    case EventKind::tick:
      if (up_[e.target] && !paused_[e.target]) {
        ++stats_.ticks;
        if (observer) emit(SimEvent::Kind::tick, nullptr, nullptr, e.target);
        outbox_.clear();
        nodes_[e.target]->tick(now_, outbox_);
        send_from_node(e.target, outbox_);
      }
      schedule(now_ + options_.tick_interval, EventKind::tick, e.target);
      break;
    case EventKind::client_invoke: client_invoke(e.target); break;
    case EventKind::client_timeout: client_timeout(e.target, e.token); break;
    case EventKind::nemesis: nemesis_step(); break;
    case EventKind::fault_step: run_fault_step(options_.faults[e.target]); break;
  }
  return true;
}

void Simulator::run() {
  while (step()) {
  }
}

void Simulator::run_until(Time limit) {
  // step() also notices the end of the run, which may come before `limit`.
  while (!done_ && (queue_.empty() || run_over() || queue_.top().time <= limit)) step();
}

void Simulator::send_from_node(int from, std::vector<Message>& out) {
  for (Message& m : out) send_message(from, m);
  out.clear();
}

// Gives the message its id, reports its sending, and schedules its copies (or reports it dropped at once).
void Simulator::send_message(int from, Message& m) {
  SimEvent sent;
  sent.kind = SimEvent::Kind::send;
  sent.message = &m;
  sent.id = ++last_message_id_;
  const char* dropped_because = nullptr;
  const int to = node_index(m.dest);
  if (to >= 0) {
    Time delays[2];
    bool by_partition = false;
    const int copies = network_.route(from, to, network_rng_, delays, by_partition);
    if (copies == 0) {
      dropped_because = by_partition ? "partition" : "loss";
    } else {
      sent.arrive = now_ + (copies == 2 ? std::min(delays[0], delays[1]) : delays[0]);
      emit(sent);
      if (copies == 2) {
        ++stats_.duplicated;
        schedule(now_ + delays[1], EventKind::deliver, to, store_message(Message(m), sent.id));
      }
      schedule(now_ + delays[0], EventKind::deliver, to, store_message(std::move(m), sent.id));
      return;
    }
  } else if (is_client_id(m.dest)) {
    // Replies to clients; target -1 marks a client destination. Late replies
    // to a retired process are still delivered (and ignored).
    sent.arrive = now_ + network_.client_delay(network_rng_);
    emit(sent);
    schedule(sent.arrive, EventKind::deliver, -1, store_message(std::move(m), sent.id));
    return;
  } else {
    dropped_because = "unknown destination";
  }
  emit(sent);
  ++stats_.dropped;
  SimEvent drop;
  drop.kind = SimEvent::Kind::drop;
  drop.message = &m;
  drop.id = sent.id;
  drop.sent = now_;
  drop.text = dropped_because;
  emit(drop);
}

void Simulator::deliver(std::uint32_t slot, int target) {
  // The message is read in place; its slot is reused only after the handler ran.
  const InFlight& f = messages_[slot];
  if (target >= 0 && up_[target] && paused_[target]) {
    parked_[target].push_back(slot);  // waits for resume, keeping its slot
    return;
  }
  SimEvent e;
  e.message = &f.message;
  e.id = f.id;
  e.sent = f.sent;
  if (target < 0) {
    ++stats_.delivered;
    e.kind = SimEvent::Kind::deliver;
    emit(e);
    client_receive(f);
  } else if (!up_[target]) {
    ++stats_.dropped;
    e.kind = SimEvent::Kind::drop;
    e.node = target;
    e.text = "node down";
    emit(e);
  } else {
    ++stats_.delivered;
    e.kind = SimEvent::Kind::deliver;
    emit(e);
    outbox_.clear();
    nodes_[target]->handle(f.message, now_, outbox_);
    send_from_node(target, outbox_);
  }
  free_slots_.push_back(slot);
}

void Simulator::next_operation(int slot) {
  const Time think = static_cast<Time>(workload_rng_.exponential(static_cast<double>(options_.client_think)));
  schedule(now_ + think, EventKind::client_invoke, slot);
}

void Simulator::client_invoke(int slot) {
  Client& c = clients_[slot];
  if (c.busy || stats_.invoked >= options_.ops) return;
  HistoryEvent h;
  h.process = c.process;
  h.type = EventType::invoke;
  h.key = "k" + std::to_string(workload_rng_.uniform(0, options_.keys));
  const std::int64_t pick = workload_rng_.uniform(0, 4);  // read : write : cas = 1 : 1 : 2
  Message m;
  m.src = c.name;
  m.dest = node_ids_[workload_rng_.uniform(0, node_count())];
  m.body.msg_id = c.next_msg_id++;
  m.body.key = h.key;
  if (pick == 0) {
    h.f = Function::read;
    m.body.type = MsgType::read;
  } else if (pick == 1) {
    h.f = Function::write;
    h.value = workload_rng_.uniform(0, options_.max_value);
    m.body.type = MsgType::write;
    m.body.value = h.value;
  } else {
    h.f = Function::cas;
    h.from = workload_rng_.uniform(0, options_.max_value);
    h.to = workload_rng_.uniform(0, options_.max_value);
    m.body.type = MsgType::cas;
    m.body.from = h.from;
    m.body.to = h.to;
  }
  h.time = now_;
  c.busy = true;
  ++busy_;
  c.pending = h;
  c.pending_msg_id = *m.body.msg_id;
  history_.push_back(h);
  ++stats_.invoked;
  // The request: invoked, then sent (client links only have latency, so it always arrives).
  SimEvent invoke;
  invoke.kind = SimEvent::Kind::invoke;
  invoke.message = &m;
  invoke.history = &history_.back();
  invoke.id = ++last_message_id_;
  emit(invoke);
  SimEvent sent;
  sent.kind = SimEvent::Kind::send;
  sent.message = &m;
  sent.id = invoke.id;
  sent.arrive = now_ + network_.client_delay(network_rng_);
  emit(sent);
  // The last stretch of the run is fault-free: does the system recover?
  if (options_.nemesis.any() && !healed_for_good_ && stats_.invoked >= heal_after_ops_) {
    healed_for_good_ = true;
    heal_all();
    stats_.heal_time = now_;
  }
  const int to = node_index(m.dest);
  schedule(sent.arrive, EventKind::deliver, to, store_message(std::move(m), sent.id));
  schedule(now_ + options_.client_timeout, EventKind::client_timeout, slot, 0, c.pending_msg_id);
}

void Simulator::client_receive(const InFlight& reply) {
  const Message& m = reply.message;
  const int slot = client_slot(m.dest);
  if (slot < 0) return;
  Client& c = clients_[slot];
  if (!c.busy || !m.body.in_reply_to || *m.body.in_reply_to != c.pending_msg_id) return;
  switch (m.body.type) {
    case MsgType::read_ok:
    case MsgType::write_ok:
    case MsgType::cas_ok: complete(c, EventType::ok, &reply, -1); break;
    case MsgType::error: {
      const bool indefinite = m.body.code == code::timeout || m.body.code == code::crash;
      complete(c, indefinite ? EventType::info : EventType::fail, &reply, m.body.code);
      break;
    }
    default: break;  // not an answer to a client request
  }
  if (!c.busy) next_operation(slot);
}

void Simulator::client_timeout(int slot, std::int64_t msg_id) {
  Client& c = clients_[slot];
  if (!c.busy || c.pending_msg_id != msg_id) return;
  complete(c, EventType::info, nullptr, -1);
  next_operation(slot);
}

void Simulator::complete(Client& c, EventType type, const InFlight* reply, int error) {
  HistoryEvent h = c.pending;
  h.type = type;
  h.time = now_;
  if (h.f == Function::read) h.value = (type == EventType::ok && reply) ? reply->message.body.value : std::nullopt;
  if (type == EventType::fail) h.error = error;
  history_.push_back(h);
  c.busy = false;
  --busy_;
  switch (type) {
    case EventType::ok:
      ++stats_.ok;
      if (h.f != Function::read) acknowledged_.push_back({c.name, c.pending_msg_id, now_});
      if (stats_.heal_time >= 0 && c.pending.time >= stats_.heal_time) ++stats_.ok_after_heal;
      break;
    case EventType::fail: ++stats_.fail; break;
    default: ++stats_.info; break;
  }
  SimEvent done;
  done.kind = type == EventType::info && !reply ? SimEvent::Kind::timeout : SimEvent::Kind::complete;
  done.message = reply ? &reply->message : nullptr;
  done.history = &history_.back();
  done.id = reply ? reply->id : 0;
  emit(done);
  if (type == EventType::info) {
    // A process with an operation in limbo cannot go on; a fresh one takes its place.
    c.process += options_.clients;
    c.name = "c" + std::to_string(c.process + 1);
  }
}

void Simulator::crash(int node, bool lose_volatile_state) {
  if (!up_[node]) return;
  up_[node] = false;
  pending_loss_[node] = lose_volatile_state;
  emit(SimEvent::Kind::crash, nullptr, nullptr, node, lose_volatile_state ? "loses volatile state" : "keeps volatile state");
  // A crash ends a pause: what waited for the node is lost with it.
  paused_[node] = false;
  drop_parked(node);
}

void Simulator::restart(int node) {
  if (up_[node]) return;
  up_[node] = true;
  if (pending_loss_[node]) nodes_[node]->crash_and_restart(now_);
  pending_loss_[node] = false;
  emit(SimEvent::Kind::restart, nullptr, nullptr, node);
}

void Simulator::pause(int node) {
  if (!up_[node] || paused_[node]) return;
  paused_[node] = true;
  emit(SimEvent::Kind::pause, nullptr, nullptr, node);
}

void Simulator::resume(int node) {
  if (!paused_[node]) return;
  paused_[node] = false;
  emit(SimEvent::Kind::resume, nullptr, nullptr, node);
  // Delivered now, in the order they arrived (same time: the queue keeps scheduling order).
  for (std::uint32_t slot : parked_[node]) schedule(now_, EventKind::deliver, node, slot);
  parked_[node].clear();
}

void Simulator::drop_parked(int node) {
  for (std::uint32_t slot : parked_[node]) {
    const InFlight& f = messages_[slot];
    ++stats_.dropped;
    SimEvent e;
    e.kind = SimEvent::Kind::drop;
    e.message = &f.message;
    e.id = f.id;
    e.sent = f.sent;
    e.node = node;
    e.text = "node down";
    emit(e);
    free_slots_.push_back(slot);
  }
  parked_[node].clear();
}

int Simulator::current_leader() const {
  int best = -1;
  std::int64_t best_term = 0;
  for (int i = 0; i < node_count(); ++i) {
    if (!up_[i]) continue;
    const NodeSummary s = nodes_[i]->summary();
    if (s.role != "leader" && s.role != "primary") continue;
    if (best < 0 || s.term > best_term) {
      best = i;
      best_term = s.term;
    }
  }
  return best;
}

void Simulator::heal_network() {
  network_.unblock_all();
  network_.drop_rate = 0;
  network_.duplicate_rate = 0;
  network_.reorder_delay = 0;
}

void Simulator::heal_all() {
  heal_network();
  for (int n = 0; n < node_count(); ++n) restart(n);
  faults_active_ = false;
  emit(SimEvent::Kind::heal);
}

void Simulator::nemesis_step() {
  if (healed_for_good_) return;
  if (faults_active_) {
    heal_all();
  } else {
    start_faults();
    faults_active_ = true;
  }
  schedule(now_ + options_.nemesis_interval, EventKind::nemesis, 0);
}

void Simulator::start_faults() {
  const Nemesis& nem = options_.nemesis;
  const int n = node_count();
  // Each enabled fault joins this round with probability 1/2; at least one does.
  std::vector<int> enabled;
  if (nem.partition) enabled.push_back(0);
  if (nem.crash) enabled.push_back(1);
  if (nem.drop) enabled.push_back(2);
  if (nem.duplicate) enabled.push_back(3);
  if (nem.reorder) enabled.push_back(4);
  std::vector<int> chosen;
  for (int f : enabled) {
    if (nemesis_rng_.chance(0.5)) chosen.push_back(f);
  }
  if (chosen.empty()) chosen.push_back(enabled[nemesis_rng_.uniform(0, static_cast<std::int64_t>(enabled.size()))]);

  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[nemesis_rng_.uniform(0, i + 1)]);
  auto names = [&](std::vector<int>::const_iterator a, std::vector<int>::const_iterator b) {
    std::string s;
    for (auto it = a; it != b; ++it) s += (s.empty() ? "" : " ") + node_ids_[*it];
    return s;
  };

  std::string text;
  for (int f : chosen) {
    if (!text.empty()) text += "; ";
    switch (f) {
      case 0: {
        if (n < 2) {
          text += "no partition (one node)";
          break;
        }
        const std::int64_t mode = nemesis_rng_.uniform(0, 3);
        if (mode == 0) {
          const int minority = std::max(1, (n - 1) / 2);
          network_.split(std::vector<int>(order.begin(), order.begin() + minority));
          text += "partition: minority {" + names(order.begin(), order.begin() + minority) + "} | majority {" +
                  names(order.begin() + minority, order.end()) + "}";
        } else if (mode == 1) {
          network_.split({order[0]});
          text += "partition: " + node_ids_[order[0]] + " isolated";
        } else {
          const int half = n / 2;
          for (int a = 0; a < half; ++a) {
            for (int b = half; b < n; ++b) network_.block(order[a], order[b]);
          }
          text += "one-way partition: {" + names(order.begin(), order.begin() + half) + "} cannot send to {" +
                  names(order.begin() + half, order.end()) + "}";
        }
        break;
      }
      case 1: {
        const int most = std::max(1, (n - 1) / 2);
        const int count = static_cast<int>(nemesis_rng_.uniform(1, most + 1));
        text += "crash";
        for (int i = 0; i < count; ++i) {
          const bool lose = nemesis_rng_.chance(0.75);
          crash(order[i], lose);
          text += " " + node_ids_[order[i]] + (lose ? " (state lost)" : " (state kept)");
        }
        break;
      }
      case 2:
        network_.drop_rate = options_.drop_rate;
        text += "drop " + std::to_string(static_cast<int>(options_.drop_rate * 100)) + "%";
        break;
      case 3:
        network_.duplicate_rate = options_.duplicate_rate;
        text += "duplicate " + std::to_string(static_cast<int>(options_.duplicate_rate * 100)) + "%";
        break;
      case 4:
        network_.reorder_delay = options_.reorder_delay;
        text += "reorder (extra delay up to " + std::to_string(options_.reorder_delay / kMillisecond) + "ms)";
        break;
    }
  }
  emit(SimEvent::Kind::fault, nullptr, nullptr, -1, text);
}

}  // namespace kv
