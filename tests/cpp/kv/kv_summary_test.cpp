// Node summaries (kv::Node::summary()): what the cluster view shows of each
// node must match the protocol's real state. Small clusters are driven
// through the seeded simulator (deterministic for a seed) or by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hash_ring.h"
#include "node_factory.h"
#include "simulator.h"
#include "node_harness.h"
#include "trace.h"

namespace kv {
namespace {

// A client request: read key, write key a, cas key a -> b.
Body request(MsgType type, const std::string& key, std::int64_t a = 0, std::int64_t b = 0) {
  Body body;
  body.type = type;
  body.key = key;
  if (type == MsgType::write) body.value = a;
  if (type == MsgType::cas) {
    body.from = a;
    body.to = b;
  }
  return body;
}

// The register values a single client's history leaves behind: with one
// client, operations complete in the order they took effect.
std::map<std::string, std::int64_t> final_values(const History& history) {
  std::map<std::string, std::int64_t> values;
  std::map<std::int64_t, HistoryEvent> invokes;
  for (const HistoryEvent& e : history) {
    if (e.type == EventType::invoke) {
      invokes[e.process] = e;
      continue;
    }
    if (e.type != EventType::ok) continue;
    const HistoryEvent& call = invokes.at(e.process);
    if (e.f == Function::write) values[e.key] = *call.value;
    if (e.f == Function::cas) values[e.key] = call.to;
  }
  return values;
}

SimOptions quiet_run(const std::string& protocol, int nodes, int ops) {
  SimOptions o;
  o.protocol = protocol;
  o.nodes = nodes;
  o.seed = 11;
  o.ops = ops;
  o.clients = 1;  // sequential: the final values are known without a checker
  return o;
}

int count_role(const Simulator& sim, const std::string& role) {
  int n = 0;
  for (int i = 0; i < sim.node_count(); ++i) n += sim.node(i).summary().role == role ? 1 : 0;
  return n;
}

std::int64_t highest_term(const Simulator& sim) {
  std::int64_t term = 0;
  for (int i = 0; i < sim.node_count(); ++i) term = std::max(term, sim.node(i).summary().term);
  return term;
}

int leader_index(const Simulator& sim) {
  for (int i = 0; i < sim.node_count(); ++i) {
    if (sim.node_up(i) && sim.node(i).summary().role == "leader") return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Raft

TEST(RaftSummary, OneNodeListsItsLogEntriesAsText) {
  Harness h("raft", 1, 7);
  NodeSummary s = h.node->summary();
  EXPECT_EQ(s.role, "follower");
  EXPECT_EQ(s.term, 0);
  EXPECT_EQ(s.log, 0);
  EXPECT_TRUE(s.entries.empty());

  h.node->tick(1 * kSecond, h.out);  // the election timeout passes: it elects itself
  h.send(request(MsgType::write, "k1", 3), 1 * kSecond);
  h.send(request(MsgType::cas, "k1", 3, 4), 1 * kSecond);
  h.send(request(MsgType::read, "k2"), 1 * kSecond);
  s = h.node->summary();
  EXPECT_EQ(s.role, "leader");
  EXPECT_EQ(s.term, 1);
  EXPECT_EQ(s.leader, "n1");
  EXPECT_EQ(s.log, 4);
  EXPECT_EQ(s.commit, 4);
  EXPECT_EQ(s.keys, (std::map<std::string, std::int64_t>{{"k1", 4}}));
  ASSERT_EQ(s.entries.size(), 4u);
  const std::vector<std::string> texts = {"no-op", "write k1 3", "cas k1 3 4", "read k2"};
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(s.entries[i].index, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(s.entries[i].term, 1);
    EXPECT_EQ(s.entries[i].text, texts[i]);
  }
}

TEST(RaftSummary, ShowsOnlyTheLastEntries) {
  Harness h("raft", 1, 7);
  h.node->tick(1 * kSecond, h.out);
  for (int v = 0; v < 30; ++v) h.send(request(MsgType::write, "k0", v), 1 * kSecond);
  const NodeSummary s = h.node->summary();
  EXPECT_EQ(s.log, 31);
  ASSERT_EQ(s.entries.size(), static_cast<size_t>(kSummaryEntries));
  EXPECT_EQ(s.entries.front().index, 31 - kSummaryEntries + 1);
  EXPECT_EQ(s.entries.back().index, 31);
  EXPECT_EQ(s.entries.back().text, "write k0 29");
  EXPECT_EQ(s.keys.at("k0"), 29);
}

TEST(RaftSummary, AfterAnElectionOneLeaderWithTheHighestTermAndTheClientsValues) {
  Simulator sim(quiet_run("raft", 5, 60));
  sim.run();
  ASSERT_EQ(sim.stats().info, 0) << "a fault-free run should not time out";
  EXPECT_EQ(count_role(sim, "leader"), 1);
  EXPECT_EQ(count_role(sim, "candidate"), 0);
  const int leader = leader_index(sim);
  ASSERT_GE(leader, 0);
  const NodeSummary s = sim.node(leader).summary();
  EXPECT_EQ(s.term, highest_term(sim));
  EXPECT_EQ(s.leader, sim.node(leader).id());
  const auto written = final_values(sim.history());
  ASSERT_FALSE(written.empty());
  EXPECT_EQ(s.keys, written);
  for (int i = 0; i < sim.node_count(); ++i) {
    const NodeSummary f = sim.node(i).summary();
    EXPECT_LE(f.commit, f.log) << f.role;
    EXPECT_GT(f.log, 0);
    if (i != leader) {
      EXPECT_EQ(f.role, "follower");
      EXPECT_EQ(f.leader, s.leader);
    }
    ASSERT_FALSE(f.entries.empty());
    EXPECT_EQ(f.entries.back().index, f.log);
  }
}

TEST(RaftSummary, ANewLeaderAfterTheLeaderCrashesHasAHigherTerm) {
  Simulator sim(quiet_run("raft", 5, 200));
  while (sim.stats().ok < 20 && sim.step()) {
  }
  const int old_leader = leader_index(sim);
  ASSERT_GE(old_leader, 0);
  const std::int64_t old_term = sim.node(old_leader).summary().term;
  sim.crash(old_leader, true);
  sim.run();
  const int leader = leader_index(sim);
  ASSERT_GE(leader, 0);
  EXPECT_NE(leader, old_leader);
  const NodeSummary s = sim.node(leader).summary();
  EXPECT_GT(s.term, old_term);
  EXPECT_EQ(s.term, highest_term(sim));
  EXPECT_LE(s.commit, s.log);
  int leaders_up = 0;
  for (int i = 0; i < sim.node_count(); ++i)
    leaders_up += sim.node_up(i) && i != old_leader && sim.node(i).summary().role == "leader";
  EXPECT_EQ(leaders_up, 1);
}

// ---------------------------------------------------------------------------
// single, primary-backup, quorum

TEST(SingleSummary, ShowsItsStore) {
  Harness h("single", 1, 7);
  h.send(request(MsgType::write, "k1", 3));
  h.send(request(MsgType::write, "k0", 1));
  h.send(request(MsgType::cas, "k1", 3, 2));
  const NodeSummary s = h.node->summary();
  EXPECT_EQ(s.role, "single");
  EXPECT_EQ(s.term, 0);
  EXPECT_EQ(s.log, 0);
  EXPECT_EQ(s.leader, "");
  EXPECT_TRUE(s.entries.empty());
  EXPECT_EQ(s.keys, (std::map<std::string, std::int64_t>{{"k0", 1}, {"k1", 2}}));
}

TEST(PrimaryBackupSummary, ViewZeroHasTheFirstNodeAsPrimaryAndItsCopyHoldsTheWrites) {
  Simulator sim(quiet_run("primary-backup", 3, 60));
  sim.run();
  ASSERT_EQ(sim.stats().info, 0);
  const NodeSummary primary = sim.node(0).summary();
  EXPECT_EQ(primary.role, "primary");
  EXPECT_EQ(primary.term, 0);
  EXPECT_EQ(primary.leader, "n1");
  const auto written = final_values(sim.history());
  ASSERT_FALSE(written.empty());
  EXPECT_EQ(primary.keys, written);
  for (int i = 1; i < 3; ++i) {
    const NodeSummary backup = sim.node(i).summary();
    EXPECT_EQ(backup.role, "backup");
    EXPECT_EQ(backup.term, 0);
    EXPECT_EQ(backup.leader, "n1");
  }
}

TEST(PrimaryBackupSummary, AfterThePrimaryCrashesTheNextViewsPrimaryTakesOver) {
  Simulator sim(quiet_run("primary-backup", 3, 200));
  while (sim.stats().ok < 20 && sim.step()) {
  }
  sim.crash(0, true);
  sim.run();
  // View 1's primary is node_ids[1 % 3] = n2; the other backup follows it.
  const NodeSummary n2 = sim.node(1).summary(), n3 = sim.node(2).summary();
  EXPECT_EQ(n2.role, "primary");
  EXPECT_EQ(n2.term, 1);
  EXPECT_EQ(n2.leader, "n2");
  EXPECT_EQ(n3.role, "backup");
  EXPECT_EQ(n3.term, 1);
  EXPECT_EQ(n3.leader, "n2");
}

TEST(QuorumSummary, ANodeHoldsOnlyKeysWhoseReplicasIncludeIt) {
  SimOptions o = quiet_run("quorum", 5, 120);
  o.keys = 6;
  Simulator sim(o);
  sim.run();
  ASSERT_EQ(sim.stats().info, 0);
  std::vector<std::string> ids;
  for (int i = 0; i < sim.node_count(); ++i) ids.push_back(sim.node(i).id());
  const HashRing ring(ids, NodeConfig{}.virtual_nodes);
  const int replicas = NodeConfig{}.replicas;
  std::map<std::string, int> holders;  // key -> nodes holding the value last written
  const auto written = final_values(sim.history());
  ASSERT_GE(written.size(), 4u);
  for (int i = 0; i < sim.node_count(); ++i) {
    const NodeSummary s = sim.node(i).summary();
    EXPECT_EQ(s.role, "coordinator");
    for (const auto& [key, value] : s.keys) {
      const std::vector<int> list = ring.preference_list(key, replicas);
      EXPECT_NE(std::find(list.begin(), list.end(), i), list.end()) << ids[i] << " holds " << key;
      if (written.count(key) && written.at(key) == value) ++holders[key];
    }
  }
  // The last write of each key was acknowledged by W = 2 replicas.
  for (const auto& [key, value] : written) EXPECT_GE(holders[key], NodeConfig{}.write_quorum) << key;
}

// Taking summaries all along must not change what the cluster does.
TEST(NodeSummary, TakingOneChangesNothing) {
  for (const char* protocol : {"raft", "primary-backup", "quorum", "single"}) {
    SimOptions o = quiet_run(protocol, protocol == std::string("single") ? 1 : 3, 80);
    o.clients = 0;
    Simulator watched(o), plain(o);
    while (watched.step()) {
      for (int i = 0; i < watched.node_count(); ++i) (void)watched.node(i).summary();
    }
    plain.run();
    EXPECT_EQ(to_jsonl(watched.history()), to_jsonl(plain.history())) << protocol;
  }
}

// ---------------------------------------------------------------------------
// As JSON (what KvNode.state() and KvSimulator.nodeStates() return)

TEST(NodeSummaryJson, CarriesEveryFieldTheViewReads) {
  Harness h("raft", 1, 7);
  h.node->tick(1 * kSecond, h.out);
  h.send(request(MsgType::write, "k1", 3), 1 * kSecond);
  const auto j = node_summary_json(*h.node);
  EXPECT_EQ(j["id"], "n1");
  EXPECT_EQ(j["protocol"], "raft");
  EXPECT_EQ(j["role"], "leader");
  EXPECT_EQ(j["term"], 1);
  EXPECT_EQ(j["commit"], 2);
  EXPECT_EQ(j["log"], 2);
  EXPECT_EQ(j["leader"], "n1");
  EXPECT_EQ(j["keys"], nlohmann::json({{"k1", 3}}));
  ASSERT_EQ(j["entries"].size(), 2u);
  EXPECT_EQ(j["entries"][1], nlohmann::json({{"index", 2}, {"term", 1}, {"text", "write k1 3"}}));
}

TEST(NodeSummaryJson, ACrashedNodeIsDown) {
  Simulator sim(quiet_run("raft", 3, 40));
  while (sim.stats().ok < 5 && sim.step()) {
  }
  sim.crash(2, false);
  const auto states = node_states_json(sim);
  ASSERT_EQ(states.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(states[i]["id"], "n" + std::to_string(i + 1));
    EXPECT_EQ(states[i]["role"] == "down", i == 2) << states[i].dump();
  }
  EXPECT_EQ(states[2]["term"], sim.node(2).summary().term);  // what it held stays visible
}

}  // namespace
}  // namespace kv
