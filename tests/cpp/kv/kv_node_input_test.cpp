// What a node does with input it must not trust (found by the sanitizers and
// the seeded fuzzing in tests/fuzz):
// - Maelstrom's init, for every protocol: a node accepts an init that lists it
//   among the cluster's nodes, and refuses any other with error 12
//   (malformed-request) while staying as it was. Before, an init naming a node
//   outside node_ids left the node's own index at -1, and Raft's first
//   election tick wrote before the start of its vote vector.
// - A peer's counters (terms, views, versions) so large that counting on from
//   them would overflow: the message is dropped. Before, a Raft term of
//   2^63 - 1 made the next election overflow (undefined behaviour).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "node_factory.h"
#include "node_harness.h"
#include "raft_node.h"

namespace kv {
namespace {

Message read_request(const std::string& dest) {
  Message m;
  m.src = "c1";
  m.dest = dest;
  m.body.type = MsgType::read;
  m.body.msg_id = 8;
  m.body.key = "k";
  return m;
}

// The one reply to a refused init: error 12 to the sender, answering its msg_id.
void expect_refused(const std::vector<Message>& out, const std::string& why) {
  ASSERT_EQ(out.size(), 1u) << why;
  EXPECT_EQ(out[0].body.type, MsgType::error) << why;
  EXPECT_EQ(out[0].body.code, code::malformed_request) << why;
  EXPECT_EQ(out[0].dest, "c0") << why;
  ASSERT_TRUE(out[0].body.in_reply_to.has_value()) << why;
  EXPECT_EQ(*out[0].body.in_reply_to, 7) << why;
  EXPECT_NE(out[0].body.text.find("init"), std::string::npos) << out[0].body.text;
}

class InitPerProtocol : public ::testing::TestWithParam<std::string> {};

TEST_P(InitPerProtocol, NodeOutsideNodeIdsIsRefusedAndStaysUninitialized) {
  auto node = make_node(GetParam(), NodeConfig{}, 1);
  ASSERT_TRUE(node);
  std::vector<Message> out;
  node->handle(init_message("n9", {"n1", "n2", "n3"}), 0, out);
  expect_refused(out, "n9 not in [n1 n2 n3]");
  EXPECT_FALSE(node->initialized());
  EXPECT_EQ(node->id(), "");

  // Ticks well past every timer (election, failover, request timeout) do nothing.
  for (Time t = 0; t <= 2 * kSecond; t += 10 * kMillisecond) {
    out.clear();
    node->tick(t, out);
    EXPECT_TRUE(out.empty()) << "tick at " << t;
  }
  // Clients still hear "not initialized yet" (11), as before any init.
  out.clear();
  node->handle(read_request("n9"), 0, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.code, code::temporarily_unavailable);
}

TEST_P(InitPerProtocol, EmptyOrDuplicatedIdsAreRefused) {
  struct Case {
    std::string node_id;
    std::vector<std::string> node_ids;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"", {"n1", "n2"}, "empty node_id"},
      {"n1", {}, "empty node_ids"},
      {"n1", {"n1", "", "n2"}, "an empty id among node_ids"},
      {"n1", {"n1", "n2", "n1"}, "n1 listed twice"},
      {"n1", {"n1", "n2", "n2"}, "n2 listed twice"},
  };
  for (const Case& c : cases) {
    auto node = make_node(GetParam(), NodeConfig{}, 1);
    std::vector<Message> out;
    node->handle(init_message(c.node_id, c.node_ids), 0, out);
    expect_refused(out, c.why);
    EXPECT_FALSE(node->initialized()) << c.why;
  }
}

TEST_P(InitPerProtocol, ValidInitAfterARefusedOneIsAccepted) {
  auto node = make_node(GetParam(), NodeConfig{}, 1);
  std::vector<Message> out;
  node->handle(init_message("n9", {"n1", "n2", "n3"}), 0, out);
  out.clear();
  node->handle(init_message("n2", {"n1", "n2", "n3"}), 0, out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].body.type, MsgType::init_ok);
  EXPECT_EQ(*out[0].body.in_reply_to, 7);
  EXPECT_TRUE(node->initialized());
  EXPECT_EQ(node->id(), "n2");
  for (Time t = 0; t <= 2 * kSecond; t += 10 * kMillisecond) {
    out.clear();
    node->tick(t, out);
    for (const Message& m : out) EXPECT_EQ(m.src, "n2");
  }
}

TEST_P(InitPerProtocol, RefusedInitLeavesAnInitializedNodeAsItWas) {
  auto node = make_node(GetParam(), NodeConfig{}, 1);
  std::vector<Message> out;
  node->handle(init_message("n1", {"n1", "n2", "n3"}), 0, out);
  ASSERT_TRUE(node->initialized());
  out.clear();
  node->handle(init_message("n4", {"n1", "n2"}), 0, out);
  expect_refused(out, "n4 not in [n1 n2]");
  EXPECT_EQ(node->id(), "n1");
  EXPECT_EQ(node->node_ids(), (std::vector<std::string>{"n1", "n2", "n3"}));
}

INSTANTIATE_TEST_SUITE_P(EveryProtocol, InitPerProtocol, ::testing::ValuesIn(protocol_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

constexpr std::int64_t kHuge = std::numeric_limits<std::int64_t>::max();

// A node of `protocol` initialized as n1 of n1..n3, and a helper to send it a peer message.
struct PeerHarness {
  std::unique_ptr<Node> node;
  std::vector<Message> out;
  explicit PeerHarness(const std::string& protocol) : node(make_node(protocol, NodeConfig{}, 1)) {
    node->handle(init_message("n1", {"n1", "n2", "n3"}), 0, out);
  }
  const std::vector<Message>& send(Body body, Time now = 0) {
    Message m;
    m.src = "n2";
    m.dest = "n1";
    m.body = std::move(body);
    m.body.msg_id = 100;
    out.clear();
    node->handle(m, now, out);
    return out;
  }
};

TEST(PeerCounters, RaftDropsATermNoNodeCouldReachAndStillElectsNormally) {
  PeerHarness h("raft");
  Body vote;
  vote.type = MsgType::request_vote;
  vote.term = kHuge;
  EXPECT_TRUE(h.send(vote).empty()) << "a vote request with term 2^63-1 is answered";
  Body append;
  append.type = MsgType::append_entries;
  append.term = 1;
  append.leader_commit = 0;
  append.entries.push_back(LogEntry{});
  append.entries[0].term = -kHuge;
  EXPECT_TRUE(h.send(append).empty()) << "an entry with term -(2^63-1) is accepted";
  const auto& raft = static_cast<const RaftNode&>(*h.node);
  EXPECT_EQ(raft.term(), 0);
  EXPECT_TRUE(raft.log().empty());
  // Past the longest election timeout the node stands for term 1 and asks both peers.
  h.out.clear();
  h.node->tick(kSecond, h.out);
  EXPECT_EQ(raft.term(), 1);
  EXPECT_EQ(h.out.size(), 2u);
}

TEST(PeerCounters, PrimaryBackupDropsAViewTooLargeForItsVersions) {
  PeerHarness h("primary-backup");
  Body heartbeat;
  heartbeat.type = MsgType::heartbeat;
  heartbeat.view = std::int64_t{1} << 40;  // view << 32 would overflow a version
  EXPECT_TRUE(h.send(heartbeat).empty());
  // Still the primary of view 0: a client's write is answered here, not forwarded.
  Message write;
  write.src = "c1";
  write.dest = "n1";
  write.body.type = MsgType::write;
  write.body.msg_id = 1;
  write.body.key = "k";
  write.body.value = 5;
  h.out.clear();
  h.node->handle(write, 0, h.out);
  bool acknowledged = false;
  for (const Message& m : h.out) acknowledged |= m.dest == "c1" && m.body.type == MsgType::write_ok;
  EXPECT_TRUE(acknowledged);
}

TEST(PeerCounters, QuorumDropsAVersionItsClockCouldNotCountPast) {
  PeerHarness h("quorum");
  Body write;
  write.type = MsgType::replica_write;
  write.key = "k";
  write.value = 1;
  write.version = kHuge;
  EXPECT_TRUE(h.send(write).empty()) << "a replica write with version 2^63-1 is acknowledged";
  write.version = 12345;
  const auto& out = h.send(write);
  ASSERT_EQ(out.size(), 1u) << "an ordinary replica write is not acknowledged";
  EXPECT_EQ(out[0].body.type, MsgType::replica_write_ok);
}

// The real kvnode process: the refusal goes out on stdout as a Maelstrom
// message and the process keeps running (and ticking) without a fault.
TEST(KvNodeInit, RefusesAnInitOutsideNodeIdsOnStdout) {
  const std::string init =
      R"({"src":"c0","dest":"n9","body":{"type":"init","msg_id":1,"node_id":"n9","node_ids":["n1","n2","n3"]}})";
  // stdin stays open a little so the node ticks a few times before EOF ends it.
  const std::string command =
      "(printf '%s\\n' '" + init + "'; sleep 0.1) | " + std::string(KVNODE_BIN) + " --protocol raft 2>/dev/null";
  FILE* p = popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  const int status = pclose(p);
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_EQ(WEXITSTATUS(status), 0) << output;
  EXPECT_NE(output.find(R"("code":12)"), std::string::npos) << output;
  EXPECT_NE(output.find(R"("in_reply_to":1)"), std::string::npos) << output;
  EXPECT_EQ(output.find("init_ok"), std::string::npos) << output;
}

}  // namespace
}  // namespace kv
