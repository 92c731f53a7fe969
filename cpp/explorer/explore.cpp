#include "explore.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace cdd::explorer {
namespace {

unsigned long long saturating_add(unsigned long long a, unsigned long long b) {
  return a > std::numeric_limits<unsigned long long>::max() - b ? std::numeric_limits<unsigned long long>::max() : a + b;
}

// What is known about the schedules from one state on: for each outcome
// (by id), how many schedules reach it and which thread the first of them
// runs next (-1 at a terminal state).
struct Reach {
  unsigned long long count;
  int first_thread;
};
using Summary = std::map<int, Reach>;

class Explorer {
 public:
  Explorer(const Program& p, size_t max_states) : p_(p), max_states_(max_states) {}

  Exploration run() {
    State start = initial_state(p_);
    Summary top = visit(start);
    Exploration e;
    e.states = memo_.size();
    e.truncated = truncated_;
    for (const auto& [id, reach] : top) {
      e.schedules = saturating_add(e.schedules, reach.count);
      e.outcomes.push_back({kinds_[static_cast<size_t>(id)], labels_[static_cast<size_t>(id)], reach.count,
                            example(start, id)});
    }
    std::stable_sort(e.outcomes.begin(), e.outcomes.end(), [](const OutcomeSummary& a, const OutcomeSummary& b) {
      return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });
    return e;
  }

 private:
  Summary visit(const State& s) {
    std::string key = state_key(s);
    auto found = memo_.find(key);
    if (found != memo_.end()) return found->second;
    // Count a state when its expansion starts (states still on the
    // recursion stack are not in memo_ yet), so the cap is a hard bound.
    if (expanded_ >= max_states_) {
      truncated_ = true;
      return {};
    }
    ++expanded_;
    Summary summary;
    bool any = false;
    for (int t = 0; t < static_cast<int>(p_.threads.size()); ++t) {
      if (!can_run(p_, s, t)) continue;
      any = true;
      for (const auto& [id, reach] : visit(next_state(p_, s, t))) {
        auto [it, inserted] = summary.emplace(id, Reach{0, t});
        it->second.count = saturating_add(it->second.count, reach.count);
      }
    }
    if (!any) {
      Outcome o = outcome(p_, s);
      summary[intern(o)] = Reach{1, -1};
    }
    memo_.emplace(std::move(key), summary);
    return summary;
  }

  int intern(const Outcome& o) {
    auto it = std::find(labels_.begin(), labels_.end(), o.label);
    if (it != labels_.end()) return static_cast<int>(it - labels_.begin());
    labels_.push_back(o.label);
    kinds_.push_back(o.kind);
    return static_cast<int>(labels_.size()) - 1;
  }

  // Follows the remembered first choices from `s` to the outcome `id`.
  std::vector<int> example(State s, int id) {
    std::vector<int> schedule;
    while (true) {
      auto it = memo_.find(state_key(s));
      if (it == memo_.end()) break;  // beyond the cap
      auto reach = it->second.find(id);
      if (reach == it->second.end() || reach->second.first_thread < 0) break;
      schedule.push_back(reach->second.first_thread);
      s = next_state(p_, s, reach->second.first_thread);
    }
    return schedule;
  }

  const Program& p_;
  size_t max_states_;
  size_t expanded_ = 0;
  bool truncated_ = false;
  std::unordered_map<std::string, Summary> memo_;
  std::vector<std::string> labels_;
  std::vector<OutcomeKind> kinds_;
};

}  // namespace

bool Exploration::deadlock_reachable() const {
  return std::any_of(outcomes.begin(), outcomes.end(),
                     [](const OutcomeSummary& o) { return o.kind == OutcomeKind::deadlock; });
}

const OutcomeSummary* Exploration::find(const std::string& label) const {
  for (const auto& o : outcomes)
    if (o.label == label) return &o;
  return nullptr;
}

Exploration explore_all(const Program& program, size_t max_states) {
  return Explorer(program, max_states).run();
}

}  // namespace cdd::explorer
