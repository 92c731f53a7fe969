#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "accumulators.h"
#include "branches.h"
#include "sweep.h"

using namespace parallelism;

// Whole numbers: every order of addition is exact, so all variants must agree
// exactly with the plain loop.
TEST(Accumulators, EveryChainCountGivesTheSameSumForAnySize) {
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> digit(0, 9);
  for (std::size_t n : {0u, 1u, 2u, 3u, 7u, 8u, 9u, 15u, 17u, 1023u, 100001u}) {
    std::vector<double> x(n);
    double expected = 0;
    for (double& v : x) {
      v = digit(rng);
      expected += v;
    }
    EXPECT_EQ(sum_with_chains<1>(x.data(), n), expected) << "n=" << n;
    EXPECT_EQ(sum_with_chains<2>(x.data(), n), expected) << "n=" << n;
    EXPECT_EQ(sum_with_chains<4>(x.data(), n), expected) << "n=" << n;
    EXPECT_EQ(sum_with_chains<8>(x.data(), n), expected) << "n=" << n;
  }
}

TEST(Accumulators, RealValuesAgreeUpToRounding) {
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> value(-1, 1);
  std::vector<double> x(12345);
  for (double& v : x) v = value(rng);
  double one = sum_with_chains<1>(x.data(), x.size());
  EXPECT_NEAR(sum_with_chains<4>(x.data(), x.size()), one, 1e-9);
  EXPECT_NEAR(sum_with_chains<8>(x.data(), x.size()), one, 1e-9);
}

TEST(Branches, BranchyAndBranchlessKeepTheSameValuesInOrder) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<std::uint8_t> in(5001);
  for (auto& v : in) v = static_cast<std::uint8_t>(byte(rng));
  for (int threshold : {0, 1, 100, 128, 255, 256}) {
    std::vector<std::uint8_t> expected;
    for (auto v : in)
      if (v >= threshold) expected.push_back(v);
    std::vector<std::uint8_t> a(in.size()), b(in.size());
    std::size_t ka = keep_at_least_branchy(in.data(), in.size(), threshold, a.data());
    std::size_t kb = keep_at_least_branchless(in.data(), in.size(), threshold, b.data());
    ASSERT_EQ(ka, expected.size()) << "threshold " << threshold;
    ASSERT_EQ(kb, expected.size()) << "threshold " << threshold;
    a.resize(ka);
    b.resize(kb);
    EXPECT_EQ(a, expected);
    EXPECT_EQ(b, expected);
  }
}

TEST(Sweep, SizesIncludeBothEndsAndTheRoundNumbersBetween) {
  EXPECT_EQ(sizes_between(1000, 10000), (std::vector<long long>{1000, 2000, 5000, 10000}));
  EXPECT_EQ(sizes_between(1001, 1001), (std::vector<long long>{1001}));
  EXPECT_EQ(sizes_between(3, 30), (std::vector<long long>{3, 5, 10, 20, 30}));
}
