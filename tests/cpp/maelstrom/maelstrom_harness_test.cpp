// The harness's core (cpp/maelstrom/harness.h and the workloads) against
// in-process fake nodes in virtual time (fake_cluster.h).
#include <gtest/gtest.h>

#include <map>

#include "fake_cluster.h"
#include "lin_kv_workload.h"

using maelstrom::HarnessOptions;
using maelstrom::Json;
using maelstrom::Verdict;
using maelstrom_test::FakeNode;
using maelstrom_test::reply_to;
using maelstrom_test::run_fake;

namespace {

std::unique_ptr<maelstrom::Workload> workload(const std::string& name, std::uint64_t seed = 1) {
  maelstrom::WorkloadOptions o;
  o.name = name;
  o.seed = seed;
  return maelstrom::make_workload(o);
}

HarnessOptions options(int nodes, long long ops, std::uint64_t seed = 1) {
  HarnessOptions o;
  o.nodes = nodes;
  o.ops = ops;
  o.seed = seed;
  return o;
}

std::string type_of(const Json& m) { return m["body"]["type"]; }

// Answers init and echo; `echo_text` may change what comes back.
FakeNode echo_node(std::function<Json(const Json&, int)> echo_text = nullptr) {
  return [echo_text](const Json& m, int self) -> std::vector<Json> {
    if (type_of(m) == "init") return {reply_to(m, {{"type", "init_ok"}})};
    const Json echo = echo_text ? echo_text(m, self) : m["body"]["echo"];
    return {reply_to(m, {{"type", "echo_ok"}, {"echo", echo}})};
  };
}

}  // namespace

TEST(MaelstromHarness, InitialisesEveryNodeWithItsIdAndTheList) {
  auto run = run_fake(options(3, 5), workload("echo"), echo_node());
  for (int i = 0; i < 3; ++i) {
    const Json& init = run.received[i].at(0);
    EXPECT_EQ(init["body"]["type"], "init");
    EXPECT_EQ(init["body"]["node_id"], "n" + std::to_string(i + 1));
    EXPECT_EQ(init["body"]["node_ids"], (Json{"n1", "n2", "n3"}));
    EXPECT_EQ(init["src"], "c0");
  }
}

TEST(MaelstromHarness, CorrectEchoNodesAreValid) {
  auto run = run_fake(options(3, 50), workload("echo"), echo_node());
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::valid) << run.summary.verdict.sentence;
  EXPECT_EQ(run.summary.ops, 50);
  EXPECT_EQ(run.summary.ok, 50);
  size_t echoes = 0;
  for (const auto& got : run.received) echoes += got.size() - 1;  // all but init
  EXPECT_EQ(echoes, 50u);
}

TEST(MaelstromHarness, AWrongEchoIsInvalidAndNamesTheNode) {
  auto run = run_fake(options(2, 20), workload("echo"), echo_node([](const Json& m, int self) {
    return self == 1 ? Json("something else") : m["body"]["echo"];
  }));
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_NE(run.summary.verdict.sentence.find("n2 answered op"), std::string::npos) << run.summary.verdict.sentence;
}

TEST(MaelstromHarness, OpsDependOnTheSeedOnly) {
  auto bodies = [](std::uint64_t seed, int clients) {
    HarnessOptions o = options(3, 30, seed);
    o.clients = clients;
    auto run = run_fake(o, workload("lin-kv", seed), [](const Json& m, int) -> std::vector<Json> {
      if (type_of(m) == "init") return {reply_to(m, {{"type", "init_ok"}})};
      return {reply_to(m, {{"type", "error"}, {"code", 20}})};
    });
    std::map<std::string, std::string> by_node;  // node -> its requests without ids, in order
    for (size_t n = 0; n < run.received.size(); ++n)
      for (Json m : run.received[n]) by_node[std::to_string(n)] += (m["body"].erase("msg_id"), m["body"].dump());
    return by_node;
  };
  // The same seed gives each node the same requests, however many clients send them.
  EXPECT_EQ(bodies(5, 2), bodies(5, 6));
  EXPECT_NE(bodies(5, 2), bodies(6, 2));
}

TEST(MaelstromHarness, ANodeThatNeverAnswersInitIsNamed) {
  auto run = run_fake(options(3, 10), workload("echo"), [](const Json& m, int self) -> std::vector<Json> {
    if (type_of(m) == "init" && self == 2) return {};
    return echo_node()(m, self);
  });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_EQ(run.summary.verdict.sentence, "n3 did not answer init");
  EXPECT_EQ(run.summary.ops, 0);
  EXPECT_GE(run.end, maelstrom::HarnessOptions{}.init_timeout);
}

TEST(MaelstromHarness, ALineThatIsNotAMessageIsAProblem) {
  auto run = run_fake(options(1, 3), workload("echo"), [](const Json& m, int self) -> std::vector<Json> {
    auto out = echo_node()(m, self);
    if (type_of(m) == "echo") out.push_back(Json{{"debug", "hello"}});
    return out;
  });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_NE(run.summary.verdict.sentence.find("n1 wrote a line that is not a Maelstrom message"), std::string::npos)
      << run.summary.verdict.sentence;
}

TEST(MaelstromHarness, ACrashedNodeIsNamedAndItsOpsEnd) {
  auto harness = std::make_unique<maelstrom::Harness>(options(2, 4), workload("echo"));
  harness->start(0);
  for (const auto& d : harness->take_outbox())  // init
    harness->on_line(d.node, reply_to(Json::parse(d.line), {{"type", "init_ok"}}).dump(), 10);
  const auto requests = harness->take_outbox();
  ASSERT_EQ(requests.size(), 4u);  // four clients, one request each
  harness->on_exit(1, "exited with code 3", 20);
  for (const auto& d : requests)
    if (d.node == 0) harness->on_line(0, echo_node()(Json::parse(d.line), 0)[0].dump(), 30);
  harness->on_tick(40);
  for (int guard = 0; guard < 100 && !harness->done(); ++guard) {  // any later op goes to the live node
    for (const auto& d : harness->take_outbox()) {
      ASSERT_EQ(d.node, 0);
      harness->on_line(0, echo_node()(Json::parse(d.line), 0)[0].dump(), 50);
    }
    harness->on_tick(60);
  }
  ASSERT_TRUE(harness->done()) << "the crashed node's requests never ended";
  const auto s = harness->summary();
  EXPECT_EQ(s.verdict.kind, Verdict::Kind::invalid);
  EXPECT_EQ(s.verdict.sentence, "n2 exited with code 3");
  EXPECT_GT(s.info, 0);
}

TEST(MaelstromHarness, TimeoutsAreInfoAndLateRepliesAreIgnored) {
  HarnessOptions o = options(1, 6);
  o.clients = 1;
  int requests = 0;
  std::vector<Json> held;
  auto run = run_fake(o, workload("lin-kv"), [&](const Json& m, int) -> std::vector<Json> {
    if (type_of(m) == "init") return {reply_to(m, {{"type", "init_ok"}})};
    if (++requests == 2) {  // op 2 gets no answer in time; its answer comes with op 3's
      held.push_back(reply_to(m, {{"type", "error"}, {"code", 20}}));
      return {};
    }
    std::vector<Json> out = std::move(held);
    held.clear();
    out.push_back(reply_to(m, {{"type", "error"}, {"code", 20}}));
    return out;
  });
  EXPECT_EQ(run.summary.info, 1);
  EXPECT_EQ(run.summary.ops, 6);
  EXPECT_EQ(run.summary.notes.back(), "1 reply(ies) came after their request timed out");
  EXPECT_GE(run.end, maelstrom::HarnessOptions{}.op_timeout);
  // Jepsen's rule: after an info the client is a new process.
  const auto& lin = dynamic_cast<const maelstrom::LinKvWorkload&>(run.harness->workload());
  EXPECT_EQ(lin.history().front().process, 0);
  EXPECT_EQ(lin.history().back().process, 1);
}

TEST(MaelstromHarness, TheTimeLimitEndsARunAndSaysWhere) {
  HarnessOptions o = options(1, 1000);
  o.time_limit = 2 * o.op_timeout;
  o.clients = 1;
  // The node answers init and then no echo at all.
  auto run = run_fake(o, workload("echo"), [](const Json& m, int self) -> std::vector<Json> {
    if (type_of(m) == "init") return echo_node()(m, self);
    return {};
  });
  EXPECT_EQ(run.summary.verdict.kind, Verdict::Kind::invalid);
  EXPECT_EQ(run.summary.verdict.sentence,
            "the run reached its time limit during the operations after 2 of 1000 ops, with 1 request(s) unanswered");
}
