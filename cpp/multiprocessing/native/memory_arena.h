// Native Arena over ordinary memory: the mmap(MAP_SHARED) region natively, or
// a plain buffer in the tests. Atomics are the compiler's __atomic builtins
// on the words themselves; sleeping and waking use the Linux futex, which
// works across processes on a shared mapping (FUTEX_WAIT without the
// "private" flag) as well as between threads.
#pragma once

#include <cdd/mp/arena.h>

#include <cstring>

namespace cdd::mp {

class MemoryArena : public Arena {
 public:
  MemoryArena(void* base, std::uint64_t size) : base_(static_cast<unsigned char*>(base)), size_(size) {}
  std::uint64_t size() const override { return size_; }

  std::int32_t load32(Offset o) override { return __atomic_load_n(i32(o), __ATOMIC_SEQ_CST); }
  void store32(Offset o, std::int32_t v) override { __atomic_store_n(i32(o), v, __ATOMIC_SEQ_CST); }
  std::int32_t fetch_add32(Offset o, std::int32_t d) override { return __atomic_fetch_add(i32(o), d, __ATOMIC_SEQ_CST); }
  std::int32_t exchange32(Offset o, std::int32_t v) override { return __atomic_exchange_n(i32(o), v, __ATOMIC_SEQ_CST); }
  std::int32_t compare_exchange32(Offset o, std::int32_t expected, std::int32_t desired) override {
    __atomic_compare_exchange_n(i32(o), &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;  // on failure updated to the value found; on success still equal to it
  }
  std::int64_t load64(Offset o) override { return __atomic_load_n(i64(o), __ATOMIC_SEQ_CST); }
  void store64(Offset o, std::int64_t v) override { __atomic_store_n(i64(o), v, __ATOMIC_SEQ_CST); }
  std::int64_t fetch_add64(Offset o, std::int64_t d) override { return __atomic_fetch_add(i64(o), d, __ATOMIC_SEQ_CST); }
  std::int64_t compare_exchange64(Offset o, std::int64_t expected, std::int64_t desired) override {
    __atomic_compare_exchange_n(i64(o), &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
  }
  void wait32(Offset o, std::int32_t expected, double timeout_ms) override;
  void notify32(Offset o, int waiters) override;
  void write(Offset o, const void* from, std::size_t n) override { std::memcpy(base_ + o, from, n); }
  void read(Offset o, void* to, std::size_t n) override { std::memcpy(to, base_ + o, n); }
  void* pointer(Offset o) override { return base_ + o; }

 private:
  std::int32_t* i32(Offset o) { return reinterpret_cast<std::int32_t*>(base_ + o); }
  std::int64_t* i64(Offset o) { return reinterpret_cast<std::int64_t*>(base_ + o); }
  unsigned char* base_;
  std::uint64_t size_;
};

}  // namespace cdd::mp
