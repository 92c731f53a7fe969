// The simulator: same seed, same bytes; each nemesis does what it says.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "simulator.h"
#include "trace.h"

namespace kv {
namespace {

SimOptions small(const std::string& protocol = "raft") {
  SimOptions o;
  o.protocol = protocol;
  o.nodes = 5;
  o.ops = 300;
  o.seed = 7;
  return o;
}

struct Recorded {
  std::string history;
  std::string trace;
  SimStats stats;
};

Recorded record(const SimOptions& options) {
  Simulator sim(options);
  Recorded r;
  sim.observer = [&](const SimEvent& e) { r.trace += sim_event_json(e, sim).dump() + "\n"; };
  sim.run();
  r.history = to_jsonl(sim.history());
  r.stats = sim.stats();
  return r;
}

int node_of(const std::string& id) { return id.size() > 1 && id[0] == 'n' ? std::stoi(id.substr(1)) - 1 : -1; }

TEST(Simulator, SameSeedSameBytes) {
  SimOptions o = small();
  std::string error;
  ASSERT_TRUE(Nemesis::parse("all", o.nemesis, error));
  const Recorded a = record(o), b = record(o);
  EXPECT_FALSE(a.history.empty());
  EXPECT_GT(a.trace.size(), 10'000u);
  EXPECT_EQ(a.history, b.history);
  EXPECT_EQ(a.trace, b.trace);
  // And a run without an observer records the same history.
  Simulator quiet(o);
  quiet.run();
  EXPECT_EQ(to_jsonl(quiet.history()), a.history);
  // Another seed, another run.
  o.seed = 8;
  EXPECT_NE(record(o).history, a.history);
}

TEST(Simulator, FaultFreeRaftAnswersAlmostEverything) {
  SimOptions o = small();
  Simulator sim(o);
  sim.run();
  const SimStats& s = sim.stats();
  EXPECT_EQ(s.invoked, 300);
  EXPECT_EQ(s.ok + s.fail + s.info, 300);
  EXPECT_EQ(s.info, 0);
  EXPECT_EQ(s.dropped, 0u);
  EXPECT_GT(s.ok, 100);
}

// Runs a cluster with a hand-made fault and collects node-to-node deliveries.
std::vector<std::pair<int, int>> deliveries(Simulator& sim, Time until) {
  std::vector<std::pair<int, int>> links;
  sim.observer = [&](const SimEvent& e) {
    if (e.kind != SimEvent::Kind::deliver || !e.message) return;
    const int a = node_of(e.message->src), b = node_of(e.message->dest);
    if (a >= 0 && b >= 0) links.emplace_back(a, b);
  };
  while (sim.now() < until && sim.step()) {
  }
  sim.observer = nullptr;
  return links;
}

TEST(Simulator, PartitionedNodesExchangeNoMessages) {
  SimOptions o = small();
  o.ops = 100000;  // keep clients busy for the whole window
  Simulator sim(o);
  sim.mutable_network().split({0, 1});
  const auto links = deliveries(sim, 3 * kSecond);
  ASSERT_GT(links.size(), 100u);
  for (auto [a, b] : links) {
    EXPECT_EQ(a <= 1, b <= 1) << "n" << a + 1 << " -> n" << b + 1 << " crossed the partition";
  }
  EXPECT_GT(sim.stats().dropped, 0u);
}

TEST(Simulator, OneWayPartitionBlocksOneDirectionOnly) {
  SimOptions o = small();
  o.ops = 100000;
  Simulator sim(o);
  // n1 cannot send to anyone, but everyone can still send to n1.
  for (int b = 1; b < 5; ++b) sim.mutable_network().block(0, b);
  const auto links = deliveries(sim, 3 * kSecond);
  int into_n1 = 0;
  for (auto [a, b] : links) {
    EXPECT_NE(a, 0) << "n1 sent to n" << b + 1;
    into_n1 += b == 0;
  }
  EXPECT_GT(into_n1, 10);
}

TEST(Simulator, CrashedNodeReceivesNothingUntilRestart) {
  SimOptions o = small();
  o.ops = 100000;
  Simulator sim(o);
  deliveries(sim, 1 * kSecond);
  sim.crash(2, /*lose_volatile_state=*/true);
  std::set<std::string> while_down;
  int sent_by_n3 = 0;
  sim.observer = [&](const SimEvent& e) {
    if (e.kind == SimEvent::Kind::deliver && e.message) {
      EXPECT_NE(e.message->dest, "n3");
      sent_by_n3 += e.message->src == "n3";
    }
  };
  while (sim.now() < 2 * kSecond && sim.step()) {
  }
  // Only messages already in flight when it crashed can come from n3.
  EXPECT_LT(sent_by_n3, 20);
  sim.restart(2);
  const auto links = deliveries(sim, 3 * kSecond);
  int to_n3 = 0;
  for (auto [a, b] : links) to_n3 += b == 2;
  EXPECT_GT(to_n3, 10);
}

TEST(Simulator, DropAndDuplicate) {
  SimOptions o = small();
  o.ops = 100000;
  {
    Simulator sim(o);
    sim.mutable_network().drop_rate = 1.0;
    const auto links = deliveries(sim, 2 * kSecond);
    EXPECT_TRUE(links.empty());
    EXPECT_GT(sim.stats().dropped, 100u);
  }
  {
    // Primary-backup: its messages do not beget retries, so duplicating all of them stays bounded.
    SimOptions pb = small("primary-backup");
    pb.ops = 100000;
    Simulator sim(pb);
    sim.mutable_network().duplicate_rate = 1.0;
    std::map<std::pair<std::string, std::int64_t>, int> copies;
    sim.observer = [&](const SimEvent& e) {
      if (e.kind == SimEvent::Kind::deliver && e.message && e.message->body.msg_id &&
          node_of(e.message->src) >= 0 && node_of(e.message->dest) >= 0) {
        ++copies[{e.message->src, *e.message->body.msg_id}];
      }
    };
    while (sim.now() < 2 * kSecond && sim.step()) {
    }
    ASSERT_FALSE(copies.empty());
    int twice = 0;
    for (const auto& [id, n] : copies) twice += n == 2;
    EXPECT_GT(twice, static_cast<int>(copies.size()) * 9 / 10);
    EXPECT_GT(sim.stats().duplicated, 100u);
  }
}

TEST(Simulator, ReorderingDeliversOutOfSendOrder) {
  SimOptions o = small();
  o.ops = 100000;
  o.latency.kind = Latency::Kind::constant;
  o.latency.a = 2 * kMillisecond;
  auto overtaken = [&](Time reorder) {
    Simulator sim(o);
    sim.mutable_network().reorder_delay = reorder;
    std::map<std::pair<std::string, std::string>, std::int64_t> last;
    int count = 0;
    sim.observer = [&](const SimEvent& e) {
      if (e.kind != SimEvent::Kind::deliver || !e.message || !e.message->body.msg_id) return;
      if (node_of(e.message->src) < 0 || node_of(e.message->dest) < 0) return;
      auto& seen = last[{e.message->src, e.message->dest}];
      if (*e.message->body.msg_id < seen) ++count;
      seen = std::max(seen, *e.message->body.msg_id);
    };
    while (sim.now() < 2 * kSecond && sim.step()) {
    }
    return count;
  };
  EXPECT_EQ(overtaken(0), 0);  // constant latency keeps each link in order
  EXPECT_GT(overtaken(50 * kMillisecond), 10);
}

TEST(Simulator, LatencyDistributions) {
  Rng rng(3);
  Latency c{Latency::Kind::constant, 2 * kMillisecond, 0};
  EXPECT_EQ(c.sample(rng), 2 * kMillisecond);
  Latency u{Latency::Kind::uniform, 1 * kMillisecond, 5 * kMillisecond};
  Latency e{Latency::Kind::exponential, 3 * kMillisecond, 0};
  double sum_u = 0, sum_e = 0;
  for (int i = 0; i < 20000; ++i) {
    const Time t = u.sample(rng);
    ASSERT_GE(t, 1 * kMillisecond);
    ASSERT_LT(t, 5 * kMillisecond);
    sum_u += static_cast<double>(t);
    const Time x = e.sample(rng);
    ASSERT_GE(x, 0);
    sum_e += static_cast<double>(x);
  }
  EXPECT_NEAR(sum_u / 20000 / kMillisecond, 3.0, 0.1);
  EXPECT_NEAR(sum_e / 20000 / kMillisecond, 3.0, 0.15);

  Latency parsed;
  std::string error;
  EXPECT_TRUE(Latency::parse("uniform:1ms:5ms", parsed, error));
  EXPECT_EQ(parsed.b, 5 * kMillisecond);
  EXPECT_TRUE(Latency::parse("exponential:500us", parsed, error));
  EXPECT_EQ(parsed.a, 500'000);
  EXPECT_FALSE(Latency::parse("gaussian:1ms", parsed, error));
  EXPECT_FALSE(Latency::parse("uniform:5ms:1ms", parsed, error));
  EXPECT_FALSE(error.empty());

  // In the simulator: with constant latency every client request arrives exactly that much later.
  SimOptions o = small();
  o.latency = c;
  o.ops = 50;
  Simulator sim(o);
  std::map<std::pair<std::string, std::int64_t>, Time> sent;
  int checked = 0;
  sim.observer = [&](const SimEvent& ev) {
    if (!ev.message || !is_client_id(ev.message->src) || !ev.message->body.msg_id) return;
    const auto id = std::make_pair(ev.message->src, *ev.message->body.msg_id);
    if (ev.kind == SimEvent::Kind::invoke) sent[id] = ev.time;
    if (ev.kind == SimEvent::Kind::deliver) {
      EXPECT_EQ(ev.time - sent.at(id), 2 * kMillisecond);
      ++checked;
    }
  };
  sim.run();
  EXPECT_EQ(checked, 50);
}

TEST(Simulator, NemesisScheduleInjectsAndHealsFaults) {
  SimOptions o = small();
  o.ops = 2000;
  std::string error;
  ASSERT_TRUE(Nemesis::parse("partition,crash,drop,dup,reorder", o.nemesis, error));
  EXPECT_EQ(o.nemesis.describe(), "partition,crash,drop,dup,reorder");
  EXPECT_FALSE(Nemesis::parse("partition,flood", o.nemesis, error));
  EXPECT_NE(error.find("flood"), std::string::npos);
  ASSERT_TRUE(Nemesis::parse("all", o.nemesis, error));
  Simulator sim(o);
  std::map<std::string, int> kinds;
  sim.observer = [&](const SimEvent& e) {
    if (e.kind == SimEvent::Kind::fault || e.kind == SimEvent::Kind::crash || e.kind == SimEvent::Kind::heal ||
        e.kind == SimEvent::Kind::restart) {
      ++kinds[sim_event_name(e.kind)];
    }
  };
  sim.run();
  EXPECT_GT(kinds["fault"], 0);
  EXPECT_GT(kinds["heal"], 0);
  EXPECT_GE(sim.stats().heal_time, 0);
  for (int i = 0; i < sim.node_count(); ++i) EXPECT_TRUE(sim.node_up(i)) << "every node is back after the heal";
}

TEST(Simulator, RejectsNonsenseOptions) {
  SimOptions o;
  o.protocol = "paxos";
  EXPECT_THROW(Simulator{o}, std::invalid_argument);
  o = SimOptions{};
  o.nodes = 0;
  EXPECT_THROW(Simulator{o}, std::invalid_argument);
  o = SimOptions{};
  o.keys = 0;
  EXPECT_THROW(Simulator{o}, std::invalid_argument);
}

}  // namespace
}  // namespace kv
