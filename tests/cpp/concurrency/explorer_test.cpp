// The interleaving explorer on the figures the lesson quotes, and more.
#include <gtest/gtest.h>

#include "explore.h"
#include "machine.h"
#include "program.h"

namespace {

using namespace cdd::explorer;

Program must_parse(const ProgramSpec& spec) {
  ParseResult r = parse_program(spec);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.program;
}

ProgramSpec two_threads(std::vector<std::string> lines, std::vector<std::pair<std::string, long long>> shared = {{"x", 0}}) {
  return ProgramSpec{shared, {{"A", lines}, {"B", lines}}};
}

TEST(Explorer, TwoStepCounterHasSixSchedulesTwoEndAtTwo) {
  Exploration e = explore_all(must_parse(two_threads({"r = x", "x = r + 1"})));
  EXPECT_EQ(e.schedules, 6u);
  ASSERT_EQ(e.outcomes.size(), 2u);
  ASSERT_NE(e.find("x=2"), nullptr);
  ASSERT_NE(e.find("x=1"), nullptr);
  EXPECT_EQ(e.find("x=2")->count, 2u);
  EXPECT_EQ(e.find("x=1")->count, 4u);
  EXPECT_FALSE(e.truncated);
  EXPECT_FALSE(e.deadlock_reachable());
}

TEST(Explorer, ThreeStepCounterHasTwentySchedules) {
  Exploration e = explore_all(must_parse(two_threads({"r = x", "r = r + 1", "x = r"})));
  EXPECT_EQ(e.schedules, 20u);  // 6 choose 3
  EXPECT_EQ(e.find("x=2")->count, 2u);  // only the two fully serial orders
  EXPECT_EQ(e.find("x=1")->count, 18u);
}

TEST(Explorer, ExampleSchedulesReallyEndInTheirOutcome) {
  Program p = must_parse(two_threads({"r = x", "r = r + 1", "x = r"}));
  Exploration e = explore_all(p);
  for (const auto& o : e.outcomes) {
    Machine m(p);
    for (int t : o.schedule) ASSERT_EQ(m.step(t), "");
    EXPECT_EQ(m.outcome().label, o.label);
  }
}

TEST(Explorer, MutexMakesEveryCompletedScheduleEndAtTwo) {
  Exploration e = explore_all(must_parse(two_threads({"lock(m)", "r = x", "x = r + 1", "unlock(m)"})));
  ASSERT_EQ(e.outcomes.size(), 1u);
  EXPECT_EQ(e.outcomes[0].label, "x=2");
  EXPECT_EQ(e.outcomes[0].kind, OutcomeKind::finished);
  EXPECT_EQ(e.schedules, 2u);  // whoever locks first runs its whole critical section
}

TEST(Explorer, AtomicFetchAddNeverLosesAnUpdate) {
  Exploration e = explore_all(must_parse(two_threads({"x.fetch_add(1)", "x.fetch_add(1)"})));
  EXPECT_EQ(e.schedules, 6u);
  ASSERT_EQ(e.outcomes.size(), 1u);
  EXPECT_EQ(e.outcomes[0].label, "x=4");
}

TEST(Explorer, OppositeLockOrderCanDeadlock) {
  ProgramSpec spec{{}, {{"A", {"lock(m1)", "lock(m2)", "unlock(m2)", "unlock(m1)"}},
                        {"B", {"lock(m2)", "lock(m1)", "unlock(m1)", "unlock(m2)"}}}};
  Program p = must_parse(spec);
  Exploration e = explore_all(p);
  EXPECT_TRUE(e.deadlock_reachable());
  const OutcomeSummary* dl = nullptr;
  for (const auto& o : e.outcomes)
    if (o.kind == OutcomeKind::deadlock) dl = &o;
  ASSERT_NE(dl, nullptr);
  EXPECT_EQ(dl->count, 2u);  // A then B take their first locks, or B then A
  EXPECT_NE(dl->label.find("blocked: m2 is held by B"), std::string::npos) << dl->label;
  // Its example schedule really deadlocks.
  Machine m(p);
  for (int t : dl->schedule) ASSERT_EQ(m.step(t), "");
  EXPECT_EQ(m.outcome().kind, OutcomeKind::deadlock);
  EXPECT_FALSE(m.can_run(0));
  EXPECT_FALSE(m.can_run(1));
}

TEST(Explorer, ConsistentLockOrderCannotDeadlock) {
  ProgramSpec spec{{}, {{"A", {"lock(m1)", "lock(m2)", "unlock(m2)", "unlock(m1)"}},
                        {"B", {"lock(m1)", "lock(m2)", "unlock(m2)", "unlock(m1)"}}}};
  Exploration e = explore_all(must_parse(spec));
  EXPECT_FALSE(e.deadlock_reachable());
  EXPECT_EQ(e.schedules, 2u);
}

TEST(Explorer, FinishedRunWithOnlyMutexesSaysTheyAreFreeAgain) {
  // The deadlock levels share no variables: their finished runs used to be
  // labelled "no shared variables", as if nothing had been shared.
  ProgramSpec spec{{}, {{"A", {"lock(m1)", "lock(m2)", "unlock(m2)", "unlock(m1)"}},
                        {"B", {"lock(m2)", "lock(m1)", "unlock(m1)", "unlock(m2)"}}}};
  Exploration e = explore_all(must_parse(spec));
  const OutcomeSummary* done = nullptr;
  for (const auto& o : e.outcomes)
    if (o.kind == OutcomeKind::finished) done = &o;
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(done->label, "m1 and m2 all free again");
  ProgramSpec one{{}, {{"A", {"lock(m)", "unlock(m)"}}}};
  EXPECT_EQ(explore_all(must_parse(one)).outcomes.at(0).label, "m free again");
}

TEST(Explorer, FinishedRunNamesAMutexAThreadKept) {
  ProgramSpec spec{{{"x", 0}}, {{"A", {"lock(m)", "x = 1"}}}};
  Exploration e = explore_all(must_parse(spec));
  ASSERT_EQ(e.outcomes.size(), 1u);
  EXPECT_EQ(e.outcomes[0].kind, OutcomeKind::finished);
  EXPECT_EQ(e.outcomes[0].label, "x=1, m still held by A");
}

TEST(Explorer, FinishedRunWithNothingSharedSaysSo) {
  ProgramSpec spec{{}, {{"A", {"r = 1"}}}};
  EXPECT_EQ(explore_all(must_parse(spec)).outcomes.at(0).label, "nothing shared to compare");
}

TEST(Explorer, WaitWithoutAFlagLosesTheWakeUp) {
  // B may notify before A waits; then A sleeps forever.
  ProgramSpec spec{{}, {{"A", {"lock(m)", "wait(cv, m)", "unlock(m)"}},
                        {"B", {"lock(m)", "notify_one(cv)", "unlock(m)"}}}};
  Exploration e = explore_all(must_parse(spec));
  EXPECT_TRUE(e.deadlock_reachable());
  bool finished = false;
  for (const auto& o : e.outcomes) finished = finished || o.kind == OutcomeKind::finished;
  EXPECT_TRUE(finished);  // and when A waits first, it works
}

TEST(Explorer, UnlockingAnUnheldMutexIsAFault) {
  ProgramSpec spec{{}, {{"A", {"unlock(m)"}}}};
  Exploration e = explore_all(must_parse(spec));
  ASSERT_EQ(e.outcomes.size(), 1u);
  EXPECT_EQ(e.outcomes[0].kind, OutcomeKind::fault);
}

TEST(Explorer, CapStopsAndSaysSo) {
  ProgramSpec spec{{{"x", 0}}, {}};
  for (const char* name : {"A", "B", "C", "D"})
    spec.threads.push_back({name, {"r = x", "r = r + 1", "x = r", "r = x", "r = r + 1", "x = r"}});
  Exploration e = explore_all(must_parse(spec), 500);
  EXPECT_TRUE(e.truncated);
  EXPECT_LE(e.states, 500u);
}

TEST(Explorer, FourThreadsSixStepsExploreFullyUnderTheDefaultCap) {
  ProgramSpec spec{{{"x", 0}}, {}};
  for (const char* name : {"A", "B", "C"}) spec.threads.push_back({name, {"r = x", "r = r + 1", "x = r"}});
  Exploration e = explore_all(must_parse(spec));
  EXPECT_FALSE(e.truncated);
  EXPECT_EQ(e.schedules, 1680u);  // 9! / (3!^3)
}

TEST(Machine, StepModeShowsLocalsSharedAndBlocking) {
  Machine m(must_parse(two_threads({"lock(m)", "r = x", "x = r + 1", "unlock(m)"})));
  EXPECT_EQ(m.step(0), "");  // A locks
  EXPECT_FALSE(m.can_run(1));
  EXPECT_EQ(m.status(1), "blocked: m is held by A");
  EXPECT_NE(m.step(1), "");
  EXPECT_EQ(m.step(0), "");
  EXPECT_EQ(m.step(0), "");
  EXPECT_EQ(m.state().threads[0].locals[0], 0);
  EXPECT_EQ(m.state().shared[0], 1);
  EXPECT_EQ(m.step(0), "");
  EXPECT_EQ(m.status(0), "finished");
  EXPECT_TRUE(m.can_run(1));
  EXPECT_TRUE(m.undo());
  EXPECT_FALSE(m.can_run(1));
  m.reset();
  EXPECT_TRUE(m.schedule().empty());
  EXPECT_EQ(m.outcome().kind, OutcomeKind::running);
}

TEST(Parser, RefusesHiddenReadModifyWrite) {
  for (const char* line : {"x = x + 1", "x++", "x += 1", "x = y"}) {
    ParseResult r = parse_program(two_threads({line}, {{"x", 0}, {"y", 0}}));
    EXPECT_FALSE(r.ok()) << line;
    EXPECT_NE(r.error.find("line 1"), std::string::npos) << r.error;
  }
}

TEST(Parser, RefusesNonsenseWithAClearMessage) {
  EXPECT_NE(parse_program(two_threads({"launch(rockets)"})).error.find("unknown operation"), std::string::npos);
  EXPECT_NE(parse_program(two_threads({"lock(x)"})).error.find("shared variable"), std::string::npos);
  EXPECT_NE(parse_program(two_threads({"r = %"})).error.find("cannot read"), std::string::npos);
  EXPECT_FALSE(parse_program(ProgramSpec{{}, {}}).ok());
  ProgramSpec too_many{{}, {{"A", {}}, {"B", {}}, {"C", {}}, {"D", {}}, {"E", {}}}};
  EXPECT_FALSE(parse_program(too_many).ok());
}

TEST(Parser, AcceptsMethodSyntaxAndSemicolons) {
  ParseResult r = parse_program(ProgramSpec{{{"x", 0}}, {{"A", {"m.lock();", "r = x;", "x = r - 1;", "m.unlock();", "cv.notify_all()"}}}});
  ASSERT_TRUE(r.ok()) << r.error;
  Exploration e = explore_all(r.program);
  EXPECT_EQ(e.find("x=-1")->count, 1u);
}

}  // namespace

namespace {

using namespace cdd::explorer;

TEST(Explorer, WaitingForAFlagCannotLoseTheWakeUp) {
  ProgramSpec spec{{{"ready", 0}}, {{"A", {"lock(m)", "wait(cv, m, ready)", "r = ready", "unlock(m)"}},
                                    {"B", {"lock(m)", "ready = 1", "notify_one(cv)", "unlock(m)"}}}};
  ParseResult r = parse_program(spec);
  ASSERT_TRUE(r.ok()) << r.error;
  Exploration e = explore_all(r.program);
  EXPECT_FALSE(e.deadlock_reachable());
  ASSERT_EQ(e.outcomes.size(), 1u);
  EXPECT_EQ(e.outcomes[0].label, "ready=1");
  // Either A waits first and is woken, or B sets the flag first and A never waits.
  EXPECT_EQ(e.schedules, 2u);
  Machine m(r.program);
  for (int t : {1, 1, 1, 1}) ASSERT_EQ(m.step(t), "");  // B first, entirely
  ASSERT_EQ(m.step(0), "");                            // A locks
  ASSERT_EQ(m.step(0), "");                            // wait sees ready=1: goes straight on
  EXPECT_EQ(m.state().threads[0].pc, 2);
}

TEST(Explorer, WokenWhileTheFlagIsStillFalseWaitsAgain) {
  // B notifies without setting the flag (a "spurious" wake-up as far as A is
  // concerned): A must go back to waiting, and then nobody wakes it.
  ProgramSpec spec{{{"ready", 0}}, {{"A", {"lock(m)", "wait(cv, m, ready)", "unlock(m)"}},
                                    {"B", {"lock(m)", "notify_one(cv)", "unlock(m)"}}}};
  Program p = must_parse(spec);
  Machine m(p);
  for (int t : {0, 0, 1, 1, 1}) ASSERT_EQ(m.step(t), "");  // A waits; B notifies, unlocks
  ASSERT_TRUE(m.can_run(0));
  ASSERT_EQ(m.step(0), "");  // A retakes m, sees ready=0, waits again
  EXPECT_EQ(m.outcome().kind, OutcomeKind::deadlock);
  EXPECT_TRUE(explore_all(p).deadlock_reachable());
}

TEST(Parser, WaitConditionMustBeShared) {
  EXPECT_NE(parse_program(ProgramSpec{{}, {{"A", {"wait(cv, m, r)"}}}}).error.find("must be a shared variable"), std::string::npos);
}

}  // namespace
