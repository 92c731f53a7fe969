#include "history_generator.h"

#include <algorithm>
#include <unordered_map>

#include "random.h"

namespace kv {

History generate_linearizable_history(const GeneratorOptions& o) {
  Rng rng(o.seed);
  struct Planned {
    HistoryEvent invoke;
    HistoryEvent done;
    Time point;
    bool applied;  // info operations: did it take effect?
  };
  std::vector<Planned> planned;
  planned.reserve(o.ops);
  // Each process runs its operations one after another with random gaps and durations.
  std::vector<Time> free_at(std::max(1, o.processes), 0);
  std::vector<std::int64_t> process_id(free_at.size());
  for (size_t p = 0; p < free_at.size(); ++p) process_id[p] = static_cast<std::int64_t>(p);
  for (int i = 0; i < o.ops; ++i) {
    const size_t p = static_cast<size_t>(rng.uniform(0, static_cast<std::int64_t>(free_at.size())));
    Planned op;
    HistoryEvent& e = op.invoke;
    e.process = process_id[p];
    e.type = EventType::invoke;
    e.key = "k" + std::to_string(rng.uniform(0, o.keys));
    const std::int64_t pick = rng.uniform(0, 4);
    e.f = pick == 0 ? Function::read : pick == 1 ? Function::write : Function::cas;
    if (e.f == Function::write) e.value = rng.uniform(0, o.max_value);
    if (e.f == Function::cas) {
      e.from = rng.uniform(0, o.max_value);
      e.to = rng.uniform(0, o.max_value);
    }
    e.time = free_at[p] + rng.uniform(0, 2000);
    op.point = e.time + rng.uniform(1, 1000);
    op.done = e;
    op.done.time = op.point + rng.uniform(1, 1000);
    op.applied = true;
    if (rng.chance(o.info_rate)) {
      op.done.type = EventType::info;
      op.applied = rng.chance(0.5);
      process_id[p] += static_cast<std::int64_t>(free_at.size());  // the process is retired
    }
    free_at[p] = op.done.time + 1;
    planned.push_back(std::move(op));
  }
  // Apply in linearization order to find each result.
  std::vector<size_t> order(planned.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return planned[a].point < planned[b].point; });
  std::unordered_map<std::string, std::int64_t> state;
  for (size_t i : order) {
    Planned& op = planned[i];
    const bool info = op.done.type == EventType::info;
    if (info && !op.applied) continue;
    auto it = state.find(op.invoke.key);
    const bool present = it != state.end();
    switch (op.invoke.f) {
      case Function::read:
        if (!info) {
          if (present) {
            op.done.type = EventType::ok;
            op.done.value = it->second;
          } else {
            op.done.type = EventType::fail;
            op.done.error = 20;
          }
        }
        break;
      case Function::write:
        state[op.invoke.key] = *op.invoke.value;
        if (!info) op.done.type = EventType::ok;
        break;
      case Function::cas:
        if (present && it->second == op.invoke.from) {
          it->second = op.invoke.to;
          if (!info) op.done.type = EventType::ok;
        } else if (!info) {
          op.done.type = EventType::fail;
          op.done.error = present ? 22 : 20;
        }
        break;
    }
  }
  // Emit every event in time order (invokes first at equal times).
  History h;
  h.reserve(planned.size() * 2);
  for (const Planned& op : planned) {
    h.push_back(op.invoke);
    h.push_back(op.done);
  }
  std::stable_sort(h.begin(), h.end(), [](const HistoryEvent& a, const HistoryEvent& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.type == EventType::invoke && b.type != EventType::invoke;
  });
  return h;
}

}  // namespace kv
