// Each lesson 5 node template (build/native/programs/nodes/), run as a
// process on a fixed script of messages; the test plays both the clients and,
// where a template talks to other nodes, those nodes. The full workloads with
// faults are the protocol harness's (tests/cpp/maelstrom/).
#include "node_process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

using json = nlohmann::json;

namespace {

std::string bin(const std::string& name) { return std::string(CDD_NODES_DIR) + "/" + name; }

bool contains(const json& array, const json& value) {
  return array.is_array() && std::find(array.begin(), array.end(), value) != array.end();
}

TEST(NodeTemplates, EchoAnswersInitThenEchoesAndRejectsUnknownTypes) {
  NodeProcess node(bin("echo"));
  ASSERT_TRUE(node.started());
  ASSERT_TRUE(node.init("n1", {"n1"}));
  json reply = node.request({{"type", "echo"}, {"echo", "Please echo 35"}}, 1);
  EXPECT_EQ(reply["type"], "echo_ok");
  EXPECT_EQ(reply["echo"], "Please echo 35");
  EXPECT_EQ(node.request({{"type", "bogus"}}, 2)["code"], 10);
}

TEST(NodeTemplates, LinKvWritesReadsAndCasesAnyJsonKey) {
  NodeProcess node(bin("lin_kv"));
  ASSERT_TRUE(node.init("n1", {"n1"}));
  EXPECT_EQ(node.request({{"type", "read"}, {"key", "k0"}}, 1)["code"], 20);
  EXPECT_EQ(node.request({{"type", "write"}, {"key", "k0"}, {"value", 3}}, 2)["type"], "write_ok");
  EXPECT_EQ(node.request({{"type", "write"}, {"key", 0}, {"value", 9}}, 3)["type"], "write_ok");
  EXPECT_EQ(node.request({{"type", "read"}, {"key", "k0"}}, 4)["value"], 3);
  EXPECT_EQ(node.request({{"type", "read"}, {"key", 0}}, 5)["value"], 9);  // 0 and "k0" are different keys
  EXPECT_EQ(node.request({{"type", "cas"}, {"key", "k0"}, {"from", 3}, {"to", 4}}, 6)["type"], "cas_ok");
  EXPECT_EQ(node.request({{"type", "cas"}, {"key", "k0"}, {"from", 3}, {"to", 5}}, 7)["code"], 22);
  EXPECT_EQ(node.request({{"type", "cas"}, {"key", "k1"}, {"from", 3}, {"to", 5}}, 8)["code"], 20);
  EXPECT_EQ(node.request({{"type", "read"}, {"key", "k0"}}, 9)["value"], 4);
}

TEST(NodeTemplates, BroadcastReadsBackWhatOneNodeWasSent) {
  NodeProcess node(bin("broadcast"));
  ASSERT_TRUE(node.init("n1", {"n1"}));
  EXPECT_EQ(node.request({{"type", "topology"}, {"topology", {{"n1", json::array()}}}}, 1)["type"], "topology_ok");
  EXPECT_EQ(node.request({{"type", "broadcast"}, {"message", 10}}, 2)["type"], "broadcast_ok");
  EXPECT_EQ(node.request({{"type", "broadcast"}, {"message", 11}}, 3)["type"], "broadcast_ok");
  json read = node.request({{"type", "read"}}, 4);
  EXPECT_EQ(read["type"], "read_ok");
  EXPECT_EQ(read["messages"].size(), 2u);
  EXPECT_TRUE(contains(read["messages"], 10));
  EXPECT_TRUE(contains(read["messages"], 11));
}

TEST(NodeTemplates, BroadcastGossipsToItsNeighbourUntilAcknowledged) {
  NodeProcess node(bin("broadcast"));
  ASSERT_TRUE(node.init("n1", {"n1", "n2"}));
  auto gossip_to_n2 = [](json& m) { return m["dest"] == "n2" && m["body"]["type"] == "gossip"; };
  EXPECT_EQ(node.request({{"type", "broadcast"}, {"message", 7}}, 1)["type"], "broadcast_ok");
  auto first = node.next(gossip_to_n2);
  ASSERT_TRUE(first);
  EXPECT_TRUE(contains((*first)["body"]["messages"], 7));
  // n2 stays silent: the same value is sent again.
  auto again = node.next(gossip_to_n2);
  ASSERT_TRUE(again);
  EXPECT_TRUE(contains((*again)["body"]["messages"], 7));
  node.send("n2", {{"type", "gossip_ok"}, {"in_reply_to", (*again)["body"]["msg_id"]}});
  // Once acknowledged, 7 is no longer owed: a later gossip carries the new value alone.
  // (Each gossip is acknowledged; should ours have come after the node's 1 s
  // timeout, 7 may ride along once more, so a few gossips are allowed.)
  EXPECT_EQ(node.request({{"type", "broadcast"}, {"message", 8}}, 2)["type"], "broadcast_ok");
  bool only_new = false;
  for (int round = 0; round < 5 && !only_new; ++round) {
    auto gossip = node.next(gossip_to_n2);
    ASSERT_TRUE(gossip);
    json sent = (*gossip)["body"]["messages"];
    only_new = contains(sent, 8) && !contains(sent, 7);
    node.send("n2", {{"type", "gossip_ok"}, {"in_reply_to", (*gossip)["body"]["msg_id"]}});
  }
  EXPECT_TRUE(only_new);
  // And a value that arrives by gossip is read back.
  node.send("n2", {{"type", "gossip"}, {"msg_id", 99}, {"messages", {42}}});
  EXPECT_TRUE(contains(node.request({{"type", "read"}}, 3)["messages"], 42));
}

TEST(NodeTemplates, PrimaryBackupServesAloneAndWaitsForItsBackup) {
  NodeProcess node(bin("primary_backup"));
  ASSERT_TRUE(node.init("n1", {"n1", "n2"}));
  node.send("c1", {{"type", "write"}, {"msg_id", 1}, {"key", "k"}, {"value", 5}});
  auto replicate = node.next([](json& m) { return m["dest"] == "n2" && m["body"]["type"] == "replicate"; });
  ASSERT_TRUE(replicate);
  EXPECT_EQ((*replicate)["body"]["value"], 5);
  node.send("n2", {{"type", "replicate_ok"}, {"in_reply_to", (*replicate)["body"]["msg_id"]}});
  auto ok = node.next([](json& m) { return m["dest"] == "c1" && m["body"]["in_reply_to"] == 1; });
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["body"]["type"], "write_ok");
  EXPECT_EQ(node.request({{"type", "read"}, {"key", "k"}}, 2)["value"], 5);
}

TEST(NodeTemplates, PrimaryBackupBackupForwardsWritesToThePrimary) {
  NodeProcess node(bin("primary_backup"));
  ASSERT_TRUE(node.init("n2", {"n1", "n2"}));
  // Should our answer as n1 come after the template's 1 s forwarding timeout
  // (a stalled test process), the client gets error 0 instead: try again.
  json answer;
  for (int id = 1; id <= 5; ++id) {
    node.send("c1", {{"type", "write"}, {"msg_id", id}, {"key", "k"}, {"value", 6}});
    auto forwarded = node.next([](json& m) { return m["dest"] == "n1" && m["body"]["type"] == "write"; });
    ASSERT_TRUE(forwarded);
    EXPECT_EQ((*forwarded)["body"]["value"], 6);
    node.send("n1", {{"type", "write_ok"}, {"in_reply_to", (*forwarded)["body"]["msg_id"]}});
    auto ok = node.next([&](json& m) { return m["dest"] == "c1" && m["body"]["in_reply_to"] == id; });
    ASSERT_TRUE(ok);
    answer = (*ok)["body"];
    if (!(answer["type"] == "error" && answer["code"] == 0)) break;
  }
  EXPECT_EQ(answer["type"], "write_ok");
}

TEST(NodeTemplates, RaftSingleNodeElectsItselfThenServes) {
  NodeProcess node(bin("raft"));
  ASSERT_TRUE(node.init("n1", {"n1"}));
  // Before its election timeout the node knows no leader (error 11); retry until it leads.
  json reply;
  for (int id = 1; id < 200; ++id) {
    reply = node.request({{"type", "write"}, {"key", "k"}, {"value", 1}}, id);
    if (reply["type"] != "error") break;
    ASSERT_EQ(reply["code"], 11) << reply.dump();
    usleep(50000);
  }
  EXPECT_EQ(reply["type"], "write_ok");
  EXPECT_EQ(node.request({{"type", "read"}, {"key", "k"}}, 500)["value"], 1);
}

TEST(NodeTemplates, RaftCandidateWithAMajorityOfVotesLeads) {
  NodeProcess node(bin("raft"));
  ASSERT_TRUE(node.init("n1", {"n1", "n2", "n3"}));
  // Grant n2's vote to each election n1 starts (if our answer came after the
  // node's 300 ms vote timeout, it starts another), until it sends heartbeats.
  json granted_term;
  std::optional<json> heartbeat;
  for (int round = 0; round < 10 && !heartbeat; ++round) {
    auto m = node.next([](json& m) { return (m["dest"] == "n2" && m["body"]["type"] == "request_vote") ||
                                            (m["dest"] == "n3" && m["body"]["type"] == "append_entries"); });
    ASSERT_TRUE(m);
    if ((*m)["body"]["type"] == "append_entries") { heartbeat = m; break; }
    granted_term = (*m)["body"]["term"];
    EXPECT_EQ((*m)["body"]["candidate_id"], "n1");
    node.send("n2", {{"type", "request_vote_ok"}, {"in_reply_to", (*m)["body"]["msg_id"]},
                     {"term", granted_term}, {"vote_granted", true}});
  }
  // With its own vote and n2's (2 of 3) it leads: heartbeats of the granted term follow.
  ASSERT_TRUE(heartbeat);
  EXPECT_EQ((*heartbeat)["body"]["term"], granted_term);
  EXPECT_EQ((*heartbeat)["body"]["leader_id"], "n1");
  // A message of a newer term makes it a follower of that term's leader: requests are forwarded.
  node.send("n3", {{"type", "append_entries"}, {"msg_id", 77}, {"term", 5}, {"leader_id", "n3"}});
  node.send("c1", {{"type", "read"}, {"msg_id", 1}, {"key", "k"}});
  auto forwarded = node.next([](json& m) { return m["dest"] == "n3" && m["body"]["type"] == "read"; });
  ASSERT_TRUE(forwarded);
}

}  // namespace
