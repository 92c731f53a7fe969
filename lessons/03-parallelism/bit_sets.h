// Bit-level parallelism: the same question answered one byte at a time and
// 64 bits at a time.
//
// A set of small integers 0..n-1 can be stored two ways:
//   - one byte per possible member (1 = present, 0 = absent): simple, but
//     every byte carries a single bit of information;
//   - one bit per possible member, packed into 64-bit words: a single AND of
//     two words intersects 64 members at once, and a single popcount
//     instruction counts how many of them survived.
// Both functions below answer "how many members do sets A and B share?".
#pragma once

#include "kernel.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace parallelism {

// One byte per member. The pragma keeps clang from turning this loop into
// SIMD code (the data-level parallelism of the SIMD section): here we want to
// see what one member per step costs. g++ -O2 does not vectorize it anyway.
KERNEL inline std::size_t common_members_bytes(const std::uint8_t* a, const std::uint8_t* b,
                                        std::size_t n) {
  std::size_t count = 0;
#if defined(__clang__)
#pragma clang loop vectorize(disable) interleave(disable)
#endif
  for (std::size_t i = 0; i < n; ++i) count += a[i] & b[i];
  return count;
}

// One bit per member: 64 members per AND, counted by one popcount
// (`i64.popcnt` in WebAssembly, `popcnt` on x86 when the compiler may use it).
// One word per step here too: clang would AND two words in a 128-bit vector
// but then has to take the vector apart again to count its bits (WebAssembly
// has no popcount for 64-bit lanes), which measured slower in the browser.
KERNEL inline std::size_t common_members_words(const std::uint64_t* a, const std::uint64_t* b,
                                        std::size_t words) {
  std::size_t count = 0;
#if defined(__clang__)
#pragma clang loop vectorize(disable)
#endif
  for (std::size_t i = 0; i < words; ++i)
    count += static_cast<std::size_t>(__builtin_popcountll(a[i] & b[i]));
  return count;
}

// Packs a byte-per-member set into 64-bit words (bit i%64 of word i/64).
// Unused bits of the last word stay zero, so they never count as members.
inline std::vector<std::uint64_t> pack_bits(const std::uint8_t* bytes, std::size_t n) {
  std::vector<std::uint64_t> words((n + 63) / 64, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (bytes[i]) words[i / 64] |= std::uint64_t{1} << (i % 64);
  return words;
}

}  // namespace parallelism
