#include <cdd/sizes.h>
#include <gtest/gtest.h>

TEST(Sizes, ThreePerDecadeWithinTheBounds) {
  EXPECT_EQ(cdd::sizes_1_2_5(1000, 20000), (std::vector<long long>{1000, 2000, 5000, 10000, 20000}));
  EXPECT_EQ(cdd::sizes_1_2_5(3, 9), (std::vector<long long>{5}));
  EXPECT_TRUE(cdd::sizes_1_2_5(6, 9).empty());
}
