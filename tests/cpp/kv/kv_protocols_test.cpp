// The protocols: unit behaviour of each node, Raft under every fault over
// many seeds, and the weak protocols caught being non-linearizable.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "hash_ring.h"
#include "node_harness.h"
#include "node_factory.h"
#include "raft_node.h"
#include "sweep.h"

namespace kv {
namespace {

Body read(const std::string& key) {
  Body b;
  b.type = MsgType::read;
  b.key = key;
  return b;
}
Body write(const std::string& key, std::int64_t v) {
  Body b;
  b.type = MsgType::write;
  b.key = key;
  b.value = v;
  return b;
}
Body cas(const std::string& key, std::int64_t from, std::int64_t to) {
  Body b;
  b.type = MsgType::cas;
  b.key = key;
  b.from = from;
  b.to = to;
  return b;
}

TEST(SingleNode, ServesTheLinKvWorkload) {
  Harness h("single");
  ASSERT_EQ(h.out.size(), 1u);
  EXPECT_EQ(h.out[0].body.type, MsgType::init_ok);
  EXPECT_EQ(*h.out[0].body.in_reply_to, 0);

  auto r = h.send(read("a"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].body.type, MsgType::error);
  EXPECT_EQ(r[0].body.code, 20);
  EXPECT_EQ(r[0].dest, "c1");
  r = h.send(write("a", 3));
  EXPECT_EQ(r[0].body.type, MsgType::write_ok);
  EXPECT_EQ(*r[0].body.in_reply_to, 2);
  r = h.send(cas("a", 4, 5));
  EXPECT_EQ(r[0].body.code, 22);
  r = h.send(cas("a", 3, 5));
  EXPECT_EQ(r[0].body.type, MsgType::cas_ok);
  r = h.send(read("a"));
  EXPECT_EQ(r[0].body.type, MsgType::read_ok);
  EXPECT_EQ(*r[0].body.value, 5);
}

TEST(SingleNode, BeforeInitRequestsAreUnavailable) {
  auto node = make_node("single", NodeConfig{}, 1);
  std::vector<Message> out;
  Message m;
  m.src = "c1";
  m.dest = "n1";
  m.body = read("a");
  m.body.msg_id = 1;
  node->handle(m, 0, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.code, 11);
}

TEST(Raft, OneNodeClusterElectsItselfAndCommits) {
  Harness h("raft");
  auto* raft = dynamic_cast<RaftNode*>(h.node.get());
  ASSERT_NE(raft, nullptr);
  auto r = h.send(write("a", 1));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].body.code, 11);  // no leader yet
  h.tick(1 * kSecond);            // election timeout passes
  EXPECT_EQ(raft->role(), RaftNode::Role::leader);
  EXPECT_EQ(raft->term(), 1);
  r = h.send(write("a", 1), 1 * kSecond);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].body.type, MsgType::write_ok);
  r = h.send(read("a"), 1 * kSecond);
  EXPECT_EQ(*r[0].body.value, 1);
  EXPECT_EQ(raft->commit_index(), 3);  // no-op, write, read
}

TEST(Raft, RestartKeepsTermVoteAndLogButForgetsTheRest) {
  Harness h("raft");
  auto* raft = dynamic_cast<RaftNode*>(h.node.get());
  h.tick(1 * kSecond);
  h.send(write("a", 7), 1 * kSecond);
  const auto log = raft->log();
  const auto term = raft->term();
  h.node->crash_and_restart(2 * kSecond);
  EXPECT_EQ(raft->role(), RaftNode::Role::follower);
  EXPECT_EQ(raft->commit_index(), 0);
  EXPECT_EQ(raft->term(), term);
  EXPECT_EQ(raft->log().size(), log.size());
  // It wins the next election, recommits its log and has its data back.
  h.tick(4 * kSecond);
  EXPECT_EQ(raft->role(), RaftNode::Role::leader);
  auto r = h.send(read("a"), 4 * kSecond);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(*r[0].body.value, 7);
}

TEST(Raft, FollowersForwardToTheLeaderOrAnswerUnavailable) {
  Harness h("raft", 3);
  // As a follower of n2 (learned from an append), a client request is forwarded there.
  Message ae;
  ae.src = "n2";
  ae.dest = "n1";
  ae.body.type = MsgType::append_entries;
  ae.body.msg_id = 1;
  ae.body.term = 1;
  h.out.clear();
  h.node->handle(ae, 0, h.out);
  auto r = h.send(write("a", 1));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].dest, "n2");
  EXPECT_EQ(r[0].body.client, "c1");
  // The leader's answer is relayed to the client.
  Message answer;
  answer.src = "n2";
  answer.dest = "n1";
  answer.body.type = MsgType::write_ok;
  answer.body.in_reply_to = r[0].body.msg_id;
  h.out.clear();
  h.node->handle(answer, 0, h.out);
  ASSERT_EQ(h.out.size(), 1u);
  EXPECT_EQ(h.out[0].dest, "c1");
  EXPECT_EQ(*h.out[0].body.in_reply_to, 1);  // the client's own msg_id
  // A request that was already forwarded once is not forwarded again, and the
  // answer is indefinite: a duplicate of it might still reach a future leader.
  Message forwarded;
  forwarded.src = "n3";
  forwarded.dest = "n1";
  forwarded.body = write("a", 1);
  forwarded.body.msg_id = 9;
  forwarded.body.client = "c5";
  forwarded.body.client_msg_id = 1;
  h.out.clear();
  h.node->handle(forwarded, 0, h.out);
  ASSERT_EQ(h.out.size(), 1u);
  EXPECT_EQ(h.out[0].body.code, 0);
  // A client's own request, with no leader known, is certainly not applied: 11.
  Harness lonely("raft", 3);
  r = lonely.send(write("a", 1));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].body.code, 11);
}

SimOptions all_faults(const std::string& protocol, int ops) {
  SimOptions o;
  o.protocol = protocol;
  o.nodes = 5;
  o.ops = ops;
  std::string error;
  Nemesis::parse("partition,crash,drop,dup,reorder", o.nemesis, error);
  return o;
}

void expect_raft_sweep_clean(const SweepSummary& s) {
  EXPECT_EQ(s.not_linearizable, 0);
  EXPECT_EQ(s.unknown, 0);
  EXPECT_EQ(s.lost_write_seeds, 0);
  EXPECT_EQ(s.diverged, 0);
  EXPECT_EQ(s.no_progress, 0);
  std::string bad;
  for (auto seed : s.bad_seeds) bad += " " + std::to_string(seed);
  EXPECT_TRUE(s.bad_seeds.empty()) << "bad seeds:" << bad;
}

// The fast subset, in every test run.
TEST(Raft, LinearizableUnderAllFaultsFastSubset) {
  const SweepSummary s = sweep(all_faults("raft", 600), 1, 40);
  EXPECT_EQ(s.seeds, 40);
  expect_raft_sweep_clean(s);
}

// Slow, bursty links and short client timeouts on 3 nodes. Seed 117 once
// caught a follower answering "not the leader" (11, definite) to a forwarded
// write whose duplicate a later leader then applied.
TEST(Raft, LinearizableWithSlowBurstyLinks) {
  SimOptions o = all_faults("raft", 1000);
  o.nodes = 3;
  o.latency = Latency{Latency::Kind::exponential, 20 * kMillisecond, 0};
  o.client_timeout = 300 * kMillisecond;
  o.nemesis_interval = 300 * kMillisecond;
  o.seed = 117;
  EXPECT_EQ(run_and_check(o).check.verdict, CheckResult::Verdict::linearizable);
  expect_raft_sweep_clean(sweep(o, 1, 30));
}

// The full sweep: CDD_KV_FULL_SWEEP=1 (or a number of seeds) to run it.
TEST(Raft, LinearizableUnderAllFaultsFullSweep) {
  const char* env = std::getenv("CDD_KV_FULL_SWEEP");
  if (!env) GTEST_SKIP() << "set CDD_KV_FULL_SWEEP=1 to run 1,000 seeds";
  int seeds = std::atoi(env);
  if (seeds <= 1) seeds = 1000;
  const SweepSummary s = sweep(all_faults("raft", 1000), 1, seeds);
  std::printf("raft full sweep: %d seeds, %d not linearizable, %d lost-write seeds, %d no progress, %.1f s\n",
              s.seeds, s.not_linearizable, s.lost_write_seeds, s.no_progress, s.seconds);
  expect_raft_sweep_clean(s);
}

TEST(Raft, CommittedLogsAgreeAndAcknowledgedWritesSurvive) {
  SimOptions o = all_faults("raft", 1500);
  o.seed = 1234;
  const SeedOutcome out = run_and_check(o);
  EXPECT_EQ(out.lost_writes, 0);
  EXPECT_FALSE(out.logs_diverge);
  EXPECT_GT(out.stats.ok, 300);
  EXPECT_GT(out.stats.ok_after_heal, 0);
}

// The checker must find the anomalies the weak designs allow.
TEST(WeakProtocols, AsyncPrimaryBackupIsCaughtInSomeSeeds) {
  const SweepSummary s = sweep(all_faults("primary-backup", 1000), 1, 100);
  EXPECT_GT(s.not_linearizable, 0);
  EXPECT_EQ(s.unknown, 0);
}

TEST(WeakProtocols, SloppyQuorumIsCaughtInSomeSeeds) {
  SimOptions o = all_faults("quorum", 600);
  o.node.replicas = 3;
  o.node.read_quorum = 1;
  o.node.write_quorum = 2;  // R + W <= N
  const SweepSummary s = sweep(o, 1, 30);
  EXPECT_GT(s.not_linearizable, 0);
  EXPECT_EQ(s.unknown, 0);
}

TEST(WeakProtocols, WithoutFaultsTheyBehave) {
  // The single node and a fault-free primary-backup are linearizable.
  for (const char* protocol : {"single", "primary-backup", "primary-backup-sync"}) {
    SimOptions o;
    o.protocol = protocol;
    o.nodes = std::string(protocol) == "single" ? 1 : 3;
    o.ops = 500;
    const SweepSummary s = sweep(o, 1, 5);
    EXPECT_EQ(s.not_linearizable, 0) << protocol;
  }
}

TEST(HashRing, PreferenceListsAreDistinctStableAndSpread) {
  std::vector<std::string> nodes = {"n1", "n2", "n3", "n4", "n5"};
  HashRing ring(nodes, 16);
  std::vector<int> first(5, 0);
  for (int k = 0; k < 1000; ++k) {
    const auto list = ring.preference_list("key" + std::to_string(k), 3);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_NE(list[0], list[1]);
    EXPECT_NE(list[1], list[2]);
    EXPECT_NE(list[0], list[2]);
    EXPECT_EQ(list, ring.preference_list("key" + std::to_string(k), 3));
    ++first[list[0]];
  }
  for (int n : first) EXPECT_GT(n, 100) << "every node coordinates a fair share of keys";
  EXPECT_EQ(ring.preference_list("x", 9).size(), 5u);
}

// The picture the page draws must place keys where the store does: walking
// clockwise from a key's position, the first point met is its first replica.
TEST(HashRing, PointsDrawnMatchWhereKeysLive) {
  std::vector<std::string> nodes = {"n1", "n2", "n3", "n4"};
  HashRing ring(nodes, 8);
  const auto points = ring.points();
  ASSERT_EQ(points.size(), 32u);
  for (size_t i = 1; i < points.size(); ++i) EXPECT_LE(points[i - 1].position, points[i].position);
  for (const auto& p : points) {
    EXPECT_GE(p.position, 0.0);
    EXPECT_LT(p.position, 1.0);
  }
  for (int k = 0; k < 200; ++k) {
    const std::string key = "k" + std::to_string(k);
    const double at = HashRing::position_of(key);
    auto next = std::find_if(points.begin(), points.end(), [&](const auto& p) { return p.position >= at; });
    const int first = next == points.end() ? points.front().node : next->node;
    EXPECT_EQ(first, ring.preference_list(key, 3)[0]) << key;
  }
}

}  // namespace
}  // namespace kv
