// Sync scenes, thread pool, deadlock scene, progress spans.
#include <gtest/gtest.h>

#include <pthread.h>

#include <cerrno>
#include <numeric>
#include <string>
#include <thread>

#include "deadlock_scene.h"
#include "progress_spans.h"
#include "sync_demos.h"
#include "thread_pool.h"
#include "thread_support.h"
#include "wait_for_graph.h"

namespace {

// A starter that fails as the single-threaded WebAssembly build's does.
int refuse_to_start(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*) { return EAGAIN; }

// A starter that starts a thread but not the probe it was given.
int start_something_else(pthread_t* thread, const pthread_attr_t* attr, void* (*)(void*), void*) {
  return pthread_create(thread, attr, [](void*) -> void* { return nullptr; }, nullptr);
}

TEST(ThreadSupport, NativeThreadsStartAndRunTheProbe) {
  EXPECT_TRUE(lesson::threads_can_start());
  EXPECT_FALSE(lesson::threads_can_start(start_something_else));  // started, but the probe never ran
}

TEST(ThreadSupport, WithoutThreadsProgramsExplainInsteadOfStarting) {
  EXPECT_FALSE(lesson::threads_can_start(refuse_to_start));
  testing::internal::CaptureStdout();
  EXPECT_FALSE(lesson::require_threads("the demo", refuse_to_start));
  std::string said = testing::internal::GetCapturedStdout();
  EXPECT_NE(said.find("Threads are not available here, so the demo cannot run."), std::string::npos) << said;
  testing::internal::CaptureStdout();
  EXPECT_TRUE(lesson::require_threads("the demo"));
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
}

TEST(ProgressSpans, GapsSplitBars) {
  // Steady progress every 1 ms, then nothing for 10 ms, then steady again.
  std::vector<double> moments = {1, 2, 3, 4, 14, 15, 16};
  auto spans = lesson::merge_progress(0, moments, 3);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_DOUBLE_EQ(spans[0].start_ms, 0);
  EXPECT_DOUBLE_EQ(spans[0].end_ms, 4);
  EXPECT_DOUBLE_EQ(spans[1].start_ms, 13);  // one typical step before the first moment after the gap
  EXPECT_DOUBLE_EQ(spans[1].end_ms, 16);
}

TEST(ProgressSpans, NoMomentsNoBars) { EXPECT_TRUE(lesson::merge_progress(0, {}, 1).empty()); }

TEST(SyncScenes, ConditionVariableDeliversEveryBatch) {
  lesson::Recorder rec;
  EXPECT_EQ(lesson::condition_variable_scene(3, 2, rec), 3);
}

TEST(SyncScenes, SemaphoreNeverExceedsItsSlots) {
  lesson::Recorder rec;
  int most = lesson::semaphore_scene(6, 2, 5, rec);
  EXPECT_LE(most, 2);
  EXPECT_GE(most, 1);
}

TEST(SyncScenes, LatchReleasesMainAfterTheLastWorker) {
  lesson::Recorder rec;
  auto t = lesson::latch_scene(3, 5, rec);
  EXPECT_GE(t.main_start_ms, t.last_ready_ms);
}

TEST(SyncScenes, BarrierKeepsPhasesInLockStep) {
  lesson::Recorder rec;
  EXPECT_TRUE(lesson::barrier_scene(3, 3, 2, rec));
}

TEST(ThreadPool, FuturesCarryEveryResult) {
  lesson::ThreadPool pool(3);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 500; ++i) results.push_back(pool.submit([i] { return i * i; }));
  long long sum = 0;
  for (auto& r : results) sum += r.get();
  long long expected = 0;
  for (int i = 0; i < 500; ++i) expected += 1LL * i * i;
  EXPECT_EQ(sum, expected);
}

TEST(ThreadPool, DestructorFinishesQueuedJobs) {
  std::atomic<int> done{0};
  {
    lesson::ThreadPool pool(2, 4);
    for (int i = 0; i < 100; ++i) pool.submit([&] { ++done; });
  }
  EXPECT_EQ(done.load(), 100);
}

TEST(Deadlock, OppositeOrderIsDetectedAsACycleEveryTime) {
  // The threads meet holding one lock each, so the cycle forms on every
  // attempt; exactly one request closes it and is refused.
  for (int attempt = 0; attempt < 5; ++attempt) {
    lesson::Recorder rec;
    auto out = lesson::run_two_locks(lesson::LockOrder::opposite, 1, rec);
    EXPECT_EQ(out.detected, 1);
    ASSERT_EQ(out.cycle.size(), 2u);
    // A waits for m2 (held by B) and B for m1 (held by A), whoever asked last.
    int asker = out.cycle[0].thread, other = out.cycle[1].thread;
    EXPECT_NE(asker, other);
    EXPECT_EQ(out.cycle[0].lock, asker == lesson::kThreadA ? lesson::kM2 : lesson::kM1);
    EXPECT_EQ(out.cycle[1].lock, other == lesson::kThreadA ? lesson::kM2 : lesson::kM1);
    // The other thread got both locks once the asker let go.
    int holds_both = 0;
    for (const auto& bar : rec.bars()) holds_both += bar.label == "holds both";
    EXPECT_EQ(holds_both, 1);
    // The timeline shows the cycle: the asker held its first lock (a solid
    // bar) while the other thread held its own and waited (a hatched bar).
    std::string asker_name = lesson::thread_name(asker), other_name = lesson::thread_name(other);
    bool asker_held = false, other_waited = false;
    for (const auto& bar : rec.bars()) {
      EXPECT_TRUE(bar.state == lesson::kHolding || bar.state == lesson::kWaiting) << bar.label;
      asker_held = asker_held || (bar.lane == asker_name && bar.state == lesson::kHolding &&
                                  bar.label.find("gives up") != std::string::npos);
      other_waited = other_waited || (bar.lane == other_name && bar.state == lesson::kWaiting &&
                                      bar.label == "holds " + lesson::lock_name(1 - out.cycle[1].lock) +
                                                       ", waits for " + lesson::lock_name(out.cycle[1].lock));
    }
    EXPECT_TRUE(asker_held);
    EXPECT_TRUE(other_waited);
  }
}

TEST(Deadlock, SameOrderAndScopedLockNeverDeadlock) {
  // No cycle can form: no timeout decides here, so a busy machine cannot
  // turn a slow lock into a "deadlock".
  for (auto order : {lesson::LockOrder::same, lesson::LockOrder::scoped})
    for (int attempt = 0; attempt < 5; ++attempt) {
      lesson::Recorder rec;
      auto out = lesson::run_two_locks(order, 1, rec);
      EXPECT_FALSE(out.deadlocked());
      EXPECT_TRUE(out.cycle.empty());
      int holds_both = 0;
      for (const auto& bar : rec.bars()) holds_both += bar.label == "holds both";
      EXPECT_EQ(holds_both, 2);
    }
}

TEST(WaitForGraph, ThreeThreadsInACircleAreADeadlockAChainIsNot) {
  // Thread t holds lock t and asks for lock t+1; the last asks for lock 0.
  lesson::WaitForGraph graph(3);
  for (int t = 0; t < 3; ++t) ASSERT_TRUE(graph.try_acquire(t, t));
  std::thread first([&] { EXPECT_TRUE(graph.acquire_unless_deadlock(0, 1)); });
  graph.wait_until_waiting(0);
  std::thread second([&] { EXPECT_TRUE(graph.acquire_unless_deadlock(1, 2)); });
  graph.wait_until_waiting(1);
  // 0 waits for 1, 1 waits for 2: a chain, nobody is stuck for good. Thread
  // 2 asking for lock 0 would close the circle: refused, at once.
  EXPECT_FALSE(graph.acquire_unless_deadlock(2, 0));
  auto cycle = graph.last_cycle();
  ASSERT_EQ(cycle.size(), 3u);
  EXPECT_EQ(cycle[0].thread, 2);
  EXPECT_EQ(cycle[0].lock, 0);
  EXPECT_EQ(cycle[1].thread, 0);
  EXPECT_EQ(cycle[1].lock, 1);
  EXPECT_EQ(cycle[2].thread, 1);
  EXPECT_EQ(cycle[2].lock, 2);
  // Thread 2 gives up its lock: the chain unwinds and everyone gets theirs.
  graph.release(2);
  second.join();
  graph.release(1);
  graph.release(2);
  first.join();
}

TEST(WaitForGraph, TryAcquireNeverWaits) {
  lesson::WaitForGraph graph(1);
  EXPECT_TRUE(graph.try_acquire(0, 0));
  EXPECT_FALSE(graph.try_acquire(1, 0));
  graph.release(0);
  EXPECT_TRUE(graph.try_acquire(1, 0));
  EXPECT_TRUE(graph.last_cycle().empty());
}

}  // namespace
