// The linearizability checker's parts (key_search.h, explored_configurations.h),
// each on its own: the order the search walks events in, indefinite twins, the
// event list, the linearized set, the memo, the budget and the violation window.
// kv_checker_test.cpp checks the whole checker on histories.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "explored_configurations.h"
#include "key_search.h"

namespace kv::search {
namespace {

constexpr Time kNever = std::numeric_limits<Time>::max();

Operation op(Function f, EventType outcome, Time invoke, Time complete, std::optional<std::int64_t> value = {}) {
  Operation o;
  o.f = f;
  o.outcome = outcome;
  o.key = "k";
  o.value = value;
  o.invoke = invoke;
  o.complete = outcome == EventType::info ? kNever : complete;
  return o;
}

std::vector<std::pair<std::uint32_t, bool>> order_of(const std::vector<Event>& events) {
  std::vector<std::pair<std::uint32_t, bool>> out;  // (op, is_return)
  for (const Event& e : events) out.push_back({e.op, e.is_return});
  return out;
}

TEST(CheckerParts, OperationsThatTouchInTimeAreConcurrent) {
  // A returns at 5, the instant B is called: B's call comes first.
  const std::vector<Operation> ops = {op(Function::write, EventType::ok, 0, 5, 1),
                                      op(Function::read, EventType::ok, 5, 10, 1)};
  const std::vector<std::pair<std::uint32_t, bool>> expected = {{0, false}, {1, false}, {0, true}, {1, true}};
  EXPECT_EQ(order_of(ordered_events(ops)), expected);
}

TEST(CheckerParts, IndefiniteCallsComeLastInTheirRunOfCalls) {
  const std::vector<Operation> ops = {op(Function::write, EventType::info, 0, 0, 7),  // called first, no deadline
                                      op(Function::read, EventType::ok, 1, 4, 7),
                                      op(Function::write, EventType::ok, 2, 3, 7)};
  const std::vector<std::pair<std::uint32_t, bool>> expected = {{1, false}, {2, false}, {0, false},
                                                                {2, true},  {1, true},  {0, true}};
  EXPECT_EQ(order_of(ordered_events(ops)), expected);
}

TEST(CheckerParts, IndefiniteTwinsAreChainedInInvokeOrder) {
  const std::vector<Operation> ops = {op(Function::write, EventType::info, 0, 0, 1),
                                      op(Function::write, EventType::ok, 1, 9, 1),  // definite: never a twin
                                      op(Function::write, EventType::info, 2, 0, 1),
                                      op(Function::write, EventType::info, 3, 0, 2),  // another value
                                      op(Function::write, EventType::info, 4, 0, 1)};
  std::vector<ModelOp> model;
  for (const Operation& o : ops) model.push_back(to_model(o));
  EXPECT_EQ(previous_twins(ops, model), (std::vector<std::int64_t>{-1, -1, 0, -1, 2}));
}

std::vector<std::uint32_t> walk(const EventList& list) {
  std::vector<std::uint32_t> ops;
  for (std::uint32_t node = list.first(); node != list.end(); node = list.next(node)) ops.push_back(list.op(node));
  return ops;
}

TEST(CheckerParts, EventListLiftsAndRestoresBothEventsOfAnOperation) {
  const std::vector<Event> events = {{0, false, 0}, {1, false, 1}, {2, true, 0},
                                     {3, false, 2}, {4, true, 1},  {5, true, 2}};
  EventList list(events, 3);
  EXPECT_EQ(walk(list), (std::vector<std::uint32_t>{0, 1, 0, 2, 1, 2}));
  list.lift(1);
  EXPECT_EQ(walk(list), (std::vector<std::uint32_t>{0, 0, 2, 2}));
  list.lift(0);
  EXPECT_EQ(walk(list), (std::vector<std::uint32_t>{2, 2}));
  EXPECT_TRUE(list.is_return(list.next(list.first())));
  list.lift(2);
  EXPECT_TRUE(list.empty());
  list.unlift(2);
  list.unlift(0);
  list.unlift(1);
  EXPECT_EQ(walk(list), (std::vector<std::uint32_t>{0, 1, 0, 2, 1, 2}));
  EXPECT_EQ(list.op(list.next(list.call_node(1))), 0u);  // what backtracking tries after op 1
}

TEST(CheckerParts, LinearizedSetKeepsAPrefixAndTheDefiniteOnesAboveIt) {
  const std::vector<bool> is_info = {false, true, false, false};
  LinearizedSet set(is_info);
  const auto mark2 = set.add(2);
  EXPECT_EQ(set.prefix(), 0u);
  EXPECT_EQ(set.definite_above(), (std::vector<std::uint32_t>{2}));
  const auto mark0 = set.add(0);  // 0 done, 1 is indefinite, 2 done: the prefix jumps to 3
  EXPECT_EQ(set.prefix(), 3u);
  EXPECT_TRUE(set.definite_above().empty());
  const std::uint64_t definite_hash = set.definite_hash();
  const auto mark1 = set.add(1);
  EXPECT_EQ(set.info_used(), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(set.definite_hash(), definite_hash);  // indefinite operations hash apart
  EXPECT_NE(set.info_hash(), 0u);
  EXPECT_TRUE(set.contains(0) && set.contains(1) && set.contains(2) && !set.contains(3));

  set.remove(1, mark1);
  set.remove(0, mark0);
  EXPECT_EQ(set.prefix(), 0u);
  EXPECT_EQ(set.definite_above(), (std::vector<std::uint32_t>{2}));
  set.remove(2, mark2);
  EXPECT_EQ(set.definite_hash(), 0u);
  EXPECT_EQ(set.info_hash(), 0u);
  EXPECT_TRUE(set.info_used().empty());
  EXPECT_FALSE(set.contains(0) || set.contains(2));

  // The same set reached in another order hashes the same.
  set.add(0);
  set.add(2);
  EXPECT_EQ(set.definite_hash(), definite_hash);
}

TEST(CheckerParts, MemoRefusesRepeatsAndConfigurationsDominatedByFewerIndefiniteOnes) {
  ExploredConfigurations memo;
  const std::vector<std::uint32_t> none, above = {4};
  EXPECT_TRUE(memo.insert(11, 0, /*state=*/1, /*prefix=*/2, above, none));
  EXPECT_FALSE(memo.insert(11, 0, 1, 2, above, none));  // seen exactly
  EXPECT_TRUE(memo.insert(11, 0, /*state=*/2, 2, above, none));
  // The same definite part and state with an indefinite operation more: anything
  // it could lead to, the one without it could too.
  EXPECT_FALSE(memo.insert(11, 77, 1, 2, above, {6}));
  // No explored configuration with a subset of {6} for this definite part and state 3.
  EXPECT_TRUE(memo.insert(11, 77, 3, 2, above, {6}));
  EXPECT_FALSE(memo.insert(11, 77 ^ 99, 3, 2, above, {6, 8}));  // {6} was explored
  EXPECT_TRUE(memo.insert(11, 99, 3, 2, above, {8}));           // {6} is no subset of {8}
  EXPECT_EQ(memo.size(), 4u);
}

TEST(CheckerParts, BudgetCountsStepsAndMemoEntriesAndZeroMeansNoLimit) {
  CheckOptions options;
  options.max_steps_per_key = 10;
  options.max_configurations_per_key = 0;
  const Budget steps_only(options);
  EXPECT_FALSE(steps_only.exhausted(10, 1'000'000'000));
  EXPECT_TRUE(steps_only.exhausted(11, 0));
  options.max_steps_per_key = 0;
  options.max_configurations_per_key = 5;
  const Budget memo_only(options);
  EXPECT_FALSE(memo_only.exhausted(1'000'000'000, 5));
  EXPECT_TRUE(memo_only.exhausted(0, 6));
}

TEST(CheckerParts, ViolationWindowHoldsTheTailTheStuckOneAndItsOverlapsInInvokeOrder) {
  std::vector<Operation> ops;
  ops.push_back(op(Function::write, EventType::ok, 0, 1, 1));    // 0: tail, long before
  ops.push_back(op(Function::write, EventType::ok, 2, 3, 2));    // 1: neither tail nor overlapping
  for (int i = 0; i < 12; ++i) ops.push_back(op(Function::read, EventType::ok, 10 + i, 30, 2));  // 2..13
  const std::vector<size_t> window = violation_window(ops, /*tail=*/{0}, /*stuck=*/13);
  ASSERT_EQ(window.size(), kMaxWindow);
  EXPECT_EQ(window.front(), 0u);
  EXPECT_EQ(window.back(), 13u);
  EXPECT_EQ(std::count(window.begin(), window.end(), 1u), 0);
  for (size_t i = 1; i < window.size(); ++i) EXPECT_LE(ops[window[i - 1]].invoke, ops[window[i]].invoke);
}

TEST(CheckerParts, CheckKeyFindsAStaleReadAndStopsAtItsBudget) {
  const std::vector<Operation> ops = {op(Function::write, EventType::ok, 0, 1, 1),
                                      op(Function::read, EventType::ok, 2, 3, std::nullopt)};  // saw no key
  const KeyResult r = check_key(ops, CheckOptions{});
  EXPECT_FALSE(r.linearizable);
  EXPECT_FALSE(r.gave_up);
  EXPECT_EQ(r.window, (std::vector<size_t>{0, 1}));
  CheckOptions one_step;
  one_step.max_steps_per_key = 1;
  const KeyResult cut = check_key(ops, one_step);
  EXPECT_TRUE(cut.gave_up);
  EXPECT_EQ(cut.steps, 2u);
}

}  // namespace
}  // namespace kv::search
