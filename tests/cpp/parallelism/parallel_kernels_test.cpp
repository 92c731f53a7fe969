#include "parallel_kernels.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

using namespace parallelism;

TEST(ThreadTeam, BlocksCoverEveryItemExactlyOnce) {
  for (std::size_t n : {0u, 1u, 5u, 7u, 100u, 1001u}) {
    for (int parts = 1; parts <= 9; ++parts) {
      std::size_t expected_begin = 0;
      for (int i = 0; i < parts; ++i) {
        Range r = block_of(n, parts, i);
        EXPECT_EQ(r.begin, expected_begin);
        EXPECT_LE(r.begin, r.end);
        EXPECT_LE(r.end - r.begin, n / static_cast<std::size_t>(parts) + 1);
        expected_begin = r.end;
      }
      EXPECT_EQ(expected_begin, n);
    }
  }
}

TEST(ThreadTeam, RunsEveryIndexOnce) {
  ASSERT_TRUE(threads_can_start());  // natively threads always start
  for (int count : {1, 2, 3, 8}) {
    std::vector<std::atomic<int>> seen(static_cast<std::size_t>(count));
    run_team(count, [&](int i) { seen[static_cast<std::size_t>(i)].fetch_add(1); });
    for (auto& s : seen) EXPECT_EQ(s.load(), 1);
  }
}

TEST(ThreadTeam, MembersRunAtTheSameTimeAndAreReusedAcrossRuns) {
  // Every member waits inside its body until all of the round have entered
  // it, which only ends if they really run at once (a member that ran after
  // another had returned would wait for ever: the bound turns that into a
  // failure instead of a hang). The thread of each index is the same in every
  // round: the team starts its threads once.
  for (int round = 0; round < 3; ++round) {
    for (int count : {2, 3, 8, 3}) {
      std::atomic<int> inside{0};
      std::atomic<bool> all_met{true};
      std::vector<std::thread::id> ids(static_cast<std::size_t>(count));
      run_team(count, [&](int i) {
        ids[static_cast<std::size_t>(i)] = std::this_thread::get_id();
        inside.fetch_add(1);
        auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (inside.load() < count)
          if (std::chrono::steady_clock::now() > give_up) {
            all_met = false;
            break;
          }
      });
      EXPECT_TRUE(all_met.load()) << "count=" << count;
      static std::vector<std::thread::id> first_ids;
      if (first_ids.size() < ids.size()) first_ids = ids;
      for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], first_ids[i]) << "index " << i;
    }
  }
}

TEST(ThreadTeam, UsableThreadsNeverBelowOne) {
  EXPECT_EQ(usable_threads(0), 1);
  EXPECT_EQ(usable_threads(1), 1);
  EXPECT_EQ(usable_threads(4), 4);
  EXPECT_GE(hardware_threads(), 1);
}

TEST(ParallelSum, EqualsTheSerialSumForEveryThreadCountAndOddSizes) {
  std::mt19937 rng(6);
  std::uniform_int_distribution<int> digit(0, 9);
  for (std::size_t n : {1u, 2u, 3u, 999u, 100003u}) {
    std::vector<float> x(n);
    for (float& v : x) v = static_cast<float>(digit(rng));
    double expected = sum_block(x.data(), 0, n);
    for (int threads = 1; threads <= 8; ++threads)
      EXPECT_EQ(parallel_sum(x.data(), n, threads), expected) << "n=" << n << " threads=" << threads;
  }
}

TEST(ParallelMap, RefineIsSquareRootOfOnePlusAbs) {
  for (float v : {0.0f, 1.0f, -3.0f, 8.0f, 99.0f})
    EXPECT_NEAR(refine(v), std::sqrt(1.0f + std::fabs(v)), 1e-5f * std::sqrt(1.0f + std::fabs(v)));
}

TEST(ParallelMap, EqualsTheSerialMapForEveryThreadCount) {
  std::vector<float> in(10007);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i % 97) - 48.0f;
  std::vector<float> expected(in.size());
  map_block(in.data(), expected.data(), 0, in.size());
  for (int threads = 1; threads <= 8; ++threads) {
    std::vector<float> out(in.size(), -1.0f);
    parallel_map(in.data(), out.data(), in.size(), threads);
    EXPECT_EQ(out, expected) << "threads=" << threads;
  }
}
