#include "simd_sum.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace parallelism;

namespace {
std::vector<float> whole_numbers(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> small(0, 2);
  std::vector<float> x(n);
  for (float& v : x) v = static_cast<float>(small(rng));
  return x;
}
}  // namespace

// The name follows the machine the test was compiled for: SSE2 is part of
// every x86-64 processor, so there sum_intrinsics uses SSE; this native
// build has no other vector path (WebAssembly's is checked in its own build).
TEST(SimdSum, ReportsWhichInstructionsItUses) {
  const std::string flavour = simd_flavour();
#if defined(__x86_64__) || defined(_M_X64)
  EXPECT_EQ(flavour, "x86 SSE (immintrin.h, 4 x float)");
#elif defined(__wasm_simd128__)
  EXPECT_EQ(flavour, "WebAssembly SIMD128 (wasm_simd128.h, f32x4)");
#else
  EXPECT_EQ(flavour, "none (scalar fallback)");
#endif
}

// Every size from 0 to 40 covers every tail length (0..7) several times;
// the larger ones cover long runs. Whole numbers keep every sum exact.
TEST(SimdSum, AllVariantsEqualTheScalarSumIncludingTails) {
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 40; ++n) sizes.push_back(n);
  for (std::size_t n : {1023u, 1024u, 1025u, 99999u, 1000003u}) sizes.push_back(n);
  for (std::size_t n : sizes) {
    auto x = whole_numbers(n, static_cast<unsigned>(n));
    float expected = sum_scalar(x.data(), n);
    EXPECT_EQ(sum_lanes(x.data(), n), expected) << "n=" << n;
    EXPECT_EQ(sum_intrinsics(x.data(), n), expected) << "n=" << n;
  }
}

TEST(SimdSum, UnalignedStartsWork) {
  auto x = whole_numbers(1000, 9);
  for (std::size_t offset = 0; offset < 8; ++offset) {
    std::size_t n = 1000 - offset - 3;
    float expected = sum_scalar(x.data() + offset, n);
    EXPECT_EQ(sum_intrinsics(x.data() + offset, n), expected) << "offset " << offset;
    EXPECT_EQ(sum_lanes(x.data() + offset, n), expected) << "offset " << offset;
  }
}

// With arbitrary floats the order of additions matters; the two 8-lane
// variants add in the same order and must agree bit for bit.
TEST(SimdSum, LanesAndIntrinsicsAddInTheSameOrder) {
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> value(-1000, 1000);
  std::vector<float> x(77777);
  for (float& v : x) v = value(rng);
  EXPECT_EQ(sum_intrinsics(x.data(), x.size()), sum_lanes(x.data(), x.size()));
  EXPECT_NEAR(sum_intrinsics(x.data(), x.size()), sum_scalar(x.data(), x.size()), 50.0);
}
