#include "key_search.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "explored_configurations.h"
#include "random.h"

namespace kv::search {

// ---------------------------------------------------------------------------
// Preparing the operations.

namespace {

// Indefinite operations have no deadline, so the search may try them after
// every definite call that is open at the same point: move their calls to
// the end of each run of calls. The set of operations the search may pick at
// any point is unchanged; it just tries the ones that must happen first.
std::vector<Event> defer_indefinite_calls(const std::vector<Event>& events, const std::vector<Operation>& ops) {
  std::vector<Event> reordered, deferred;
  reordered.reserve(events.size());
  for (const Event& e : events) {
    if (!e.is_return && ops[e.op].outcome == EventType::info) {
      deferred.push_back(e);
      continue;
    }
    if (e.is_return) {
      reordered.insert(reordered.end(), deferred.begin(), deferred.end());
      deferred.clear();
    }
    reordered.push_back(e);
  }
  reordered.insert(reordered.end(), deferred.begin(), deferred.end());
  return reordered;
}

}  // namespace

std::vector<Event> ordered_events(const std::vector<Operation>& ops) {
  std::vector<Event> events;
  events.reserve(2 * ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    events.push_back({ops[i].invoke, false, static_cast<std::uint32_t>(i)});
    events.push_back({ops[i].complete, true, static_cast<std::uint32_t>(i)});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : (!a.is_return && b.is_return);
  });
  return defer_indefinite_calls(events, ops);
}

std::vector<std::int64_t> previous_twins(const std::vector<Operation>& ops, const std::vector<ModelOp>& model) {
  const size_t n = ops.size();
  std::vector<std::int64_t> previous_twin(n, -1);
  std::map<std::tuple<int, std::int64_t, std::int64_t>, size_t> last;  // what it does -> latest such op
  std::vector<size_t> by_invoke(n);
  for (size_t i = 0; i < n; ++i) by_invoke[i] = i;
  std::stable_sort(by_invoke.begin(), by_invoke.end(),
                   [&](size_t a, size_t b) { return ops[a].invoke < ops[b].invoke; });
  for (size_t i : by_invoke) {
    if (ops[i].outcome != EventType::info) continue;
    const auto key = std::make_tuple(static_cast<int>(model[i].kind), model[i].a, model[i].b);
    auto it = last.find(key);
    if (it != last.end()) previous_twin[i] = static_cast<std::int64_t>(it->second);
    last[key] = i;
  }
  return previous_twin;
}

// ---------------------------------------------------------------------------
// The events not yet explained.

EventList::EventList(const std::vector<Event>& events, size_t ops)
    : next_(events.size() + 2), prev_(events.size() + 2), call_node_(ops), return_node_(ops),
      op_of_(events.size() + 2, 0), is_return_(events.size() + 2, false),
      end_(static_cast<std::uint32_t>(events.size() + 1)) {
  for (size_t i = 0; i < events.size(); ++i) {
    const std::uint32_t node = static_cast<std::uint32_t>(i + 1);
    op_of_[node] = events[i].op;
    is_return_[node] = events[i].is_return;
    (events[i].is_return ? return_node_ : call_node_)[events[i].op] = node;
  }
  for (std::uint32_t i = 0; i < end_; ++i) {
    next_[i] = i + 1;
    prev_[i + 1] = i;
  }
}

void EventList::lift(std::uint32_t op) {
  for (std::uint32_t node : {call_node_[op], return_node_[op]}) {
    next_[prev_[node]] = next_[node];
    prev_[next_[node]] = prev_[node];
  }
}

void EventList::unlift(std::uint32_t op) {
  for (std::uint32_t node : {return_node_[op], call_node_[op]}) {
    next_[prev_[node]] = node;
    prev_[next_[node]] = node;
  }
}

// ---------------------------------------------------------------------------
// The operations linearized so far.

LinearizedSet::LinearizedSet(const std::vector<bool>& is_info)
    : is_info_(is_info), zobrist_(is_info.size()), bits_((is_info.size() + 63) / 64, 0) {
  Rng rng(0x9e3779b97f4a7c15ull);
  for (auto& z : zobrist_) z = rng.next();
}

LinearizedSet::Mark LinearizedSet::add(std::uint32_t op) {
  const Mark before{prefix_, high_};
  bits_[op / 64] |= 1ull << (op % 64);
  if (is_info_[op]) {
    info_hash_ ^= zobrist_[op];
    info_used_.insert(std::lower_bound(info_used_.begin(), info_used_.end(), op), op);
  } else {
    definite_hash_ ^= zobrist_[op];
    high_ = std::max<std::int64_t>(high_, op);
    while (prefix_ < is_info_.size() && (is_info_[prefix_] || contains(prefix_))) ++prefix_;
  }
  return before;
}

void LinearizedSet::remove(std::uint32_t op, const Mark& before) {
  bits_[op / 64] &= ~(1ull << (op % 64));
  prefix_ = before.prefix;
  high_ = before.high;
  if (is_info_[op]) {
    info_hash_ ^= zobrist_[op];
    info_used_.erase(std::lower_bound(info_used_.begin(), info_used_.end(), op));
  } else {
    definite_hash_ ^= zobrist_[op];
  }
}

const std::vector<std::uint32_t>& LinearizedSet::definite_above() {
  definite_above_.clear();
  for (std::int64_t i = prefix_; i <= high_; ++i) {
    if (!is_info_[i] && contains(static_cast<size_t>(i))) definite_above_.push_back(static_cast<std::uint32_t>(i));
  }
  return definite_above_;
}

// ---------------------------------------------------------------------------
// The violation window.

std::vector<size_t> violation_window(const std::vector<Operation>& ops, const std::vector<std::uint32_t>& tail,
                                     std::uint32_t stuck_op) {
  std::vector<size_t> window(tail.begin(), tail.end());
  window.push_back(stuck_op);
  const Operation& stuck = ops[stuck_op];
  for (size_t i = 0; i < ops.size() && window.size() < kMaxWindow; ++i) {
    if (std::find(window.begin(), window.end(), i) != window.end()) continue;
    if (ops[i].invoke <= stuck.complete && ops[i].complete >= stuck.invoke) window.push_back(i);
  }
  std::sort(window.begin(), window.end(), [&](size_t a, size_t b) { return ops[a].invoke < ops[b].invoke; });
  return window;
}

// ---------------------------------------------------------------------------
// The search: Wing & Gong's, with Lowe's refinements (see linearizability.h).
// It walks the event list from the front, linearizes a call the model
// explains and starts again from the front; at a return it could not explain
// it backtracks to the last real choice and tries the next call there.

namespace {

class Search {
 public:
  explicit Search(const std::vector<Operation>& ops);
  KeyResult run(const Budget& budget);

 private:
  struct Frame {  // one linearized operation, and how to undo it
    std::uint32_t op;
    std::int64_t state_before;
    LinearizedSet::Mark before;
    bool forced;  // an observer placed without alternatives (see find_fitting_observer)
  };

  bool try_linearize(std::uint32_t op, bool forced);
  std::uint32_t backtrack();
  std::int64_t find_fitting_observer() const;
  bool better_left_for_later(std::uint32_t op) const;
  void note_stuck(std::uint32_t op);
  KeyResult refuted(KeyResult result) const;

  const std::vector<Operation>& ops_;
  std::vector<ModelOp> model_;
  std::vector<bool> is_info_;
  std::vector<std::int64_t> previous_twin_;
  EventList events_;
  LinearizedSet linearized_;
  ExploredConfigurations explored_;
  std::vector<Frame> stack_;
  std::int64_t state_ = kAbsent;
  // The deepest point where a return could not be explained, for the window.
  size_t deepest_ = 0;
  std::uint32_t stuck_op_ = 0;
  std::vector<std::uint32_t> deepest_tail_;  // the last few operations linearized there
};

std::vector<ModelOp> models_of(const std::vector<Operation>& ops) {
  std::vector<ModelOp> model(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) model[i] = to_model(ops[i]);
  return model;
}

std::vector<bool> indefinite_ones(const std::vector<Operation>& ops) {
  std::vector<bool> is_info(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) is_info[i] = ops[i].outcome == EventType::info;
  return is_info;
}

Search::Search(const std::vector<Operation>& ops)
    : ops_(ops), model_(models_of(ops)), is_info_(indefinite_ones(ops)), previous_twin_(previous_twins(ops, model_)),
      events_(ordered_events(ops), ops.size()), linearized_(is_info_) {
  stack_.reserve(ops.size());
}

KeyResult Search::run(const Budget& budget) {
  KeyResult result;
  std::uint32_t node = events_.first();
  bool fresh = true;  // a configuration seen for the first time
  while (!events_.empty()) {
    ++result.steps;
    if (budget.exhausted(result.steps, explored_.size())) {
      result.gave_up = true;
      return result;
    }
    if (fresh) {
      fresh = false;
      const std::int64_t observer = find_fitting_observer();
      if (observer >= 0) {
        if (try_linearize(static_cast<std::uint32_t>(observer), /*forced=*/true)) {
          fresh = true;
          node = events_.first();
          continue;
        }
        // Where it leads was explored already, without success: so is this.
        node = backtrack();
        if (node == 0) return refuted(result);
        continue;
      }
    }
    // Cannot happen in a consistent list, but never loop off the end.
    if (node == events_.end()) node = events_.first();
    const std::uint32_t op = events_.op(node);
    if (!events_.is_return(node)) {
      if (is_info_[op] && better_left_for_later(op)) {
        node = events_.next(node);
      } else if (try_linearize(op, /*forced=*/false)) {
        fresh = true;
        node = events_.first();
      } else {
        node = events_.next(node);
      }
      continue;
    }
    // Only indefinite operations are left (their "returns" sort last): they
    // may simply never have happened. Done.
    if (is_info_[op]) break;
    // A return: its operation had to be linearized by now and was not. Backtrack.
    note_stuck(op);
    node = backtrack();
    if (node == 0) return refuted(result);
  }
  return result;
}

// Linearizes `op` here if the model allows it and the resulting configuration
// is new; `forced` marks a step that needs no alternatives.
bool Search::try_linearize(std::uint32_t op, bool forced) {
  std::int64_t new_state = state_;
  if (!step(new_state, model_[op])) return false;
  const LinearizedSet::Mark before = linearized_.add(op);
  if (!explored_.insert(linearized_.definite_hash(), linearized_.info_hash(), new_state, linearized_.prefix(),
                        linearized_.definite_above(), linearized_.info_used())) {
    linearized_.remove(op, before);  // explored already (or something better was): undo
    return false;
  }
  stack_.push_back({op, state_, before, forced});
  state_ = new_state;
  events_.lift(op);
  return true;
}

// Undoes linearizations back to the last real choice; returns the list node
// to try next at that level, or 0 when there is nothing left to undo.
std::uint32_t Search::backtrack() {
  while (!stack_.empty()) {
    const Frame top = stack_.back();
    stack_.pop_back();
    state_ = top.state_before;
    linearized_.remove(top.op, top.before);
    events_.unlift(top.op);
    if (!top.forced) return events_.next(events_.call_node(top.op));
  }
  return 0;
}

// An observer (a read, or a failed cas) that changes nothing and whose
// answer fits the current state can be linearized right away: any solution
// that places it later can place it here instead. So it needs no branching.
std::int64_t Search::find_fitting_observer() const {
  for (std::uint32_t at = events_.first(); at != events_.end() && !events_.is_return(at); at = events_.next(at)) {
    const std::uint32_t op = events_.op(at);
    const ModelOp& m = model_[op];
    if (is_info_[op]) continue;
    if ((m.kind == ModelOp::Kind::read_equals && state_ == m.a) ||
        (m.kind == ModelOp::Kind::cas_differs && state_ != m.a)) {
      return op;
    }
  }
  return -1;
}

// An indefinite operation that would change nothing here is better left for
// later (or never); and twins go in order.
bool Search::better_left_for_later(std::uint32_t op) const {
  const ModelOp& m = model_[op];
  const bool no_op = m.kind == ModelOp::Kind::write ? state_ == m.a : (state_ != m.a || m.a == m.b);
  const std::int64_t twin = previous_twin_[op];
  return no_op || (twin >= 0 && !linearized_.contains(static_cast<size_t>(twin)));
}

void Search::note_stuck(std::uint32_t op) {
  if (stack_.size() < deepest_) return;
  deepest_ = stack_.size();
  stuck_op_ = op;
  deepest_tail_.clear();
  for (size_t i = stack_.size() > 3 ? stack_.size() - 3 : 0; i < stack_.size(); ++i) {
    deepest_tail_.push_back(stack_[i].op);
  }
}

// Not linearizable: every choice was backtracked.
KeyResult Search::refuted(KeyResult result) const {
  result.linearizable = false;
  result.window = violation_window(ops_, deepest_tail_, stuck_op_);
  result.stuck = stuck_op_;
  result.placed.assign(deepest_tail_.begin(), deepest_tail_.end());
  return result;
}

}  // namespace

KeyResult check_key(const std::vector<Operation>& ops, const CheckOptions& options) {
  if (ops.empty()) return {};
  return Search(ops).run(Budget(options));
}

}  // namespace kv::search
