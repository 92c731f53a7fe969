// The correct counters never lose an update; the racy one never invents one,
// and loses one when another thread writes between its load and its store.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <semaphore>
#include <thread>

#include "counters.h"

namespace {

TEST(Counters, SequentialCountsAboutHalf) {
  long long hits = lesson::count_sequential(100000);
  EXPECT_GT(hits, 45000);
  EXPECT_LT(hits, 55000);
}

TEST(Counters, FixedVersionsAreExactForEveryThreadCount) {
  for (int threads : {1, 2, 3, 4, 8}) {
    long long expected = lesson::count_sequential(threads * 200000LL);
    EXPECT_EQ(lesson::count_mutex(threads, 200000), expected) << threads;
    EXPECT_EQ(lesson::count_atomic(threads, 200000), expected) << threads;
    EXPECT_EQ(lesson::count_partial(threads, 200000), expected) << threads;
  }
}

TEST(Counters, RacyIsExactOnOneThreadAndNeverOvercounts) {
  EXPECT_EQ(lesson::count_racy(1, 300000), lesson::count_sequential(300000));
  long long expected = lesson::count_sequential(4 * 300000LL);
  for (int run = 0; run < 5; ++run) EXPECT_LE(lesson::count_racy(4, 300000), expected);
}

TEST(Counters, RacyLosesExactlyOneUpdateWhenBothLoadBeforeEitherStores) {
  // Two numbers per thread: thread 0 looks at 0 and 1, thread 1 at 2 and 3,
  // and each has exactly one hit, so each makes exactly one update.
  ASSERT_EQ(lesson::count_sequential(2), 1);
  ASSERT_EQ(lesson::count_sequential(4), 2);
  // Between its load and its store each thread lets the other go on and
  // waits until the other has loaded too. Neither stores before both have
  // loaded, so both read 0 and both write 1: the second store overwrites the
  // first, whichever order the stores come in. Forced, not left to the
  // scheduler: the same single lost update on every run and every machine.
  std::binary_semaphore may_go[2] = {std::binary_semaphore(0), std::binary_semaphore(0)};
  long long seen_by[2] = {-1, -1};
  long long got = lesson::count_racy(2, 2, [&](int t, long long seen) {
    seen_by[t] = seen;
    may_go[1 - t].release();
    may_go[t].acquire();
  });
  EXPECT_EQ(seen_by[0], 0);
  EXPECT_EQ(seen_by[1], 0);
  EXPECT_EQ(got, 1) << "two updates, one lost";
}

TEST(Counters, RunOnThreadsRunsTheBodiesTogetherAndTimesThem) {
  // Every body waits until all have entered: it ends only if they run at once
  // (the bound turns a failure into a verdict instead of a hang). The time it
  // reports covers the bodies: a body that sleeps 30 ms is timed
  // at 30 ms or more, and never more than the whole call took.
  for (int threads : {1, 2, 4}) {
    std::atomic<int> entered{0};
    std::atomic<bool> met{true};
    double work_ms = -1;
    auto call_start = std::chrono::steady_clock::now();
    lesson::run_on_threads(threads, [&](int) {
      entered.fetch_add(1);
      auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (entered.load() < threads)
        if (std::chrono::steady_clock::now() > give_up) {
          met = false;
          break;
        }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }, &work_ms);
    double call_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - call_start).count();
    EXPECT_TRUE(met.load()) << threads;
    EXPECT_GE(work_ms, 30.0) << threads;
    EXPECT_LE(work_ms, call_ms) << threads;
  }
}

}  // namespace
