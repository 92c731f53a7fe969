#include "amdahl.h"

#include <gtest/gtest.h>

#include <random>

using namespace parallelism;

TEST(Amdahl, KnownValues) {
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.0, 4), 4.0);
  EXPECT_DOUBLE_EQ(amdahl_speedup(1.0, 4), 1.0);
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.5, 2), 1.0 / 0.75);
  EXPECT_NEAR(amdahl_speedup(0.1, 1e9), 10.0, 1e-6);  // the 1/s ceiling
  EXPECT_DOUBLE_EQ(gustafson_speedup(0.0, 4), 4.0);
  EXPECT_DOUBLE_EQ(gustafson_speedup(0.25, 4), 0.25 + 0.75 * 4);
}

TEST(Amdahl, FitRecoversTheFractionFromExactSpeedups) {
  for (double s : {0.0, 0.05, 0.2, 0.5, 0.9, 1.0}) {
    std::vector<SpeedupSample> samples;
    for (int p = 1; p <= 8; ++p) samples.push_back({static_cast<double>(p), amdahl_speedup(s, p)});
    EXPECT_NEAR(fit_serial_fraction(samples), s, 1e-12) << "s=" << s;
  }
}

TEST(Amdahl, FitRecoversTheFractionFromNoisySpeedups) {
  std::mt19937 rng(8);
  std::normal_distribution<double> noise(0.0, 0.02);  // 2% timing noise
  const double s = 0.3;
  std::vector<SpeedupSample> samples;
  for (int rep = 0; rep < 20; ++rep)
    for (int p = 1; p <= 4; ++p) samples.push_back({static_cast<double>(p), amdahl_speedup(s, p) * (1 + noise(rng))});
  EXPECT_NEAR(fit_serial_fraction(samples), s, 0.02);
}

TEST(Amdahl, FitNeedsMoreThanOneThreadAndClampsToZeroOne) {
  EXPECT_EQ(fit_serial_fraction({}), -1);
  EXPECT_EQ(fit_serial_fraction({{1, 1.0}}), -1);
  // Superlinear speedup (cache effects) would mean a negative fraction.
  EXPECT_EQ(fit_serial_fraction({{1, 1.0}, {2, 2.5}}), 0.0);
  // Slower with more threads would mean more than everything serial.
  EXPECT_EQ(fit_serial_fraction({{1, 1.0}, {2, 0.5}}), 1.0);
}
