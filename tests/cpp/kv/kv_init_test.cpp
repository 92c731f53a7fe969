// Maelstrom's init handshake, for every protocol: a node accepts an init that
// lists it among the cluster's nodes, and refuses any other with error 12
// (malformed-request) while staying as it was. Before this check, an init
// naming a node outside node_ids left the node's own index at -1, and Raft's
// first election tick wrote before the start of its vote vector.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <vector>

#include "node_factory.h"

namespace kv {
namespace {

Message init_message(const std::string& node_id, const std::vector<std::string>& node_ids) {
  Message m;
  m.src = "c0";
  m.dest = node_id.empty() ? "n1" : node_id;
  m.body.type = MsgType::init;
  m.body.msg_id = 7;
  m.body.node_id = node_id;
  m.body.node_ids = node_ids;
  return m;
}

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
