// Amdahl's and Gustafson's laws, and fitting a serial fraction to measurements.
//
// A job takes time 1 on one thread; a fraction s of it can only run serially,
// the rest (1 - s) divides perfectly among p threads.
//   Amdahl (same job, more threads):   T(p) = s + (1 - s) / p
//                                      speedup(p) = 1 / (s + (1 - s) / p)
//                                      which can never exceed 1 / s.
//   Gustafson (bigger job, same time): give each thread as much parallel work
//                                      as the one thread had; the job grows to
//                                      s + (1 - s) * p in about the same time,
//                                      a scaled speedup of s + (1 - s) * p.
#pragma once

#include <cstddef>
#include <vector>

namespace parallelism {

inline double amdahl_speedup(double serial_fraction, double threads) {
  return 1.0 / (serial_fraction + (1.0 - serial_fraction) / threads);
}

inline double gustafson_speedup(double serial_fraction, double threads) {
  return serial_fraction + (1.0 - serial_fraction) * threads;
}

struct SpeedupSample {
  double threads;
  double speedup;
};

// The serial fraction s that best explains measured speedups, by least
// squares on Amdahl's law rewritten as a line through the origin:
//   1/speedup - 1/p = s * (1 - 1/p)
// Samples with p == 1 say nothing about s and weigh nothing here. Returns a
// value clamped to [0, 1], or -1 when no sample has p > 1.
inline double fit_serial_fraction(const std::vector<SpeedupSample>& samples) {
  double num = 0, den = 0;
  for (const auto& sample : samples) {
    if (sample.threads <= 1 || !(sample.speedup > 0)) continue;
    double x = 1.0 - 1.0 / sample.threads;
    double y = 1.0 / sample.speedup - 1.0 / sample.threads;
    num += x * y;
    den += x * x;
  }
  if (den == 0) return -1;
  double s = num / den;
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

}  // namespace parallelism
