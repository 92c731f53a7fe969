// A small seeded random generator (xoshiro256**, seeded through splitmix64).
//
// The standard library's distributions are implementation-defined, so g++'s
// libstdc++ and Emscripten's libc++ would draw different numbers from the same
// seed. These helpers are written out here, so a seed means the same run
// natively and in WebAssembly.
#pragma once

#include <cmath>
#include <cstdint>

namespace kv {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform integer in [lo, hi) (hi > lo), by multiply-high (Lemire), no modulo bias worth noting.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    const unsigned __int128 range = static_cast<std::uint64_t>(hi - lo);
    return lo + static_cast<std::int64_t>((static_cast<unsigned __int128>(next()) * range) >> 64);
  }

  // Uniform double in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

  bool chance(double p) { return p > 0 && unit() < p; }

  // Exponentially distributed with the given mean.
  double exponential(double mean) { return -mean * std::log1p(-unit()); }

  // A fresh seed for a component (node, network, ...), so each has its own stream.
  std::uint64_t fork() { return next(); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace kv
