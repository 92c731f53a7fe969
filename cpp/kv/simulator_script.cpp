// The simulator running a scripted fault step (fault_script.h) when its time comes.
//
// Every step leaves at least one event, carrying the step: what it did (crash,
// restart, pause, resume, fault, heal), or a fault event saying why it did
// nothing (no leader, node already down, a live-only step). A step draws no
// random numbers itself, so the same seed and script give the same run.
#include "simulator.h"

namespace kv {

namespace {

std::string names(const std::vector<int>& nodes, const std::vector<std::string>& ids) {
  std::string s;
  for (int n : nodes) s += (s.empty() ? "" : " ") + ids[n];
  return "{" + s + "}";
}

std::string percent(double rate) { return std::to_string(static_cast<int>(rate * 100 + 0.5)) + "%"; }

}  // namespace

void Simulator::run_fault_step(const FaultStep& step) {
  current_step_ = &step;
  const std::string action = fault_action_name(step.action);
  int node = step.node;
  if (node == FaultStep::kLeader) node = current_leader();
  const std::string who = node >= 0 ? node_ids_[node] : "leader";
  if (step.node == FaultStep::kLeader && node < 0) {
    emit(SimEvent::Kind::fault, nullptr, nullptr, -1, action + " leader: there was no leader, nothing happened");
  } else {
    switch (step.action) {
      case FaultStep::Action::crash:
        if (!up_[node]) emit(SimEvent::Kind::fault, nullptr, nullptr, node, "crash " + who + ": it is already down");
        else crash(node, !step.keep);
        break;
      case FaultStep::Action::restart:
        if (up_[node]) emit(SimEvent::Kind::fault, nullptr, nullptr, node, "restart " + who + ": it is not down");
        else restart(node);
        break;
      case FaultStep::Action::pause:
        if (!up_[node] || paused_[node]) {
          emit(SimEvent::Kind::fault, nullptr, nullptr, node,
               "pause " + who + (up_[node] ? ": it is already paused" : ": it is down"));
        } else {
          pause(node);
        }
        break;
      case FaultStep::Action::resume:
        if (!paused_[node]) emit(SimEvent::Kind::fault, nullptr, nullptr, node, "resume " + who + ": it is not paused");
        else resume(node);
        break;
      case FaultStep::Action::trap:
        emit(SimEvent::Kind::fault, nullptr, nullptr, node,
             "trap " + who + ": only the live engine can trap a node's wasm; nothing happens in the simulator");
        break;
      default: apply_network_step(step, node); break;
    }
  }
  current_step_ = nullptr;
}

// isolate, partition, block, heal, set: they change the network only.
void Simulator::apply_network_step(const FaultStep& step, int node) {
  std::string text;
  switch (step.action) {
    case FaultStep::Action::isolate:
      network_.split({node});
      text = "isolate " + node_ids_[node] + ": cut from every other node";
      break;
    case FaultStep::Action::partition:
      for (size_t g = 0; g < step.groups.size(); ++g) {
        for (size_t h = g + 1; h < step.groups.size(); ++h) {
          for (int a : step.groups[g]) {
            for (int b : step.groups[h]) {
              network_.block(a, b);
              network_.block(b, a);
            }
          }
        }
        text += (text.empty() ? "partition " : " | ") + names(step.groups[g], node_ids_);
      }
      break;
    case FaultStep::Action::block:
      for (int a : step.from) {
        for (int b : step.to) {
          if (a != b) network_.block(a, b);
        }
      }
      text = "block: " + names(step.from, node_ids_) + " cannot send to " + names(step.to, node_ids_);
      break;
    case FaultStep::Action::heal:
      network_.unblock_all();
      emit(SimEvent::Kind::heal, nullptr, nullptr, -1, "heal: every partition and block removed");
      return;
    case FaultStep::Action::set:
      if (step.drop) network_.drop_rate = *step.drop;
      if (step.duplicate) network_.duplicate_rate = *step.duplicate;
      if (step.delay) network_.reorder_delay = *step.delay;
      text = "set: drop " + percent(network_.drop_rate) + ", duplicate " + percent(network_.duplicate_rate) +
             ", extra delay up to " + std::to_string(network_.reorder_delay / kMillisecond) + "ms";
      break;
    default: return;
  }
  emit(SimEvent::Kind::fault, nullptr, nullptr, -1, text);
}

}  // namespace kv
