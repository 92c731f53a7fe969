// The correct counters never lose an update; the racy one never invents one.
#include <gtest/gtest.h>

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

TEST(Counters, RacyLosesUpdatesOnSeveralThreads) {
  // Two threads on two cores interleave load and store millions of times; a
  // run without a single lost update is possible but over 20 runs vanishingly
  // unlikely. (On a single-core machine this could legitimately fail.)
  long long expected = lesson::count_sequential(2 * 2000000LL);
  bool lost = false;
  for (int run = 0; run < 20 && !lost; ++run) lost = lesson::count_racy(2, 2000000) < expected;
  EXPECT_TRUE(lost);
}

}  // namespace
