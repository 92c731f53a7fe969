// A count and its noun in the right number: "1 core", "2 cores", "1 process".
// For every line a program prints with a count that can be 1 (a learner's
// argument, or the machine: hardware_concurrency() is 1 in the single-threaded
// build), so no page says "1 hardware threads".
#pragma once

#include <string>

namespace cdd {

inline std::string plural(long long n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 || n == -1 ? one : many);
}

// "1 to 4 threads", or "1 thread" when the range is that one count.
inline std::string one_to(long long n, const std::string& one, const std::string& many) {
  return n == 1 ? plural(1, one, many) : "1 to " + plural(n, one, many);
}

}  // namespace cdd
