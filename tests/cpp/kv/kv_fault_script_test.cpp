// Scripted faults, message ids and the event hash: each step does what the
// contract (web/src/widgets/cluster/README.md, "Fault steps") says, at its
// time, deterministically; every message is sent once with an id and then
// delivered or dropped under it; the same options give the same hash.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "fault_script.h"
#include "raft_node.h"
#include "simulator.h"
#include "trace.h"

namespace kv {
namespace {

// What a test needs of an event (SimEvent points into the simulator; this copies).
struct Seen {
  SimEvent::Kind kind;
  Time time;
  std::uint64_t id;
  std::string src, dest;
  int node;
  std::string text;
  Time sent, arrive;
  bool from_step;
};

bool between_nodes(const Seen& e) { return !e.src.empty() && e.src[0] == 'n' && !e.dest.empty() && e.dest[0] == 'n'; }
bool touches(const Seen& e, const std::string& node) { return e.src == node || e.dest == node; }

std::vector<FaultStep> script(const std::string& text, int nodes = 5) {
  std::vector<FaultStep> steps;
  std::string error;
  EXPECT_TRUE(parse_fault_script(nlohmann::json::parse(text), nodes, steps, error)) << error;
  return steps;
}

SimOptions busy(const std::string& protocol = "raft", int nodes = 5) {
  SimOptions o;
  o.protocol = protocol;
  o.nodes = nodes;
  o.seed = 7;
  o.ops = 100000;  // clients stay busy for the whole window
  return o;
}

// Runs to `until` and returns every event, ticks included.
std::vector<Seen> watch(Simulator& sim, Time until) {
  std::vector<Seen> seen;
  sim.observer = [&](const SimEvent& e) {
    Seen s{e.kind, e.time, e.id, "", "", e.node, e.text, e.sent, e.arrive, e.step != nullptr};
    if (e.message) {
      s.src = e.message->src;
      s.dest = e.message->dest;
    }
    seen.push_back(std::move(s));
  };
  sim.run_until(until);
  sim.observer = nullptr;
  return seen;
}

const Time ms = kMillisecond;

TEST(EventHash, SameOptionsSameHashAnotherSeedAnotherHash) {
  SimOptions o = busy();
  o.ops = 600;
  std::string error;
  ASSERT_TRUE(Nemesis::parse("all", o.nemesis, error));
  o.faults = script(R"([{"at": 700, "do": "pause", "node": "n2"}, {"at": 900, "do": "resume", "node": "n2"},
                        {"at": 1200, "do": "isolate", "node": "n4"}, {"at": 1500, "do": "heal"}])");
  auto run = [](const SimOptions& options, bool observe) {
    Simulator sim(options);
    std::uint64_t observed = 0;
    if (observe) sim.observer = [&](const SimEvent& e) { observed += e.kind != SimEvent::Kind::tick; };
    sim.run();
    if (observe) {
      EXPECT_EQ(observed, sim.stats().events) << "every reported event but ticks is hashed";
    }
    return sim.stats();
  };
  const SimStats a = run(o, false), b = run(o, true);
  EXPECT_GT(a.events, 10'000u);
  EXPECT_EQ(a.event_hash, b.event_hash) << "an observer changes nothing";
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(event_hash_hex(a.event_hash).size(), 16u);
  SimOptions other_seed = o;
  other_seed.seed = 8;
  EXPECT_NE(run(other_seed, false).event_hash, a.event_hash);
  SimOptions other_script = o;
  other_script.faults[3].at = 1600 * ms;  // heal 100 ms later
  EXPECT_NE(run(other_script, false).event_hash, a.event_hash);
}

TEST(MessageIds, EverySendIsDeliveredOrDroppedUnderItsId) {
  SimOptions o = busy();
  o.ops = 1500;
  std::string error;
  ASSERT_TRUE(Nemesis::parse("all", o.nemesis, error));
  o.nemesis_interval = 300 * ms;
  Simulator sim(o);
  const std::vector<Seen> events = watch(sim, o.max_time);
  ASSERT_TRUE(sim.done());
  std::map<std::uint64_t, const Seen*> sends;
  std::map<std::uint64_t, int> delivered, dropped;
  for (size_t i = 0; i < events.size(); ++i) {
    const Seen& e = events[i];
    if (e.kind == SimEvent::Kind::send) {
      ASSERT_TRUE(sends.emplace(e.id, &e).second) << "id " << e.id << " sent twice";
      if (e.arrive < 0) {
        ASSERT_LT(i + 1, events.size());
        EXPECT_EQ(events[i + 1].kind, SimEvent::Kind::drop) << "dropped at once: the drop follows the send";
        EXPECT_EQ(events[i + 1].id, e.id);
      } else {
        EXPECT_GT(e.arrive, e.time);
      }
    } else if (e.kind == SimEvent::Kind::deliver || e.kind == SimEvent::Kind::drop) {
      auto it = sends.find(e.id);
      ASSERT_NE(it, sends.end()) << "id " << e.id << " was never sent";
      EXPECT_EQ(e.sent, it->second->time);
      EXPECT_EQ(e.src, it->second->src);
      EXPECT_EQ(e.dest, it->second->dest);
      if (e.kind == SimEvent::Kind::deliver && delivered[e.id]++ == 0) {
        EXPECT_EQ(e.time, it->second->arrive) << "the first copy arrives when the send said";
      }
      if (e.kind == SimEvent::Kind::drop) ++dropped[e.id];
    }
  }
  int twice = 0;
  for (const auto& [id, n] : delivered) {
    EXPECT_LE(n + dropped[id], 2) << "id " << id;
    twice += n == 2;
  }
  EXPECT_GT(sim.stats().duplicated, 0u);
  EXPECT_GT(twice, 0) << "duplicated messages are delivered twice under one id";
  EXPECT_EQ(sends.rbegin()->first, sends.size()) << "ids count from 1 without gaps";
}

TEST(MessageIds, DuplicateEverythingDeliversEachNodeMessageTwiceWithOneId) {
  // Primary-backup: its messages beget no retries, so duplicating all of them stays bounded.
  SimOptions o = busy("primary-backup");
  o.faults = script(R"([{"at": 0, "do": "set", "duplicate": 1}])");
  Simulator sim(o);
  const std::vector<Seen> events = watch(sim, 1000 * ms);
  std::map<std::uint64_t, int> copies;
  for (const Seen& e : events) {
    if (e.kind == SimEvent::Kind::deliver) ++copies[e.id];
  }
  int checked = 0;
  for (const Seen& e : events) {
    // Latency is at most 5 ms, so both copies of anything sent by 995 ms have arrived by 1000 ms.
    if (e.kind != SimEvent::Kind::send || e.time > 995 * ms) continue;
    EXPECT_EQ(copies[e.id], between_nodes(e) ? 2 : 1) << e.src << " -> " << e.dest << " id " << e.id;
    checked += between_nodes(e);
  }
  EXPECT_GT(checked, 50);
}

TEST(FaultScript, IsolateCutsTheNodeOffBothWaysUntilHeal) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 1000, "do": "isolate", "node": "n2"}, {"at": 2000, "do": "heal"}])");
  Simulator sim(o);
  const std::vector<Seen> events = watch(sim, 3000 * ms);
  int others = 0, after_heal = 0, cut = 0;
  for (const Seen& e : events) {
    if (!between_nodes(e)) continue;
    const bool window = e.time >= 1000 * ms && e.time < 2000 * ms;
    if (e.kind == SimEvent::Kind::send && window && touches(e, "n2")) {
      EXPECT_LT(e.arrive, 0) << e.src << " -> " << e.dest << " at " << e.time;
      ++cut;
    }
    if (e.kind == SimEvent::Kind::deliver && e.sent >= 1000 * ms && e.sent < 2000 * ms) {
      EXPECT_FALSE(touches(e, "n2")) << e.src << " -> " << e.dest << " sent at " << e.sent;
      ++others;
    }
    if (e.kind == SimEvent::Kind::drop && e.time >= 1000 * ms && e.time < 2000 * ms && touches(e, "n2")) {
      EXPECT_EQ(e.text, "partition");
    }
    if (e.kind == SimEvent::Kind::deliver && e.sent >= 2000 * ms && touches(e, "n2")) ++after_heal;
  }
  EXPECT_GT(cut, 10);
  EXPECT_GT(others, 100) << "the rest of the cluster kept talking";
  EXPECT_GT(after_heal, 10) << "heal reconnects n2";
}

TEST(FaultScript, BlockIsOneWayAndPartitionOnlyBetweenGroups) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 500, "do": "block", "from": ["n1"], "to": ["n2", "n3", "n4", "n5"]},
                        {"at": 1500, "do": "heal"},
                        {"at": 2000, "do": "partition", "groups": [["n1", "n2"], ["n3", "n4", "n5"]]}])");
  Simulator sim(o);
  const std::vector<Seen> events = watch(sim, 3000 * ms);
  auto side = [](const std::string& n) { return n == "n1" || n == "n2" ? 0 : 1; };
  int into_n1 = 0, within[2] = {0, 0};
  for (const Seen& e : events) {
    if (e.kind != SimEvent::Kind::deliver || !between_nodes(e)) continue;
    if (e.sent >= 500 * ms && e.sent < 1500 * ms) {
      EXPECT_NE(e.src, "n1") << "n1 reached " << e.dest << " through a one-way block";
      into_n1 += e.dest == "n1";
    }
    if (e.sent >= 2000 * ms) {
      EXPECT_EQ(side(e.src), side(e.dest)) << e.src << " -> " << e.dest << " crossed the partition";
      ++within[side(e.src)];
    }
  }
  EXPECT_GT(into_n1, 10) << "the other direction stays open";
  EXPECT_GT(within[0], 10);
  EXPECT_GT(within[1], 10);
}

TEST(FaultScript, PauseParksMessagesAndResumeDeliversThemInArrivalOrder) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 1000, "do": "pause", "node": "n2"}, {"at": 1500, "do": "resume", "node": "n2"}])");
  Simulator sim(o);
  std::vector<Seen> events = watch(sim, 1200 * ms);
  EXPECT_TRUE(sim.node_up(1));
  EXPECT_TRUE(sim.node_paused(1));
  const std::vector<Seen> rest = watch(sim, 2000 * ms);
  EXPECT_FALSE(sim.node_paused(1));
  events.insert(events.end(), rest.begin(), rest.end());
  auto at = [&](SimEvent::Kind kind) {
    return std::find_if(events.begin(), events.end(), [&](const Seen& e) { return e.kind == kind; });
  };
  const auto paused = at(SimEvent::Kind::pause), resumed = at(SimEvent::Kind::resume);
  ASSERT_NE(paused, events.end());
  ASSERT_NE(resumed, events.end());
  EXPECT_TRUE(paused->from_step && resumed->from_step);
  // While paused n2 neither ticks, nor handles, nor sends; what reaches it waits.
  std::vector<const Seen*> waiting;
  for (auto it = paused + 1; it != resumed; ++it) {
    EXPECT_FALSE(it->kind == SimEvent::Kind::tick && it->node == 1) << "n2 ticked at " << it->time;
    EXPECT_FALSE(it->kind == SimEvent::Kind::deliver && it->dest == "n2") << "n2 handled id " << it->id;
    EXPECT_FALSE(it->kind == SimEvent::Kind::send && it->src == "n2") << "n2 sent id " << it->id;
  }
  for (const Seen& e : events) {
    if (e.kind == SimEvent::Kind::send && e.dest == "n2" && e.arrive > 1000 * ms && e.arrive < 1500 * ms) {
      waiting.push_back(&e);
    }
  }
  ASSERT_GT(waiting.size(), 5u);
  std::stable_sort(waiting.begin(), waiting.end(), [](const Seen* a, const Seen* b) { return a->arrive < b->arrive; });
  std::vector<std::uint64_t> expected, got;
  for (const Seen* e : waiting) expected.push_back(e->id);
  for (auto it = resumed + 1; it != events.end() && it->time == 1500 * ms; ++it) {
    if (it->kind == SimEvent::Kind::deliver && it->dest == "n2") got.push_back(it->id);
  }
  EXPECT_EQ(got, expected) << "resume delivers what waited, in the order it arrived";
  int ticks_after = 0;
  for (auto it = resumed; it != events.end(); ++it) ticks_after += it->kind == SimEvent::Kind::tick && it->node == 1;
  EXPECT_GT(ticks_after, 10);
}

TEST(FaultScript, SetDropOneDropsEveryNodeMessageAndHealKeepsTheRate) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 500, "do": "set", "drop": 1}, {"at": 800, "do": "heal"},
                        {"at": 1200, "do": "set", "drop": 0}])");
  Simulator sim(o);
  const std::vector<Seen> events = watch(sim, 2000 * ms);
  int lost = 0, client_requests = 0, after = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const Seen& e = events[i];
    const bool window = e.time > 500 * ms && e.time < 1200 * ms;
    if (e.kind == SimEvent::Kind::send && window && between_nodes(e)) {
      EXPECT_LT(e.arrive, 0);
      ASSERT_LT(i + 1, events.size());
      EXPECT_EQ(events[i + 1].text, "loss");
      ++lost;
    }
    if (e.kind == SimEvent::Kind::send && window && e.src[0] == 'c') {
      EXPECT_GE(e.arrive, 0) << "client links only have latency";
      ++client_requests;
    }
    if (e.kind == SimEvent::Kind::deliver && between_nodes(e)) {
      EXPECT_FALSE(e.sent > 500 * ms && e.sent < 1200 * ms) << "id " << e.id << " got through";
      after += e.sent > 1200 * ms;
    }
  }
  EXPECT_GT(lost, 100);
  EXPECT_GT(client_requests, 0);
  EXPECT_GT(after, 100) << "drop 0 lets messages through again";
}

// Crashes n1 at 2 s and restarts it at 2.5 s; returns its commit index at the restart.
std::int64_t commit_at_restart(bool keep, std::int64_t& commit_at_crash, int& delivered_while_down) {
  SimOptions o = busy("raft", 3);
  o.faults = script(std::string(R"([{"at": 2000, "do": "crash", "node": "n1", "keep": )") + (keep ? "true" : "false") +
                        R"(}, {"at": 2500, "do": "restart", "node": "n1"}])",
                    3);
  Simulator sim(o);
  const RaftNode& n1 = dynamic_cast<const RaftNode&>(sim.node(0));
  std::int64_t at_restart = -1;
  delivered_while_down = 0;
  sim.observer = [&](const SimEvent& e) {
    if (e.kind == SimEvent::Kind::crash) commit_at_crash = n1.commit_index();
    if (e.kind == SimEvent::Kind::restart) at_restart = n1.commit_index();
    if (e.kind == SimEvent::Kind::deliver && e.message->dest == "n1" && e.time > 2000 * ms && e.time < 2500 * ms) {
      ++delivered_while_down;
    }
  };
  sim.run_until(3000 * ms);
  return at_restart;
}

TEST(FaultScript, CrashWithoutKeepLosesVolatileStateWithKeepNot) {
  std::int64_t at_crash = 0;
  int while_down = 0;
  EXPECT_EQ(commit_at_restart(false, at_crash, while_down), 0) << "the commit index is volatile";
  EXPECT_GT(at_crash, 10);
  EXPECT_EQ(while_down, 0);
  const std::int64_t kept = commit_at_restart(true, at_crash, while_down);
  EXPECT_GT(at_crash, 10);
  EXPECT_EQ(kept, at_crash) << "keep: the node resumes with what it had";
  EXPECT_EQ(while_down, 0);
}

TEST(FaultScript, LeaderIsResolvedWhenTheStepRuns) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 2000, "do": "crash", "node": "leader"}, {"at": 2000, "do": "isolate", "node": "leader"}])");
  Simulator sim(o);
  sim.run_until(2000 * ms - 1);
  const int leader = sim.current_leader();
  ASSERT_GE(leader, 0) << "a fault-free Raft cluster has a leader after 2 s";
  const std::vector<Seen> events = watch(sim, 2000 * ms);
  std::vector<const Seen*> caused;
  for (const Seen& e : events) {
    if (e.from_step) caused.push_back(&e);
  }
  ASSERT_EQ(caused.size(), 2u);
  EXPECT_EQ(caused[0]->kind, SimEvent::Kind::crash);
  EXPECT_EQ(caused[0]->node, leader);
  EXPECT_FALSE(sim.node_up(leader));
  // The old leader is down now and nobody else leads yet: the second step finds no leader.
  EXPECT_EQ(caused[1]->kind, SimEvent::Kind::fault);
  EXPECT_NE(caused[1]->text.find("no leader"), std::string::npos) << caused[1]->text;
}

TEST(FaultScript, NoLeaderMeansNothingHappens) {
  SimOptions o = busy("quorum");  // coordinators, never a leader
  o.faults = script(R"([{"at": 500, "do": "crash", "node": "leader"}])");
  SimOptions plain = o;
  plain.faults.clear();
  Simulator sim(o), without(plain);
  const std::vector<Seen> events = watch(sim, 1000 * ms);
  without.run_until(1000 * ms);
  const auto fault = std::find_if(events.begin(), events.end(), [](const Seen& e) { return e.from_step; });
  ASSERT_NE(fault, events.end());
  EXPECT_EQ(fault->kind, SimEvent::Kind::fault);
  EXPECT_EQ(fault->text, "crash leader: there was no leader, nothing happened");
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(sim.node_up(i));
  EXPECT_EQ(to_jsonl(sim.history()), to_jsonl(without.history()));
}

TEST(FaultScript, TrapIsLiveOnlyAndChangesNothing) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 500, "do": "trap", "node": "n3"}])");
  SimOptions plain = o;
  plain.faults.clear();
  Simulator sim(o), without(plain);
  const std::vector<Seen> events = watch(sim, 1500 * ms);
  without.run_until(1500 * ms);
  const auto fault = std::find_if(events.begin(), events.end(), [](const Seen& e) { return e.from_step; });
  ASSERT_NE(fault, events.end());
  EXPECT_EQ(fault->kind, SimEvent::Kind::fault);
  EXPECT_NE(fault->text.find("live"), std::string::npos) << fault->text;
  EXPECT_EQ(to_jsonl(sim.history()), to_jsonl(without.history()));
  EXPECT_EQ(sim.stats().delivered, without.stats().delivered);
}

TEST(FaultScript, StepsAtOneTimeRunInScriptOrder) {
  SimOptions o = busy();
  o.faults = script(R"([{"at": 1000, "do": "restart", "node": "n1"}, {"at": 1000, "do": "crash", "node": "n1"},
                        {"at": 1000, "do": "restart", "node": "n1"}])");
  Simulator sim(o);
  std::vector<std::string> order;
  for (const Seen& e : watch(sim, 1000 * ms)) {
    if (e.from_step) order.push_back(sim_event_name(e.kind) + (e.text.empty() ? "" : ": " + e.text));
  }
  const std::vector<std::string> expected = {"fault: restart n1: it is not down", "crash: loses volatile state",
                                             "restart"};
  EXPECT_EQ(order, expected);
}

TEST(FaultScript, RunUntilStopsAtTheTimeAndAddsUpToTheWholeRun) {
  SimOptions o = busy();
  o.ops = 400;
  o.faults = script(R"([{"at": 300, "do": "isolate", "node": "leader"}, {"at": 900, "do": "heal"}])");
  Simulator whole(o), pieces(o);
  whole.run();
  Time limit = 0;
  std::uint64_t events = 0;
  while (!pieces.done()) {
    limit += 100 * ms;
    for (const Seen& e : watch(pieces, limit)) {
      EXPECT_LE(e.time, limit);
      EXPECT_GT(e.time, limit - 100 * ms);
      events += e.kind != SimEvent::Kind::tick;
    }
    ASSERT_LT(limit, 3600 * kSecond);
  }
  EXPECT_EQ(events, whole.stats().events);
  EXPECT_EQ(pieces.stats().event_hash, whole.stats().event_hash);
  EXPECT_EQ(to_jsonl(pieces.history()), to_jsonl(whole.history()));
}

TEST(FaultScriptParsing, ClearErrorsNamingTheStep) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"at": 1, "do": "heal"})", "faults must be a list of steps"},
      {R"([{"at": 1, "do": "heal"}, {"at": 1, "do": "explode"}])", "faults[1]: unknown 'do': 'explode'"},
      {R"([{"at": 1}])", "faults[0]: missing 'do'"},
      {R"([{"at": 1, "do": "crash", "node": "n9"}])", "faults[0]: unknown node 'n9' in 'node' (the nodes are n1..n5"},
      {R"([{"at": 1, "do": "crash"}])", "'node' must be a node id"},
      {R"([{"at": -1, "do": "heal"}])", "'at' must be a time in ms from 0 to 3600000"},
      {R"([{"at": 3600001, "do": "heal"}])", "'at' must be a time in ms from 0 to 3600000"},
      {R"([{"do": "heal"}])", "'at' must be"},
      {R"([{"at": 1, "do": "set", "drop": 1.5}])", "'drop' must be a rate from 0 to 1"},
      {R"([{"at": 1, "do": "set", "duplicate": -0.1}])", "'duplicate' must be a rate from 0 to 1"},
      {R"([{"at": 1, "do": "set", "delayMs": 1001}])", "'delayMs' must be from 0 to 1000"},
      {R"([{"at": 1, "do": "set"}])", "needs at least one of drop, duplicate, delayMs"},
      {R"([{"at": 1, "do": "partition", "groups": [["n1"], []]}])", "groups must not be empty"},
      {R"([{"at": 1, "do": "partition", "groups": [["n1", "n2"], ["n2", "n3"]]}])", "groups overlap: n2"},
      {R"([{"at": 1, "do": "partition", "groups": [["n1", "n2"]]}])", "at least two groups"},
      {R"([{"at": 1, "do": "partition", "groups": [["n1"], ["leader"]]}])", "unknown node 'leader'"},
      {R"([{"at": 1, "do": "block", "from": [], "to": ["n2"]}])", "needs nodes in both 'from' and 'to'"},
      {R"([{"at": 1, "do": "block", "from": "n1", "to": ["n2"]}])", "'from' must be a list of node ids"},
      {R"([{"at": 1, "do": "crash", "node": "n1", "keep": "yes"}])", "'keep' must be true or false"},
  };
  for (const auto& [text, expected] : cases) {
    std::vector<FaultStep> out(1);
    std::string error;
    EXPECT_FALSE(parse_fault_script(nlohmann::json::parse(text), 5, out, error)) << text;
    EXPECT_NE(error.find(expected), std::string::npos) << text << "\n  error: " << error;
    EXPECT_EQ(out.size(), 1u) << "out is left as it was";
  }
}

TEST(FaultScriptParsing, EveryStepKindParsesAndKeepsItsText) {
  const char* text = R"([{"at": 0, "do": "crash", "node": "leader", "keep": true}, {"at": 1.5, "do": "restart", "node": "n2"},
    {"at": 2, "do": "pause", "node": "n3"}, {"at": 3, "do": "resume", "node": "n3"}, {"at": 4, "do": "isolate", "node": "n5"},
    {"at": 5, "do": "partition", "groups": [["n1"], ["n2", "n3"]]}, {"at": 6, "do": "block", "from": ["n1"], "to": ["n2"]},
    {"at": 7, "do": "heal"}, {"at": 8, "do": "set", "drop": 0.25, "duplicate": 0, "delayMs": 30},
    {"at": 3600000, "do": "trap", "node": "n4", "label": "ignored"}])";
  const nlohmann::json given = nlohmann::json::parse(text);
  std::vector<FaultStep> steps;
  std::string error;
  ASSERT_TRUE(parse_fault_script(given, 5, steps, error)) << error;
  ASSERT_EQ(steps.size(), 10u);
  EXPECT_EQ(steps[0].node, FaultStep::kLeader);
  EXPECT_TRUE(steps[0].keep);
  EXPECT_EQ(steps[1].at, 1'500'000);
  EXPECT_EQ(steps[5].groups, (std::vector<std::vector<int>>{{0}, {1, 2}}));
  EXPECT_EQ(steps[8].drop, 0.25);
  EXPECT_EQ(steps[8].delay, 30 * ms);
  EXPECT_EQ(steps[9].at, 3600 * kSecond);
  for (size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(fault_step_json(steps[i]), given[i]) << "the step as given";
  // A step built in C++ is written out in the same form.
  FaultStep built = steps[5];
  built.given.clear();
  EXPECT_EQ(fault_step_json(built), given[5]);
}

TEST(FaultScriptParsing, OptionsCheckNodesAgainstTheClusterAndTheSimulatorChecksBuiltSteps) {
  SimOptions o;
  std::string error;
  EXPECT_FALSE(sim_options_from_json(nlohmann::json::parse(R"({"nodes": 3, "faults": [{"at": 1, "do": "crash", "node": "n4"}]})"),
                                     o, error));
  EXPECT_NE(error.find("unknown node 'n4'"), std::string::npos) << error;
  ASSERT_TRUE(sim_options_from_json(
      nlohmann::json::parse(R"({"nodes": 4, "faults": [{"at": 1, "do": "crash", "node": "n4"}]})"), o, error));
  ASSERT_EQ(o.faults.size(), 1u);
  EXPECT_EQ(o.faults[0].node, 3);
  EXPECT_FALSE(o.nemesis.any()) << "no random nemesis unless asked";

  o = busy();
  FaultStep step;
  step.action = FaultStep::Action::pause;
  step.node = 7;
  o.faults = {step};
  EXPECT_THROW(Simulator{o}, std::invalid_argument);
}

// kvsim --faults: the script from a file, the hash printed; a bad script is refused (exit 2).
std::pair<int, std::string> kvsim(const std::string& arguments) {
  std::string out;
  FILE* p = popen((std::string(KVSIM_BIN) + " " + arguments + " 2>&1").c_str(), "r");
  if (!p) return {-1, ""};
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(KvSimFaults, ReadsTheScriptPrintsTheHashRefusesBadSteps) {
  const std::string good = ::testing::TempDir() + "kv_faults_good.json", bad = ::testing::TempDir() + "kv_faults_bad.json";
  std::ofstream(good) << R"([{"at": 500, "do": "isolate", "node": "leader"}, {"at": 1500, "do": "heal"}])";
  std::ofstream(bad) << R"([{"at": 500, "do": "isolate", "node": "n6"}])";
  const std::string common = "--protocol raft --nodes 5 --seed 3 --ops 300 ";
  const auto [code, out] = kvsim(common + "--faults " + good);
  EXPECT_EQ(code, 0) << out;
  const size_t at = out.find("event hash: ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string hash = out.substr(at + 12, 16);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << out;
  // The same run in-process: the same hash.
  SimOptions o;
  o.seed = 3;
  o.ops = 300;
  o.faults = script(R"([{"at": 500, "do": "isolate", "node": "leader"}, {"at": 1500, "do": "heal"}])");
  Simulator sim(o);
  sim.run();
  EXPECT_EQ(hash, event_hash_hex(sim.stats().event_hash));
  const std::string plain = kvsim(common).second;
  EXPECT_NE(plain.find("event hash: "), std::string::npos);
  EXPECT_EQ(plain.find(hash), std::string::npos) << "without the script, another hash";
  const auto [bad_code, bad_out] = kvsim(common + "--faults " + bad);
  EXPECT_EQ(bad_code, 2);
  EXPECT_NE(bad_out.find("faults[0]: unknown node 'n6'"), std::string::npos) << bad_out;
  EXPECT_EQ(kvsim(common + "--faults /nonexistent/faults.json").first, 2);
}

}  // namespace
}  // namespace kv
