// The core of <cdd/maelstrom.h> without any I/O: lines in, a clock value
// passed in, lines out. Every time here is virtual, so nothing depends on load.
#include <cdd/maelstrom.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace cdd::maelstrom;

namespace {

std::string line(const std::string& src, const std::string& dest, const json& body) {
  return dump(json{{"src", src}, {"dest", dest}, {"body", body}});
}

// Every line of output, parsed (a test fails on a line that is not a message).
std::vector<Message> parse_all(const std::vector<std::string>& lines) {
  std::vector<Message> out;
  for (const auto& l : lines) {
    std::string why;
    auto m = parse_line(l, why);
    EXPECT_TRUE(m) << l << ": " << why;
    if (m) out.push_back(*m);
  }
  return out;
}

// A node after init as n1 of {n1, n2, n3}, its init_ok taken.
void init(Node& node, Millis now = 0) {
  node.handle_line(line("c1", "n1", {{"type", "init"}, {"msg_id", 1}, {"node_id", "n1"}, {"node_ids", {"n1", "n2", "n3"}}}), now);
  node.take_output();
}

TEST(MaelstromNodeCore, InitIsAnsweredWithInitOkAndSetsIds) {
  Node node;
  bool hook_saw_id = false;
  node.on("init", [&](Message&) { hook_saw_id = node.id() == "n1"; });
  node.handle_line(line("c1", "n1", {{"type", "init"}, {"msg_id", 7}, {"node_id", "n1"}, {"node_ids", {"n1", "n2"}}}), 0);
  auto out = parse_all(node.take_output());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type(), "init_ok");
  EXPECT_EQ(out[0].src, "n1");
  EXPECT_EQ(out[0].dest, "c1");
  EXPECT_EQ(out[0].body["in_reply_to"], 7);
  EXPECT_EQ(node.id(), "n1");
  EXPECT_EQ(node.node_ids(), (std::vector<std::string>{"n1", "n2"}));
  EXPECT_TRUE(hook_saw_id);
}

TEST(MaelstromNodeCore, ReplyCarriesInReplyToAndGoesToTheSender) {
  Node node;
  node.on("echo", [&](Message& req) { node.reply(req, {{"type", "echo_ok"}, {"echo", req.body["echo"]}}); });
  init(node);
  node.handle_line(line("c9", "n1", {{"type", "echo"}, {"msg_id", 42}, {"echo", "hello"}}), 1);
  auto out = parse_all(node.take_output());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dest, "c9");
  EXPECT_EQ(out[0].type(), "echo_ok");
  EXPECT_EQ(out[0].body["in_reply_to"], 42);
  EXPECT_EQ(out[0].body["echo"], "hello");
  EXPECT_TRUE(out[0].body["msg_id"].is_number_integer());
}

TEST(MaelstromNodeCore, RpcCallbackRunsOnceWithTheReply) {
  Node node;
  init(node);
  int calls = 0;
  json seen;
  node.rpc("n2", {{"type", "ping"}}, [&](Message& reply) { ++calls; seen = reply.body; });
  auto sent = parse_all(node.take_output());
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].dest, "n2");
  json id = sent[0].body["msg_id"];
  node.handle_line(line("n2", "n1", {{"type", "pong"}, {"in_reply_to", id}, {"x", 5}}), 10);
  node.handle_line(line("n2", "n1", {{"type", "pong"}, {"in_reply_to", id}, {"x", 6}}), 11);  // a duplicate
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen["x"], 5);
  EXPECT_TRUE(node.take_output().empty());  // the duplicate reply is not answered
  EXPECT_FALSE(node.take_log().empty());    // but it is logged
}

TEST(MaelstromNodeCore, RpcTimeoutCallsBackWithErrorZeroOnceAndDropsTheLateReply) {
  Node node;
  init(node, 100);
  int calls = 0;
  json seen;
  node.rpc("n3", {{"type", "ping"}}, [&](Message& reply) { ++calls; seen = reply.body; }, 50);
  json id = parse_all(node.take_output()).at(0).body["msg_id"];
  EXPECT_EQ(node.next_deadline(), 150);
  node.advance(149);
  EXPECT_EQ(calls, 0);
  node.advance(150);
  ASSERT_EQ(calls, 1);
  EXPECT_EQ(seen["type"], "error");
  EXPECT_EQ(seen["code"], code::timeout);
  EXPECT_EQ(seen["in_reply_to"], id);
  node.handle_line(line("n3", "n1", {{"type", "pong"}, {"in_reply_to", id}}), 200);
  node.advance(1000);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(node.next_deadline(), -1);
}

TEST(MaelstromNodeCore, TimersFireWhenTheClockReachesThem) {
  Node node;
  std::vector<std::string> fired;
  node.every(100, [&] { fired.push_back("every@" + std::to_string(node.now())); });
  auto once = node.after(30, [&] { fired.push_back("after@" + std::to_string(node.now())); });
  (void)once;
  EXPECT_EQ(node.next_deadline(), 30);
  node.advance(29);
  EXPECT_TRUE(fired.empty());
  node.advance(30);
  node.advance(99);
  node.advance(100);
  node.advance(250);  // one firing for the missed 200, not a burst
  node.advance(300);
  EXPECT_EQ(fired, (std::vector<std::string>{"after@30", "every@100", "every@250", "every@300"}));
  EXPECT_EQ(node.next_deadline(), 400);
}

TEST(MaelstromNodeCore, CancelledTimerDoesNotFire) {
  Node node;
  int fired = 0;
  auto timer = node.after(10, [&] { ++fired; });
  node.cancel(timer);
  node.advance(100);
  EXPECT_EQ(fired, 0);
  EXPECT_EQ(node.next_deadline(), -1);
}

TEST(MaelstromNodeCore, UnknownTypeGetsErrorTen) {
  Node node;
  init(node);
  node.handle_line(line("c1", "n1", {{"type", "frobnicate"}, {"msg_id", 3}}), 1);
  auto out = parse_all(node.take_output());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type(), "error");
  EXPECT_EQ(out[0].body["code"], code::not_supported);
  EXPECT_EQ(out[0].body["in_reply_to"], 3);
}

TEST(MaelstromNodeCore, ErrorRepliesCarryTheGivenCode) {
  Node node;
  node.on("read", [&](Message& req) { node.error(req, code::key_does_not_exist, "no such key"); });
  init(node);
  node.handle_line(line("c1", "n1", {{"type", "read"}, {"msg_id", 4}, {"key", 1}}), 1);
  auto out = parse_all(node.take_output());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body["code"], 20);
  EXPECT_EQ(out[0].body["text"], "no such key");
}

TEST(MaelstromNodeCore, MalformedLinesAreLoggedAndSkipped) {
  Node node;
  node.on("echo", [&](Message& req) { node.reply(req, {{"type", "echo_ok"}}); });
  init(node);
  for (const char* bad : {"{not json", "[1,2]", "{\"src\":\"c1\",\"dest\":\"n1\"}", "{\"src\":1,\"dest\":\"n1\",\"body\":{}}",
                          "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":[]}"}) {
    node.handle_line(bad, 1);
  }
  EXPECT_TRUE(node.take_output().empty());
  auto log = node.take_log();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_NE(log[0].find("not JSON"), std::string::npos);
  EXPECT_NE(log[2].find("body"), std::string::npos);
  // The node still serves the next good line.
  node.handle_line(line("c1", "n1", {{"type", "echo"}, {"msg_id", 9}}), 2);
  EXPECT_EQ(parse_all(node.take_output()).size(), 1u);
}

TEST(MaelstromNodeCore, SendRefusesABodyThatIsNotAnObject) {
  Node node;
  init(node);
  node.send("n2", json::array({1, 2}));
  EXPECT_TRUE(node.take_output().empty());
  auto log = node.take_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("[1,2]"), std::string::npos);
}

TEST(MaelstromNodeCore, LogJoinsStringsNumbersAndJson) {
  Node node;
  node.log("term ", 3, " ok=", true, " body=", json{{"a", 1}});
  EXPECT_EQ(node.take_log(), (std::vector<std::string>{"term 3 ok=true body={\"a\":1}"}));
}

}  // namespace
