// The search behind check_operations (linearizability.h) for one key's
// operations, in the parts it is made of:
//
//   ordered_events, previous_twins  prepare the operations (once per key);
//   EventList                       the calls and returns not yet explained;
//   LinearizedSet                   what is linearized so far, in the memo's form;
//   ExploredConfigurations          the memo (explored_configurations.h);
//   Budget                          when to give up with "unknown";
//   violation_window                what to show when no order explains the results;
//   check_key                       the search loop that drives them (key_search.cpp).
//
// The sequential model they step is register_model.h. Only the checker and
// its tests use this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "linearizability.h"
#include "register_model.h"

namespace kv::search {

// ---------------------------------------------------------------------------
// Preparing the operations (numbered in invoke order).

struct Event {
  Time time;
  bool is_return;
  std::uint32_t op;
};

// Calls and returns in the order the search walks them: by time, calls before
// returns at equal times (operations that merely touch count as concurrent),
// and within each run of calls the indefinite operations' calls last.
std::vector<Event> ordered_events(const std::vector<Operation>& ops);

// Indefinite operations that do the same thing are interchangeable, so the
// search uses them in invoke order: for each, the previous such twin (which
// must be linearized first), or -1.
std::vector<std::int64_t> previous_twins(const std::vector<Operation>& ops, const std::vector<ModelOp>& model);

// ---------------------------------------------------------------------------
// The events not yet explained: a doubly linked list in walking order.
// Linearizing an operation lifts its call and its return out; backtracking
// puts them back. Nodes are numbered 1..events, end() is the tail sentinel.
class EventList {
 public:
  EventList(const std::vector<Event>& events, size_t ops);
  std::uint32_t first() const { return next_[0]; }
  std::uint32_t next(std::uint32_t node) const { return next_[node]; }
  std::uint32_t end() const { return end_; }
  bool empty() const { return next_[0] == end_; }
  std::uint32_t op(std::uint32_t node) const { return op_of_[node]; }
  bool is_return(std::uint32_t node) const { return is_return_[node]; }
  std::uint32_t call_node(std::uint32_t op) const { return call_node_[op]; }
  void lift(std::uint32_t op);
  void unlift(std::uint32_t op);  // undoes the last lift not yet undone

 private:
  std::vector<std::uint32_t> next_, prev_;
  std::vector<std::uint32_t> call_node_, return_node_;  // per operation
  std::vector<std::uint32_t> op_of_;                    // per node
  std::vector<bool> is_return_;                         // per node
  std::uint32_t end_;
};

// ---------------------------------------------------------------------------
// The operations linearized so far, kept in the form the memo stores (see
// explored_configurations.h): Zobrist hashes of the definite and of the
// indefinite ones, the prefix below which every definite operation is
// linearized, the definite ones above it, and the indefinite ones used.
class LinearizedSet {
 public:
  explicit LinearizedSet(const std::vector<bool>& is_info);  // kept by reference

  struct Mark {  // what remove() restores
    std::uint32_t prefix;
    std::int64_t high;
  };
  Mark add(std::uint32_t op);
  void remove(std::uint32_t op, const Mark& before);  // `before`: what add(op) returned

  bool contains(size_t op) const { return (bits_[op / 64] >> (op % 64)) & 1; }
  std::uint64_t definite_hash() const { return definite_hash_; }
  std::uint64_t info_hash() const { return info_hash_; }
  std::uint32_t prefix() const { return prefix_; }
  const std::vector<std::uint32_t>& info_used() const { return info_used_; }  // sorted
  const std::vector<std::uint32_t>& definite_above();                         // sorted

 private:
  const std::vector<bool>& is_info_;
  std::vector<std::uint64_t> zobrist_;  // a random word per operation
  std::vector<std::uint64_t> bits_;     // every linearized operation
  std::uint64_t definite_hash_ = 0;
  std::uint64_t info_hash_ = 0;
  std::uint32_t prefix_ = 0;  // every definite operation below this index is linearized
  std::int64_t high_ = -1;    // the highest definite operation linearized
  std::vector<std::uint32_t> info_used_;
  std::vector<std::uint32_t> definite_above_;  // filled by definite_above()
};

// ---------------------------------------------------------------------------
// The budget of CheckOptions: deciding linearizability is NP-complete, so past
// it the search stops and the verdict is "unknown" rather than a hang.
struct Budget {
  std::uint64_t max_steps = 0;           // 0: no limit
  std::uint64_t max_configurations = 0;  // memo entries; 0: no limit
  explicit Budget(const CheckOptions& options)
      : max_steps(options.max_steps_per_key), max_configurations(options.max_configurations_per_key) {}
  bool exhausted(std::uint64_t steps, size_t configurations) const {
    return (max_steps && steps > max_steps) || (max_configurations && configurations > max_configurations);
  }
};

// ---------------------------------------------------------------------------
// The window shown for a violation: the operations linearized just before the
// search got stuck (`tail`), the one it could not place (`stuck`), and those
// overlapping it in time; at most kMaxWindow, in invoke order.
constexpr size_t kMaxWindow = 10;
std::vector<size_t> violation_window(const std::vector<Operation>& ops, const std::vector<std::uint32_t>& tail,
                                     std::uint32_t stuck);

// ---------------------------------------------------------------------------
struct KeyResult {
  bool linearizable = true;
  bool gave_up = false;
  std::uint64_t steps = 0;
  std::vector<size_t> window;  // indices into the key's ops
  // Not linearizable: the operation the search could not place, and the ones
  // it had placed just before (in that order); indices into the key's ops.
  std::int64_t stuck = -1;
  std::vector<size_t> placed;
};

// `ops`: one key's operations, in invoke order, none that observes nothing.
KeyResult check_key(const std::vector<Operation>& ops, const CheckOptions& options);

}  // namespace kv::search
