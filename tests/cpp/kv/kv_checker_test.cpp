// The linearizability checker: hand-written histories with known answers, a
// randomized cross-check against brute force over all orders, and large
// generated histories.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "history_generator.h"
#include "linearizability.h"
#include "operation_builders.h"
#include "random.h"

namespace kv {
namespace {

using V = CheckResult::Verdict;

const OperationBuilders build{"k", 1};
template <typename... A> Operation op(A... a) { return build.op(a...); }
template <typename... A> Operation W(A... a) { return build.W(a...); }
template <typename... A> Operation R(A... a) { return build.R(a...); }
template <typename... A> Operation C(A... a) { return build.C(a...); }

V verdict(const std::vector<Operation>& ops) { return check_operations(ops).verdict; }

TEST(Checker, EmptyAndSequentialHistories) {
  EXPECT_EQ(verdict({}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, 1, 20, 30)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, 2, 20, 30)}), V::not_linearizable);
  // Reading a key nobody wrote: absent (ok with null, or fail 20).
  EXPECT_EQ(verdict({R(0, std::nullopt, 0, 10)}), V::linearizable);
  EXPECT_EQ(verdict({R(0, std::nullopt, 0, 10, EventType::fail)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, std::nullopt, 20, 30, EventType::fail)}), V::not_linearizable);
}

TEST(Checker, ConcurrentOperationsMayTakeEitherOrder) {
  // The read overlaps the write: it may see the old state or the new value.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, std::nullopt, 5, 15, EventType::fail)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, 1, 5, 15)}), V::linearizable);
  // Two overlapping writes, then reads that agree on one winner.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 20, 30), R(3, 1, 40, 50)}), V::linearizable);
  // ... but not on both.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 20, 30), R(3, 2, 40, 50)}), V::not_linearizable);
  // Touching intervals (complete == invoke) count as concurrent.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, std::nullopt, 10, 20, EventType::fail)}), V::linearizable);
}

TEST(Checker, StaleReadIsCaught) {
  // A classic: both writes finished, then a read returns the older value.
  const auto r = check_operations({W(0, 1, 0, 10), W(1, 2, 20, 30), R(2, 1, 40, 50)});
  EXPECT_EQ(r.verdict, V::not_linearizable);
  EXPECT_EQ(r.key, "k");
  ASSERT_FALSE(r.window.empty());
  bool has_read = false;
  for (const auto& o : r.window) has_read |= o.f == Function::read;
  EXPECT_TRUE(has_read);
}

TEST(Checker, CompareAndSet) {
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30), R(2, 2, 40, 50)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30), R(2, 1, 40, 50)}), V::not_linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 3, 2, 20, 30)}), V::not_linearizable);  // 3 was never there
  // Two cas from the same value cannot both succeed.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30), C(2, 1, 3, 20, 30)}), V::not_linearizable);
}

TEST(Checker, FailedCasObservedADifferentValue) {
  // cas 1->2 failed with 22 right after 1 was written, with nothing concurrent: impossible.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30, EventType::fail, 22)}), V::not_linearizable);
  // With a concurrent write of 3 it could have seen 3.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), W(2, 3, 15, 35), C(1, 1, 2, 20, 30, EventType::fail, 22)}), V::linearizable);
  // Without a recorded code a failed cas means the same thing (the history format's rule).
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30, EventType::fail)}), V::not_linearizable);
  // cas failing with 20 saw the key absent.
  EXPECT_EQ(verdict({C(1, 1, 2, 20, 30, EventType::fail, 20)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30, EventType::fail, 20)}), V::not_linearizable);
  // A failure that observed nothing (11: not the leader) constrains nothing.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 30, EventType::fail, 11)}), V::linearizable);
  Operation unavailable_read = R(1, std::nullopt, 20, 30, EventType::fail);
  unavailable_read.error = 11;
  EXPECT_EQ(verdict({W(0, 1, 0, 10), unavailable_read}), V::linearizable);
  // A failed write did nothing.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), W(1, 5, 20, 30, EventType::fail), R(2, 1, 40, 50)}), V::linearizable);
}

TEST(Checker, IndefiniteOperationsMayOrMayNotHappen) {
  // An info write may have happened ...
  EXPECT_EQ(verdict({W(0, 0, 0, 10), W(1, 1, 20, 0, EventType::info), R(2, 1, 40, 50)}), V::linearizable);
  // ... or not ...
  EXPECT_EQ(verdict({W(0, 0, 0, 10), W(1, 1, 20, 0, EventType::info), R(2, 0, 40, 50), R(3, 0, 60, 70)}),
            V::linearizable);
  // ... even long after its client gave up ...
  EXPECT_EQ(verdict({W(0, 0, 0, 10), W(1, 1, 20, 0, EventType::info), R(2, 0, 40, 50), R(3, 1, 60, 70)}),
            V::linearizable);
  // ... but only once, and never before it was invoked.
  EXPECT_EQ(verdict({W(0, 0, 0, 10), W(1, 1, 20, 0, EventType::info), R(2, 1, 40, 50), R(3, 0, 60, 70)}),
            V::not_linearizable);
  EXPECT_EQ(verdict({W(0, 0, 0, 10), R(2, 1, 40, 50), W(1, 1, 60, 0, EventType::info)}), V::not_linearizable);
  // An info cas applies only if it matched.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), C(1, 1, 2, 20, 0, EventType::info), R(2, 2, 40, 50)}), V::linearizable);
  EXPECT_EQ(verdict({W(0, 3, 0, 10), C(1, 1, 2, 20, 0, EventType::info), R(2, 2, 40, 50)}), V::not_linearizable);
  // An info read says nothing.
  EXPECT_EQ(verdict({W(0, 1, 0, 10), R(1, 7, 20, 0, EventType::info)}), V::linearizable);
}

TEST(Checker, KeysAreCheckedIndependently) {
  Operation w1 = W(0, 1, 0, 10), r1 = R(1, 1, 20, 30), w2 = W(2, 1, 0, 10), r2 = R(3, 2, 20, 30);
  w2.key = r2.key = "other";
  const auto ok = check_operations({w1, r1});
  EXPECT_EQ(ok.verdict, V::linearizable);
  const auto bad = check_operations({w1, r1, w2, r2});
  EXPECT_EQ(bad.verdict, V::not_linearizable);
  EXPECT_EQ(bad.key, "other");
  EXPECT_EQ(bad.keys, 2u);
}

// ---------------------------------------------------------------------------
// Pairing and parsing.

TEST(Checker, PairsEventsIntoOperations) {
  History h;
  std::string text =
      R"({"process":0,"type":"invoke","f":"write","key":"k1","value":1,"time":0})" "\n"
      R"({"process":1,"type":"invoke","f":"read","key":"k1","value":null,"time":5})" "\n"
      R"({"process":0,"type":"ok","f":"write","key":"k1","value":1,"time":10})" "\n"
      R"({"process":1,"type":"ok","f":"read","key":"k1","value":1,"time":15})" "\n"
      R"({"process":2,"type":"invoke","f":"cas","key":"k1","value":[1,2],"time":20})" "\n"
      R"({"process":2,"type":"fail","f":"cas","key":"k1","value":[1,2],"time":30,"error":22})" "\n"
      R"({"process":3,"type":"invoke","f":"write","key":"k1","value":4,"time":40})" "\n";
  HistoryError error;
  ASSERT_TRUE(parse_history(text, h, error)) << error.message;
  std::vector<Operation> ops;
  ASSERT_TRUE(pair_operations(h, ops, error)) << error.message;
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(ops[1].value, 1);
  EXPECT_EQ(ops[2].error, 22);
  EXPECT_EQ(ops[3].outcome, EventType::info);  // never completed
  EXPECT_EQ(check_operations(ops).verdict, V::not_linearizable);  // the cas should have succeeded
  // Round trip through the writer.
  History again;
  ASSERT_TRUE(parse_history(to_jsonl(h), again, error));
  EXPECT_EQ(to_jsonl(again), to_jsonl(h));
}

TEST(Checker, MalformedHistoriesNameTheLine) {
  struct Case {
    std::string text;
    size_t line;
  };
  const std::vector<Case> cases = {
      {"{\"process\":0}\n", 1},
      {"\n\nnot json\n", 3},
      {R"({"process":0,"type":"begin","f":"read","key":"k","value":null,"time":0})", 1},
      {R"({"process":0,"type":"invoke","f":"incr","key":"k","value":null,"time":0})", 1},
      {R"({"process":0,"type":"invoke","f":"cas","key":"k","value":3,"time":0})", 1},
      {R"({"process":0,"type":"invoke","f":"write","key":"k","value":null,"time":0})", 1},
      {R"({"process":0,"type":"invoke","f":"read","key":"k","value":null,"time":1.5})", 1},
      {R"({"process":"a","type":"invoke","f":"read","key":"k","value":null,"time":1})", 1},
  };
  for (const Case& c : cases) {
    History h;
    HistoryError error;
    EXPECT_FALSE(parse_history(c.text, h, error)) << c.text;
    EXPECT_EQ(error.line, c.line) << c.text << ": " << error.message;
    EXPECT_FALSE(error.message.empty());
  }
  const std::vector<Case> unpaired = {
      {R"({"process":0,"type":"ok","f":"read","key":"k","value":1,"time":0})", 1},
      {std::string(R"({"process":0,"type":"invoke","f":"read","key":"k","value":null,"time":0})") + "\n" +
           R"({"process":0,"type":"invoke","f":"read","key":"k","value":null,"time":1})",
       2},
      {std::string(R"({"process":0,"type":"invoke","f":"read","key":"k","value":null,"time":0})") + "\n" +
           R"({"process":0,"type":"ok","f":"write","key":"k","value":1,"time":1})",
       2},
  };
  for (const Case& c : unpaired) {
    History h;
    HistoryError error;
    ASSERT_TRUE(parse_history(c.text, h, error)) << c.text;
    std::vector<Operation> ops;
    EXPECT_FALSE(pair_operations(h, ops, error)) << c.text;
    EXPECT_EQ(error.line, c.line) << c.text;
  }
}

// ---------------------------------------------------------------------------
// Randomized cross-check against brute force.

// Tries every order of the operations that respects real time (an operation
// that completed before another was invoked comes first); info operations may
// be left out. Memoized on (placed set, state) only to keep it quick.
bool brute_force_linearizable(const std::vector<Operation>& ops) {
  const size_t n = ops.size();
  std::set<std::pair<unsigned, std::int64_t>> dead;
  std::function<bool(unsigned, std::optional<std::int64_t>)> search = [&](unsigned placed,
                                                                          std::optional<std::int64_t> state) {
    bool all_required = true;
    for (size_t i = 0; i < n; ++i) {
      if (!(placed >> i & 1) && ops[i].outcome != EventType::info) all_required = false;
    }
    if (all_required) return true;
    const std::int64_t code = state ? *state : -1000;
    if (dead.count({placed, code})) return false;
    for (size_t j = 0; j < n; ++j) {
      if (placed >> j & 1) continue;
      bool allowed = true;
      for (size_t i = 0; i < n && allowed; ++i) {
        if (i != j && !(placed >> i & 1) && ops[i].complete < ops[j].invoke) allowed = false;
      }
      if (!allowed) continue;
      std::optional<std::int64_t> s = state;
      if (step_register(s, ops[j]) && search(placed | (1u << j), s)) return true;
    }
    dead.insert({placed, code});
    return false;
  };
  return search(0, std::nullopt);
}

std::vector<Operation> random_small_history(Rng& rng) {
  const int n = static_cast<int>(rng.uniform(1, 10));  // up to 9 operations
  std::vector<Operation> ops;
  for (int i = 0; i < n; ++i) {
    const Time a = rng.uniform(0, 20), b = a + rng.uniform(0, 10);
    const std::int64_t kind = rng.uniform(0, 3);
    const std::int64_t roll = rng.uniform(0, 100);
    const EventType t = roll < 70 ? EventType::ok : roll < 85 ? EventType::fail : EventType::info;
    if (kind == 0) {
      std::optional<std::int64_t> v;
      if (rng.uniform(0, 4) != 0) v = rng.uniform(0, 3);
      if (t == EventType::fail) v.reset();
      Operation o = R(i, v, a, b, t);
      if (t == EventType::fail && rng.chance(0.2)) o.error = 11;
      ops.push_back(o);
    } else if (kind == 1) {
      ops.push_back(W(i, rng.uniform(0, 3), a, b, t));
    } else {
      ops.push_back(C(i, rng.uniform(0, 3), rng.uniform(0, 3), a, b, t,
                      t == EventType::fail ? (rng.chance(0.3) ? 20 : 22) : -1));
    }
  }
  return ops;
}

TEST(Checker, AgreesWithBruteForceOnThousandsOfSmallHistories) {
  // 20,000 random one-key histories of 1-9 operations (ok, fail with and
  // without an observation, info), with small values so answers collide.
  Rng rng(20240611);
  int linearizable = 0, not_linearizable = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto ops = random_small_history(rng);
    const bool expected = brute_force_linearizable(ops);
    const auto r = check_operations(ops);
    ASSERT_NE(r.verdict, V::unknown);
    const bool got = r.verdict == V::linearizable;
    if (expected != got) {
      std::string dump;
      for (const auto& o : ops) {
        dump += describe(o) + " [" + std::to_string(o.invoke) + ", " +
                (o.outcome == EventType::info ? std::string("inf") : std::to_string(o.complete)) + "]\n";
      }
      FAIL() << "case " << i << ": brute force says " << expected << ", checker says " << got << "\n" << dump;
    }
    (expected ? linearizable : not_linearizable)++;
  }
  // Both answers must be well represented, or the cross-check proves little.
  EXPECT_GT(linearizable, 4000);
  EXPECT_GT(not_linearizable, 4000);
}

// ---------------------------------------------------------------------------
// Large histories.

TEST(Checker, LargeGeneratedHistoriesAreLinearizable) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    GeneratorOptions g;
    g.ops = 10'000;
    g.seed = seed;
    const History h = generate_linearizable_history(g);
    const auto r = check_history(h);
    EXPECT_EQ(r.verdict, V::linearizable) << "seed " << seed << ": " << r.explanation;
    EXPECT_GT(r.operations, 9'000u);
    // The search's own count of steps, not the clock: a linearizable history
    // with few indefinite operations needs about two per operation.
    EXPECT_LT(r.steps, 10 * r.operations) << "seed " << seed << ": far more search than expected";
  }
}

// Makes the first successful read in the second half of `h` return 1000, a
// value nobody ever wrote; returns its index (0 when there is none).
size_t corrupt_a_middle_read(History& h) {
  for (size_t i = h.size() / 2; i < h.size(); ++i) {
    if (h[i].f == Function::read && h[i].type == EventType::ok) {
      h[i].value = 1000;
      return i;
    }
  }
  return 0;
}

TEST(Checker, OneCorruptedReadInALargeHistoryIsFound) {
  // Refuting a history means exhausting the search; with few indefinite
  // operations that stays small even for thousands of operations.
  GeneratorOptions g;
  g.ops = 5'000;
  g.seed = 9;
  g.info_rate = 0.002;
  History h = generate_linearizable_history(g);
  const size_t target = corrupt_a_middle_read(h);
  ASSERT_GT(target, 0u);
  const auto r = check_history(h);
  EXPECT_EQ(r.verdict, V::not_linearizable);
  EXPECT_EQ(r.key, h[target].key);
  bool window_has_it = false;
  for (const auto& o : r.window) window_has_it |= o.f == Function::read && o.value == 1000;
  EXPECT_TRUE(window_has_it);
  EXPECT_LE(r.window.size(), 10u);
}

TEST(Checker, GivesUpWithinItsBudgetInsteadOfHanging) {
  // Non-linearizable with many indefinite operations: exponential in general.
  GeneratorOptions g;
  g.ops = 3'000;
  g.seed = 9;
  g.info_rate = 0.05;
  History h = generate_linearizable_history(g);
  corrupt_a_middle_read(h);
  CheckOptions small_budget;
  small_budget.max_steps_per_key = 200'000;
  const auto r = check_history(h, small_budget);
  // The budget counts search steps, so the same history gives up the same
  // way on every machine: neither verdict, said so, and within the budget.
  EXPECT_EQ(r.verdict, V::unknown) << r.explanation;
  EXPECT_NE(r.explanation.find("gave up on key " + r.key), std::string::npos) << r.explanation;
  EXPECT_LE(r.steps, r.keys * (small_budget.max_steps_per_key + 1));
}

}  // namespace
}  // namespace kv
