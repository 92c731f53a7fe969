// The harness's network and topologies (cpp/maelstrom/router.h, topology.h).
#include <gtest/gtest.h>

#include "router.h"
#include "topology.h"

using maelstrom::Json;
using maelstrom::Route;
using maelstrom::Router;

namespace {

std::string line(const std::string& src, const std::string& dest) {
  return Json{{"src", src}, {"dest", dest}, {"body", {{"type", "gossip"}, {"message", 1}}}}.dump();
}

}  // namespace

TEST(MaelstromRouter, DeliversBetweenNodesAndToClients) {
  Router r(3);
  auto to_node = r.route(0, line("n1", "n3"));
  EXPECT_EQ(to_node.route, Route::to_node);
  EXPECT_EQ(to_node.node, 2);
  EXPECT_EQ(r.route(1, line("n2", "c7")).route, Route::to_client);
  EXPECT_EQ(r.route(1, line("n2", "c0")).route, Route::to_client);
  EXPECT_EQ(r.counts().node_to_node, 1);
  EXPECT_EQ(r.counts().delivered, 1);
  EXPECT_EQ(r.counts().to_clients, 2);
}

TEST(MaelstromRouter, RejectsLinesThatAreNotMessagesAndForgedSources) {
  Router r(2);
  EXPECT_EQ(r.route(0, "hello").route, Route::rejected);
  EXPECT_EQ(r.route(0, "[1,2]").route, Route::rejected);
  EXPECT_EQ(r.route(0, R"({"src":"n1","dest":"n2","body":{}})").route, Route::rejected);  // no type
  const auto forged = r.route(0, line("n2", "n1"));
  EXPECT_EQ(forged.route, Route::rejected);
  EXPECT_NE(forged.why.find("not n1"), std::string::npos) << forged.why;
  EXPECT_EQ(r.counts().rejected, 4);
}

TEST(MaelstromRouter, NamesUnknownDestinations) {
  Router r(2);
  for (const char* dest : {"n3", "n0", "n01", "lin-kv", "c01", "x"}) {
    const auto result = r.route(0, line("n1", dest));
    EXPECT_EQ(result.route, Route::unknown_dest) << dest;
    EXPECT_EQ(result.why, dest);
  }
}

TEST(MaelstromRouter, IsolationDropsBothWaysOnlyForTheIsolatedNode) {
  Router r(3);
  r.isolate(0);
  EXPECT_EQ(r.route(0, line("n1", "n2")).route, Route::dropped_partition);
  EXPECT_EQ(r.route(2, line("n3", "n1")).route, Route::dropped_partition);
  EXPECT_EQ(r.route(1, line("n2", "n3")).route, Route::to_node);
  EXPECT_EQ(r.route(0, line("n1", "c1")).route, Route::to_client);  // clients still reach every node
  r.isolate(-1);
  EXPECT_EQ(r.route(0, line("n1", "n2")).route, Route::to_node);
  EXPECT_EQ(r.counts().dropped_partition, 2);
  EXPECT_EQ(r.counts().node_to_node, 4);
}

TEST(MaelstromRouter, DropsMessagesToADownNode) {
  Router r(2);
  r.set_down(1);
  EXPECT_EQ(r.route(0, line("n1", "n2")).route, Route::dropped_down);
  EXPECT_EQ(r.counts().dropped_down, 1);
}

TEST(MaelstromTopology, RingLinksEachNodeToItsTwoNeighbours) {
  const auto t = maelstrom::make_topology("ring", 5);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0], (std::vector<int>{1, 4}));
  EXPECT_EQ(t[2], (std::vector<int>{1, 3}));
  EXPECT_EQ(maelstrom::make_topology("ring", 2)[0], (std::vector<int>{1}));
  EXPECT_TRUE(maelstrom::make_topology("ring", 1)[0].empty());
}

TEST(MaelstromTopology, GridIsSquareRowByRowAndSymmetric) {
  // 5 nodes in a 3-wide grid:  n1 n2 n3 / n4 n5
  const auto t = maelstrom::make_topology("grid", 5);
  EXPECT_EQ(t[0], (std::vector<int>{1, 3}));
  EXPECT_EQ(t[1], (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(t[2], (std::vector<int>{1}));
  EXPECT_EQ(t[4], (std::vector<int>{1, 3}));
  for (size_t a = 0; a < t.size(); ++a)
    for (int b : t[a]) EXPECT_NE(std::find(t[b].begin(), t[b].end(), static_cast<int>(a)), t[b].end());
  const Json j = maelstrom::topology_json(t);
  EXPECT_EQ(j["n2"], (Json{"n1", "n3", "n5"}));
  EXPECT_TRUE(maelstrom::make_topology("star", 3).empty());
}
