#include "counters.h"

#include <gtest/gtest.h>

using namespace parallelism;

TEST(Counters, PaddingPutsEachCounterOnItsOwnCacheLine) {
  EXPECT_EQ(sizeof(PaddedCounter), 64u);
  EXPECT_EQ(alignof(PaddedCounter), 64u);
  EXPECT_LE(sizeof(PackedCounter), 8u);  // eight of them share one line
  std::vector<PaddedCounter> padded(3);
  auto address = [](const PaddedCounter& c) { return reinterpret_cast<std::uintptr_t>(&c); };
  EXPECT_EQ(address(padded[0]) % 64, 0u);
  EXPECT_EQ(address(padded[1]) - address(padded[0]), 64u);
}

TEST(Counters, EveryThreadCountsToTheSameTotalPackedOrPadded) {
  for (int threads = 1; threads <= 4; ++threads) {
    auto packed = count_in_parallel<PackedCounter>(threads, 10000);
    auto padded = count_in_parallel<PaddedCounter>(threads, 10000);
    ASSERT_EQ(packed.size(), static_cast<std::size_t>(threads));
    ASSERT_EQ(padded.size(), static_cast<std::size_t>(threads));
    for (auto v : packed) EXPECT_EQ(v, 10000u);
    for (auto v : padded) EXPECT_EQ(v, 10000u);
  }
}
