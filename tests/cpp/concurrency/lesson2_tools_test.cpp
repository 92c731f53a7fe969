// Sync scenes, thread pool, deadlock scene, progress spans.
#include <gtest/gtest.h>

#include <numeric>

#include "deadlock_scene.h"
#include "progress_spans.h"
#include "sync_demos.h"
#include "thread_pool.h"
#include "thread_support.h"

namespace {

TEST(ThreadSupport, NativeThreadsStart) { EXPECT_TRUE(lesson::threads_can_start()); }

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

TEST(Deadlock, OppositeOrderIsDetectedAndFinishes) {
  lesson::Recorder rec;
  auto out = lesson::run_two_locks(lesson::LockOrder::opposite, 30, 150, rec);
  EXPECT_TRUE(out.deadlocked());
  EXPECT_GE(out.timeouts, 1);
}

TEST(Deadlock, SameOrderAndScopedLockNeverDeadlock) {
  for (int i = 0; i < 3; ++i) {
    lesson::Recorder rec;
    EXPECT_FALSE(lesson::run_two_locks(lesson::LockOrder::same, 10, 200, rec).deadlocked());
    EXPECT_FALSE(lesson::run_two_locks(lesson::LockOrder::scoped, 10, 200, rec).deadlocked());
  }
}

}  // namespace
