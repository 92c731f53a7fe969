#include "mandelbrot.h"

#include <gtest/gtest.h>

#include <set>

using namespace parallelism;

namespace {
const View kView{97, 61, -2.2, 0.8, 0.0, 1.25, 200};  // odd sizes on purpose
}

TEST(Mandelbrot, KnownPoints) {
  EXPECT_EQ(escape_iterations(0, 0, 500), 500);      // the origin never escapes
  EXPECT_EQ(escape_iterations(-1, 0, 500), 500);     // a period-2 point
  EXPECT_EQ(escape_iterations(2, 2, 500), 1);        // far outside: one step
  EXPECT_LT(escape_iterations(0.5, 0.5, 500), 10);
}

TEST(Mandelbrot, StaticAndDynamicComputeIdenticalImages) {
  Rendering one = render(kView, 1, Schedule::static_blocks);
  for (int threads = 1; threads <= 5; ++threads) {
    for (int chunk : {1, 3, 100}) {
      Rendering s = render(kView, threads, Schedule::static_blocks);
      Rendering d = render(kView, threads, Schedule::dynamic_rows, chunk);
      EXPECT_EQ(s.iterations, one.iterations) << "static, threads=" << threads;
      EXPECT_EQ(d.iterations, one.iterations) << "dynamic, threads=" << threads << " chunk=" << chunk;
    }
  }
}

TEST(Mandelbrot, EveryRowHasOneOwnerAndRowCountsAddUp) {
  for (Schedule schedule : {Schedule::static_blocks, Schedule::dynamic_rows}) {
    Rendering r = render(kView, 3, schedule, 2);
    int total = 0;
    for (int rows : r.rows_done) total += rows;
    EXPECT_EQ(total, kView.height);
    std::vector<int> counted(3, 0);
    for (int owner : r.row_owner) {
      ASSERT_GE(owner, 0);
      ASSERT_LT(owner, 3);
      ++counted[static_cast<std::size_t>(owner)];
    }
    for (int t = 0; t < 3; ++t) EXPECT_EQ(counted[static_cast<std::size_t>(t)], r.rows_done[static_cast<std::size_t>(t)]);
    for (double b : r.busy_ms) EXPECT_GE(b, 0.0);
  }
}

TEST(Mandelbrot, StaticBlocksAreContiguousInThreadOrder) {
  Rendering r = render(kView, 4, Schedule::static_blocks);
  for (std::size_t row = 1; row < r.row_owner.size(); ++row) EXPECT_GE(r.row_owner[row], r.row_owner[row - 1]);
  EXPECT_EQ(std::set<int>(r.row_owner.begin(), r.row_owner.end()).size(), 4u);
}

TEST(Mandelbrot, ImbalanceIsMaxOverMean) {
  EXPECT_DOUBLE_EQ(imbalance({10, 10}), 1.0);
  EXPECT_DOUBLE_EQ(imbalance({0, 10}), 2.0);
  EXPECT_DOUBLE_EQ(imbalance({}), 1.0);
  EXPECT_DOUBLE_EQ(imbalance({0, 0}), 1.0);
}

TEST(Mandelbrot, WorkPerThreadAddsUpToEveryIteration) {
  for (Schedule schedule : {Schedule::static_blocks, Schedule::dynamic_rows}) {
    Rendering r = render(kView, 3, schedule);
    double total = 0, expected = 0;
    for (double w : r.work) total += w;
    for (int it : r.iterations) expected += it;
    EXPECT_EQ(total, expected);
  }
}

TEST(Mandelbrot, StaticBlocksOverTheUpperHalfAreBadlyBalanced) {
  const View upper{160, 100, -2.2, 0.8, 0.0, 1.25, 500};
  Rendering r = render(upper, 2, Schedule::static_blocks);
  EXPECT_GT(imbalance(r.work), 1.5);  // the bottom block holds most of the set
}

TEST(Mandelbrot, ShadesRunFromTheSetThroughItsEdgeToTheFastEscapes) {
  EXPECT_EQ(shade_level(1000, 1000), 0);  // inside the set: darkest
  EXPECT_EQ(shade_level(1, 1000), 15);    // escaped at once: palest
  int previous = 15;
  for (int it : {2, 10, 100, 500, 999}) {  // more iterations, never paler
    int shade = shade_level(it, 1000);
    EXPECT_GE(shade, 1) << it;
    EXPECT_LE(shade, previous) << it;
    previous = shade;
  }
  EXPECT_LT(shade_level(999, 1000), shade_level(10, 1000));
}

TEST(Mandelbrot, OneThreadsRowsHoldManyShades) {
  // The image must show the set, not a flat block per thread: the rows of
  // thread 0 under a static split of the default view hold many shades.
  const View view{160, 100, -2.2, 0.8, 0.0, 1.25, 1000};
  Rendering r = render(view, 2, Schedule::static_blocks);
  std::set<int> shades;
  for (int row = 0; row < view.height; ++row)
    if (r.row_owner[static_cast<std::size_t>(row)] == 1)
      for (int col = 0; col < view.width; ++col)
        shades.insert(shade_level(r.iterations[static_cast<std::size_t>(row * view.width + col)], view.max_iterations));
  EXPECT_GE(shades.size(), 8u);
  EXPECT_TRUE(shades.count(0)) << "thread 1's block holds part of the set";
}
