#include "bit_sets.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

using namespace parallelism;

namespace {

std::vector<std::uint8_t> random_set(std::size_t n, double density, unsigned seed) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution present(density);
  std::vector<std::uint8_t> set(n);
  for (auto& member : set) member = present(rng);
  return set;
}

std::size_t common_by_definition(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < a.size(); ++i) count += (a[i] && b[i]) ? 1 : 0;
  return count;
}

}  // namespace

TEST(BitSets, PackPutsMemberIInBitIModulo64OfWordIOver64) {
  std::vector<std::uint8_t> set(130, 0);
  set[0] = set[63] = set[64] = set[129] = 1;
  auto words = pack_bits(set.data(), set.size());
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0], (std::uint64_t{1} << 63) | 1u);
  EXPECT_EQ(words[1], 1u);
  EXPECT_EQ(words[2], std::uint64_t{1} << 1);
}

TEST(BitSets, BytesAndWordsAgreeWithTheDefinitionForOddSizes) {
  for (std::size_t n : {1u, 7u, 63u, 64u, 65u, 127u, 1000u, 4097u, 100003u}) {
    for (double density : {0.0, 0.1, 0.5, 1.0}) {
      auto a = random_set(n, density, static_cast<unsigned>(n));
      auto b = random_set(n, density, static_cast<unsigned>(n) + 1);
      std::size_t expected = common_by_definition(a, b);
      EXPECT_EQ(common_members_bytes(a.data(), b.data(), n), expected) << "n=" << n;
      auto wa = pack_bits(a.data(), n), wb = pack_bits(b.data(), n);
      EXPECT_EQ(common_members_words(wa.data(), wb.data(), wa.size()), expected) << "n=" << n;
    }
  }
}

TEST(BitSets, FullSetsShareEveryMember) {
  std::vector<std::uint8_t> all(1001, 1);
  auto w = pack_bits(all.data(), all.size());
  EXPECT_EQ(common_members_words(w.data(), w.data(), w.size()), 1001u);
  EXPECT_EQ(common_members_bytes(all.data(), all.data(), all.size()), 1001u);
}
