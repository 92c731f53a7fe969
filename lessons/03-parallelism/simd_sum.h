// Data-level parallelism (SIMD): one instruction adds several floats at once.
//
// A 128-bit vector register holds 4 floats of 32 bits. WebAssembly's SIMD128
// extension has exactly that width (`f32x4.add` adds 4 pairs in one step),
// and so has x86's SSE (`addps`). Three ways to sum an array of floats:
//
//   sum_scalar      the plain loop. The compiler may NOT vectorize it by
//                   itself: float addition is not associative ((a+b)+c can
//                   differ from a+(b+c) in the last bit), and adding in 4
//                   lanes would change the order and so the rounding. Without
//                   permission (-ffast-math) it keeps one serial chain.
//   sum_lanes       the same loop written with 8 independent partial sums.
//                   Now the order of additions IS what the source says, so
//                   the compiler is free to put lanes 0-3 and 4-7 in two
//                   vector registers: auto-vectorized.
//   sum_intrinsics  the same 8 lanes written with explicit vector
//                   instructions: <wasm_simd128.h> when compiling for wasm
//                   with -msimd128, <immintrin.h> (SSE) natively on x86, and
//                   plain scalar lanes elsewhere.
// sum_lanes and sum_intrinsics add in the same order, so they agree exactly.
// Every variant handles any n: whatever does not fill a group of 8 (the tail)
// is added one by one at the end.
#pragma once

#include "kernel.h"

#include <cstddef>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <immintrin.h>
#endif

namespace parallelism {

constexpr int kLanes = 8;  // two 128-bit vectors of 4 floats

// The name of the vector instructions sum_intrinsics was compiled with.
inline const char* simd_flavour() {
#if defined(__wasm_simd128__)
  return "WebAssembly SIMD128 (wasm_simd128.h, f32x4)";
#elif defined(__SSE2__)
  return "x86 SSE (immintrin.h, 4 x float)";
#else
  return "none (scalar fallback)";
#endif
}

KERNEL inline float sum_scalar(const float* x, std::size_t n) {
  float sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += x[i];
  return sum;
}

// Lane partial sums combined pairwise, in one fixed order shared by both
// 8-lane variants: (0+4)+(1+5) and (2+6)+(3+7), like two vectors added first.
inline float combine_lanes(const float lane[kLanes]) {
  float a = lane[0] + lane[4], b = lane[1] + lane[5], c = lane[2] + lane[6], d = lane[3] + lane[7];
  return (a + c) + (b + d);
}

inline float add_tail(float sum, const float* x, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < n; ++i) sum += x[i];
  return sum;
}

KERNEL inline float sum_lanes(const float* x, std::size_t n) {
  float lane[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) lane[l] += x[i + l];
  return add_tail(combine_lanes(lane), x, i, n);
}

KERNEL inline float sum_intrinsics(const float* x, std::size_t n) {
  float lane[kLanes];
  std::size_t i = 0;
#if defined(__wasm_simd128__)
  v128_t low = wasm_f32x4_splat(0.0f), high = wasm_f32x4_splat(0.0f);
  for (; i + kLanes <= n; i += kLanes) {
    low = wasm_f32x4_add(low, wasm_v128_load(x + i));  // unaligned loads are fine
    high = wasm_f32x4_add(high, wasm_v128_load(x + i + 4));
  }
  wasm_v128_store(lane, low);
  wasm_v128_store(lane + 4, high);
#elif defined(__SSE2__)
  __m128 low = _mm_setzero_ps(), high = _mm_setzero_ps();
  for (; i + kLanes <= n; i += kLanes) {
    low = _mm_add_ps(low, _mm_loadu_ps(x + i));
    high = _mm_add_ps(high, _mm_loadu_ps(x + i + 4));
  }
  _mm_storeu_ps(lane, low);
  _mm_storeu_ps(lane + 4, high);
#else
  for (int l = 0; l < kLanes; ++l) lane[l] = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) lane[l] += x[i + l];
#endif
  return add_tail(combine_lanes(lane), x, i, n);
}

}  // namespace parallelism
