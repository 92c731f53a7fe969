// FNV-1a 64 over 64-bit words: a fingerprint of a simulator run, cheap
// enough to keep for every event.
//
// Two runs with the same options must report the same events; comparing one
// 64-bit number (natively and in WebAssembly, or a share link against its
// replay) says whether they did. The offset basis and prime are FNV-1a 64's,
// but each step takes a whole 64-bit word instead of one byte: eight times
// fewer multiplications, which kept the simulator's speed (hashing byte by
// byte cost it about a quarter). A step is a bijection of the running value,
// so two event streams that differ in one word always get different hashes.
// Words are built from the values, not read from memory, so the hash is the
// same on every platform.
#pragma once

#include <cstdint>
#include <string>

namespace kv {

class Fnv1a64 {
 public:
  static constexpr std::uint64_t kOffsetBasis = 14695981039346656037ull;
  static constexpr std::uint64_t kPrime = 1099511628211ull;

  explicit Fnv1a64(std::uint64_t start = kOffsetBasis) : value_(start) {}

  void word(std::uint64_t w) { value_ = (value_ ^ w) * kPrime; }
  // The length (mod 256) in the top byte of the first word, then 7 bytes of text per word.
  void text(const std::string& s) {
    std::uint64_t w = static_cast<std::uint64_t>(s.size() & 0xff) << 56;
    int filled = 0;
    for (char c : s) {
      w |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(c)) << (8 * filled);
      if (++filled == 7) {
        word(w);
        w = 0;
        filled = 0;
      }
    }
    if (filled > 0 || s.empty()) word(w);
  }
  std::uint64_t value() const { return value_; }

 private:
  std::uint64_t value_;
};

}  // namespace kv
