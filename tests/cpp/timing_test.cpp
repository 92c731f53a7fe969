#include <cdd/timing.h>
#include <gtest/gtest.h>

#include <thread>

namespace {

TEST(Timing, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(cdd::median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(cdd::median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(cdd::median({}), 0);
}

TEST(Timing, ShortWorkIsBatchedAndReportedPerCall) {
  long long calls = 0;
  double ms = cdd::median_ms(3, [&] { ++calls; cdd::keep(calls); });
  // One call is far below the clock's resolution, so it was batched...
  EXPECT_GT(calls, 1000);
  // ...and the answer is per call, not per batch.
  EXPECT_LT(ms, 0.01);
  EXPECT_GE(ms, 0.0);
}

TEST(Timing, LongWorkRunsOncePerSampleAfterOneWarmUp) {
  int calls = 0;
  double ms = cdd::median_ms(3, [&] {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  });
  EXPECT_EQ(calls, 4);
  EXPECT_GE(ms, 2.0);
}

}  // namespace
