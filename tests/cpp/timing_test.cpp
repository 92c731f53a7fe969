#include <cdd/timing.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace {

TEST(Timing, HumanDurationPicksTheUnitThatReadsBest) {
  EXPECT_EQ(cdd::human_duration(0.9), "0.9 s");
  EXPECT_EQ(cdd::human_duration(59), "59.0 s");
  EXPECT_EQ(cdd::human_duration(150), "2.5 min");
  EXPECT_EQ(cdd::human_duration(3 * 3600 + 360), "3.1 hours");
  EXPECT_EQ(cdd::human_duration(2 * 86400), "2.0 days");
  EXPECT_EQ(cdd::human_duration(3.2 * 365.25 * 86400), "3.2 years");
}

TEST(Timing, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(cdd::median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(cdd::median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(cdd::median({}), 0);
}

TEST(Timing, ShortWorkIsBatchedAndReportedPerCall) {
  // median_ms: a warm-up batch of one call, then batches at least doubling
  // until one takes kMinSampleMs, then 3 samples of that last batch size B.
  // So calls = (1 + ... + B/2 or less) + B + 3B, less than 5B: B > calls/5.
  long long calls = 0;
  double call_starts[2] = {0, 0};  // of the first two calls
  double started = cdd::now_ms();
  double ms = cdd::median_ms(3, [&] {
    if (calls < 2) call_starts[calls] = cdd::now_ms();
    ++calls;
    cdd::keep(calls);
  });
  double total_ms = cdd::now_ms() - started;
  if (calls == 4)  // not batched: the warm-up batch of one call took kMinSampleMs or more
    GTEST_SKIP() << "the machine stalled the one-call warm-up (" << call_starts[1] - call_starts[0]
                 << " ms from its start to the next call's), so median_ms rightly did not batch";
  // Batched: at least one doubling after the warm-up call ...
  EXPECT_GE(calls, 1 + 2 + 3 * 2);
  // ... and the answer is per call: each sample took at most the whole time
  // and held B > calls/5 calls, so one call's median is at most 5*total/calls.
  // Reported per batch instead, it would be a whole sample: some 1 ms.
  EXPECT_GE(ms, 0.0);
  EXPECT_LE(ms, 5 * total_ms / static_cast<double>(calls));
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

TEST(Timing, WorksAreBatchedAloneThenTakeTurnsRoundByRound) {
  // Calls of 2 ms are not batched: one warm-up call each, alone, then 3
  // rounds of one call of each, in order; each median is one call's time.
  std::string order;
  auto sleeper = [&order](char name) {
    return [&order, name](long long calls) {
      return cdd::time_ms([&] {
        for (long long i = 0; i < calls; ++i) {
          order += name;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      });
    };
  };
  std::vector<double> ms = cdd::medians_ms_in_turns(3, {sleeper('a'), sleeper('b')});
  EXPECT_EQ(order, "ab" "ababab");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_GE(ms[0], 2.0);
  EXPECT_GE(ms[1], 2.0);
}

}  // namespace
