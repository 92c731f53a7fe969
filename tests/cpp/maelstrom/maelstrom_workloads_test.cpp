// The broadcast and lin-kv workloads and the partition nemesis, through the
// harness's core with in-process fake nodes (fake_cluster.h).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fake_cluster.h"
#include "lin_kv_workload.h"

using maelstrom::HarnessOptions;
using maelstrom::Json;
using maelstrom::Verdict;
using maelstrom_test::FakeNode;
using maelstrom_test::reply_to;
using maelstrom_test::run_fake;

namespace {

std::unique_ptr<maelstrom::Workload> workload(const std::string& name, const std::string& topology = "grid") {
  maelstrom::WorkloadOptions o;
  o.name = name;
  o.topology = topology;
  return maelstrom::make_workload(o);
}

HarnessOptions options(int nodes, long long ops) {
  HarnessOptions o;
  o.nodes = nodes;
  o.ops = ops;
  return o;
}

Json to(const Json& from, const std::string& dest, Json body) {
  return Json{{"src", from["dest"]}, {"dest", dest}, {"body", std::move(body)}};
}

std::string type_of(const Json& m) { return m["body"]["type"]; }

// Flooding broadcast; keeps at most `keep` values per node (-1: all).
struct Flooding {
  long keep = -1;
  std::map<int, std::vector<std::string>> neighbours;
  std::map<int, std::set<long long>> seen;
  std::map<int, std::vector<long long>> stored;

  std::vector<Json> operator()(const Json& m, int self) {
    const Json& b = m["body"];
    const std::string type = b["type"];
    if (type == "init") return {reply_to(m, {{"type", "init_ok"}})};
    if (type == "topology") {
      neighbours[self] = b["topology"][m["dest"].get<std::string>()].get<std::vector<std::string>>();
      return {reply_to(m, {{"type", "topology_ok"}})};
    }
    if (type == "read") return {reply_to(m, {{"type", "read_ok"}, {"messages", stored[self]}})};
    std::vector<Json> out;
    const long long v = b["message"];
    if (seen[self].insert(v).second) {
      stored[self].push_back(v);
      if (keep >= 0 && static_cast<long>(stored[self].size()) > keep) stored[self].erase(stored[self].begin());
      for (const auto& n : neighbours[self])
        if (n != m["src"]) out.push_back(to(m, n, {{"type", "gossip"}, {"message", v}}));
    }
    if (type == "broadcast") out.push_back(reply_to(m, {{"type", "broadcast_ok"}}));
    return out;
  }
};

}  // namespace

TEST(MaelstromBroadcast, SendsTheTopologyThenValidWhenEveryNodeReadsEveryValue) {
  Flooding flooding;
  auto run = run_fake(options(5, 40), workload("broadcast", "ring"),
                      [&](const Json& m, int self) { return flooding(m, self); });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::valid) << run.summary.verdict.sentence;
  EXPECT_EQ(run.received[0].at(1)["body"]["type"], "topology");
  EXPECT_EQ(run.received[0].at(1)["body"]["topology"]["n1"], (Json{"n2", "n5"}));
  // Flooding a 5-ring: each value crosses 6 links (2 from the origin, then 1 per hop until the two waves meet).
  EXPECT_EQ(run.summary.network.node_to_node, 40 * 6);
  EXPECT_DOUBLE_EQ(run.summary.msgs_per_op, 6.0);
  for (const auto& got : run.received) EXPECT_EQ(type_of(got.back()), "read");
}

TEST(MaelstromBroadcast, AForgetfulNodeIsInvalidAfterRereadingUntilTheDeadline) {
  Flooding forgetful;
  forgetful.keep = 10;
  HarnessOptions o = options(3, 30);
  auto run = run_fake(o, workload("broadcast"), [&](const Json& m, int self) { return forgetful(m, self); });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_NE(run.summary.verdict.sentence.find("never read 20 of 30 acknowledged values"), std::string::npos)
      << run.summary.verdict.sentence;
  // Final reads were repeated every settle period until the convergence
  // deadline (a round that would start past it is not made).
  long long reads = 0;
  for (const Json& m : run.received[0]) reads += type_of(m) == "read";
  EXPECT_GE(reads, o.converge / o.settle - 1);
  EXPECT_LE(reads, o.converge / o.settle);
  EXPECT_GE(run.end, o.converge - o.settle);
}

TEST(MaelstromBroadcast, AValueNobodySentIsInvalid) {
  Flooding flooding;
  auto run = run_fake(options(2, 5), workload("broadcast"), [&](const Json& m, int self) {
    if (type_of(m) == "read" && self == 1) return std::vector<Json>{reply_to(m, {{"type", "read_ok"}, {"messages", {7}}})};
    return flooding(m, self);
  });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
}

namespace {

// A key-value store with one copy per node, replicated by messages (so a
// partition leaves copies stale); `shared` makes every node use one map.
struct Copies {
  bool shared = false;
  std::map<int, std::map<std::string, long long>> copy;
  std::vector<Json> operator()(const Json& m, int self) {
    const Json& b = m["body"];
    const std::string type = b["type"];
    if (type == "init") return {reply_to(m, {{"type", "init_ok"}})};
    auto& store = copy[shared ? 0 : self];
    const std::string key = b["key"].dump();
    if (type == "replicate") return store[key] = b["value"], std::vector<Json>{};
    if (type == "read")
      return {store.count(key) ? reply_to(m, {{"type", "read_ok"}, {"value", store[key]}})
                               : reply_to(m, {{"type", "error"}, {"code", 20}})};
    if (type == "cas" && (!store.count(key) || store[key] != b["from"]))
      return {reply_to(m, {{"type", "error"}, {"code", store.count(key) ? 22 : 20}})};
    store[key] = type == "write" ? b["value"] : b["to"];
    std::vector<Json> out{reply_to(m, {{"type", type + "_ok"}})};
    for (int n = 1; n <= 3 && !shared; ++n)
      if (n != self + 1) out.push_back(to(m, "n" + std::to_string(n), {{"type", "replicate"}, {"key", b["key"]}, {"value", store[key]}}));
    return out;
  }
};

}  // namespace

TEST(MaelstromLinKv, ALinearizableStoreIsValidAndTheHistoryIsComplete) {
  Copies store;
  store.shared = true;
  auto run = run_fake(options(3, 200), workload("lin-kv"), [&](const Json& m, int self) { return store(m, self); });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::valid) << run.summary.verdict.sentence;
  EXPECT_EQ(run.summary.ok + run.summary.fail, 200);
  const auto& lin = dynamic_cast<const maelstrom::LinKvWorkload&>(run.harness->workload());
  EXPECT_EQ(lin.history().size(), 400u);  // an invoke and a completion per op
}

TEST(MaelstromLinKv, ErrorCodesAreFailWhenDefiniteAndInfoOtherwise) {
  for (const auto& [code, fail] : std::vector<std::pair<int, bool>>{{20, true}, {22, true}, {11, true}, {13, false}, {0, false}, {1000, false}}) {
    auto run = run_fake(options(1, 4), workload("lin-kv"), [code = code](const Json& m, int) -> std::vector<Json> {
      if (type_of(m) == "init") return {reply_to(m, {{"type", "init_ok"}})};
      return {reply_to(m, {{"type", "error"}, {"code", code}})};
    });
    EXPECT_EQ(run.summary.fail, fail ? 4 : 0) << code;
    EXPECT_EQ(run.summary.info, fail ? 0 : 4) << code;
    EXPECT_EQ(run.summary.verdict.sentence, "no operation succeeded") << code;
  }
}

TEST(MaelstromNemesis, IsolatesTheNodeExactlyDuringTheOpWindow) {
  // One client, so op k is handled while exactly k ops were invoked. Each op
  // makes its node message both others: a partition of n1 during ops 10..19
  // drops exactly the messages from or to n1 sent by those ops.
  HarnessOptions o = options(3, 30);
  o.clients = 1;
  o.isolate = 0;
  o.from_op = 10;
  o.to_op = 19;
  std::vector<int> node_of_op;
  auto run = run_fake(o, workload("echo"), [&](const Json& m, int self) -> std::vector<Json> {
    if (type_of(m) == "init") return {reply_to(m, {{"type", "init_ok"}})};
    if (type_of(m) == "ping") return {};
    node_of_op.push_back(self);
    std::vector<Json> out;  // the pings first: once op k is answered, op k + 1 starts
    for (int n = 0; n < 3; ++n)
      if (n != self) out.push_back(to(m, "n" + std::to_string(n + 1), {{"type", "ping"}}));
    out.push_back(reply_to(m, {{"type", "echo_ok"}, {"echo", m["body"]["echo"]}}));
    return out;
  });
  ASSERT_EQ(node_of_op.size(), 30u);
  long long expected = 0;
  for (int op = 10; op <= 19; ++op) expected += node_of_op[op - 1] == 0 ? 2 : 1;
  EXPECT_EQ(run.summary.network.dropped_partition, expected);
  EXPECT_EQ(run.summary.network.node_to_node, 60);
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::valid) << "clients still reach n1";
}

TEST(MaelstromNemesis, IsolatingAReplicaMakesStaleCopiesVisible) {
  Copies copies;
  HarnessOptions o = options(3, 200);
  o.isolate = 0;
  o.from_op = 20;
  o.to_op = 180;
  auto run = run_fake(o, workload("lin-kv"), [&](const Json& m, int self) { return copies(m, self); });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_NE(run.summary.verdict.sentence.find("not linearizable"), std::string::npos) << run.summary.verdict.sentence;
  EXPECT_GT(run.summary.network.dropped_partition, 0);
}
