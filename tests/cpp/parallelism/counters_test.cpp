#include "counters.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

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

// Packed counters must really share a line wherever the heap is: a block
// that starts mid-line could put two threads' counters on two lines (it did
// in the browser, and false sharing vanished there).
TEST(Counters, PackedCountersStartAtALineSoTheFirstEightShareIt) {
  for (int i = 0; i < 8; ++i) {
    auto filler = std::make_unique<char[]>(static_cast<std::size_t>(8 * i + 8));  // shifts where the heap is
    auto block = std::make_unique<CounterBlock<PackedCounter>>();
    const auto first = reinterpret_cast<std::uintptr_t>(&block->items[0]);
    EXPECT_EQ(first % 64, 0u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&block->items[7]) / 64, first / 64);
  }
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
