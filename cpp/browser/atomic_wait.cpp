// std::atomic<T>::wait/notify for the browser: sleep on a futex instead of polling.
//
// Emscripten 3.1.6's libc++ (13) has a real "sleep until notified" only on
// Linux and Apple; everywhere else its atomic wait polls with a backoff that
// sleeps for half the time already waited (libcxx/src/atomic.cpp). So in the
// browser std::latch, std::barrier and std::counting_semaphore -- all built on
// atomic wait -- woke up to tens of milliseconds after the notify: a barrier's
// lanes started one phase visibly apart, a main thread "ran ahead" of nobody
// but was late. This file defines the eight functions libc++'s headers call
// for that (declared in <atomic>), on Emscripten's futex (Atomics.wait and
// Atomics.notify), so a notify wakes its waiters at once. Linked into threaded
// programs only (cmake/CddProgram.cmake, and the in-page compiler's project
// library); being defined here, libc++'s atomic.o is never pulled in.
//
// Every address hashes to one of a table's slots; a slot's generation counts
// the notifies made for its addresses. A waiter reads the generation (the
// "monitor"), re-tests its condition (libc++ does), and sleeps only while the
// generation is unchanged; a notify bumps it and wakes the slot's sleepers.
// Addresses that share a slot wake each other spuriously; libc++ re-tests.
#include <atomic>
#include <climits>
#include <cstdint>
#include <functional>
#include <limits>

#include <emscripten/threading.h>

#include "atomic_wait_stats.h"

namespace {

struct alignas(64) Slot {            // one cache line per slot: no false sharing
  std::atomic<uint32_t> generation{0};  // the futex word
  std::atomic<int32_t> sleepers{0};
};

constexpr size_t kSlots = 256;
Slot slots[kSlots];
std::atomic<uint64_t> sleeps{0};

Slot& slot_of(void const volatile* address) {
  return slots[std::hash<void const volatile*>{}(address) & (kSlots - 1)];
}

std::__cxx_contention_t monitor(void const volatile* address) {
  return slot_of(address).generation.load(std::memory_order_acquire);
}

void wait(void const volatile* address, std::__cxx_contention_t seen) {
  Slot& slot = slot_of(address);
  // seq_cst pairs with notify(): either it sees this sleeper, or the futex
  // sees its new generation and returns at once.
  slot.sleepers.fetch_add(1, std::memory_order_seq_cst);
  sleeps.fetch_add(1, std::memory_order_relaxed);
  emscripten_futex_wait(&slot.generation, static_cast<uint32_t>(seen),
                        std::numeric_limits<double>::infinity());
  slot.sleepers.fetch_sub(1, std::memory_order_release);
}

void notify(void const volatile* address) {
  Slot& slot = slot_of(address);
  slot.generation.fetch_add(1, std::memory_order_seq_cst);
  if (slot.sleepers.load(std::memory_order_seq_cst) != 0) emscripten_futex_wake(&slot.generation, INT_MAX);
}

}  // namespace

namespace cdd::browser {
uint64_t atomic_wait_sleeps() { return sleeps.load(std::memory_order_relaxed); }
}  // namespace cdd::browser

// The functions libc++ declares in <atomic> (namespace std::__1). Both
// overloads go through the slot table: a notify_one may wake all, as the
// standard allows for spurious wake-ups.
_LIBCPP_BEGIN_NAMESPACE_STD

void __cxx_atomic_notify_one(void const volatile* address) { notify(address); }
void __cxx_atomic_notify_all(void const volatile* address) { notify(address); }
__cxx_contention_t __libcpp_atomic_monitor(void const volatile* address) { return monitor(address); }
void __libcpp_atomic_wait(void const volatile* address, __cxx_contention_t seen) { wait(address, seen); }

void __cxx_atomic_notify_one(__cxx_atomic_contention_t const volatile* address) { notify(address); }
void __cxx_atomic_notify_all(__cxx_atomic_contention_t const volatile* address) { notify(address); }
__cxx_contention_t __libcpp_atomic_monitor(__cxx_atomic_contention_t const volatile* address) { return monitor(address); }
void __libcpp_atomic_wait(__cxx_atomic_contention_t const volatile* address, __cxx_contention_t seen) {
  wait(address, seen);
}

_LIBCPP_END_NAMESPACE_STD
