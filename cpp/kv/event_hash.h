// FNV-1a 64: a fingerprint of a simulator run, cheap enough to keep always.
//
// Two runs with the same options must report the same events; comparing one
// 64-bit number (natively and in WebAssembly, or a share link against its
// replay) says whether they did. Numbers are fed as 8 little-endian bytes and
// strings with their length, so the bytes, and the hash, are the same on
// every platform.
#pragma once

#include <cstdint>
#include <string>

namespace kv {

class Fnv1a64 {
 public:
  static constexpr std::uint64_t kOffsetBasis = 14695981039346656037ull;
  static constexpr std::uint64_t kPrime = 1099511628211ull;

  explicit Fnv1a64(std::uint64_t start = kOffsetBasis) : value_(start) {}

  void byte(std::uint8_t b) { value_ = (value_ ^ b) * kPrime; }
  void number(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void text(const std::string& s) {
    number(s.size());
    for (char c : s) byte(static_cast<std::uint8_t>(c));
  }
  std::uint64_t value() const { return value_; }

 private:
  std::uint64_t value_;
};

}  // namespace kv
