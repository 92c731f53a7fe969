// What atomic_wait.cpp did, for its test program (cpp/browser/atomic_wait_probe.cpp).
#pragma once
#include <cstdint>

namespace cdd::browser {
/** How many times a thread went to sleep on the futex in std::atomic::wait so far. */
uint64_t atomic_wait_sleeps();
}  // namespace cdd::browser
