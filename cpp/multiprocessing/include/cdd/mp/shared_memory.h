// A named block of memory that several processes use at the same time.
//
// The block holds 64-bit words with atomic operations, and a lock. Natively a
// process could also use data() as plain memory; in a browser the block sits
// in a SharedArrayBuffer outside the wasm instance's memory, so the portable
// way in is through these calls (each one an Atomics operation there).
//
//   auto counter = SharedMemory::create("counter", 8);  // parent
//   auto counter = SharedMemory::attach("counter");     // child
//   counter.fetch_add(0, 1);
#pragma once

#include <cdd/mp/arena.h>
#include <cdd/mp/serialize.h>

#include <cstdint>
#include <string>

namespace cdd::mp {

// True when processes of this build can share memory blocks; otherwise `why`
// says why not (a browser page without SharedArrayBuffer, where processes
// exchange messages only). create() and attach() throw with the same reason.
bool shared_memory_available(std::string* why = nullptr);

class SharedMemory {
 public:
  // A zeroed block of `bytes` bytes (rounded up to whole 8-byte words).
  static SharedMemory create(const std::string& name, std::size_t bytes);
  // The block another process created; throws if there is none by that name.
  static SharedMemory attach(const std::string& name);
  ~SharedMemory();
  SharedMemory(SharedMemory&& other) noexcept;
  SharedMemory& operator=(SharedMemory&& other) noexcept;
  SharedMemory(const SharedMemory&) = delete;
  SharedMemory& operator=(const SharedMemory&) = delete;

  std::size_t size() const { return size_; }
  std::size_t words() const { return size_ / 8; }

  std::int64_t load(std::size_t word) const;
  void store(std::size_t word, std::int64_t value);
  std::int64_t fetch_add(std::size_t word, std::int64_t delta);
  // Like std::atomic: true if the word held `expected` (now `desired`);
  // otherwise false, with `expected` updated to what it held.
  bool compare_exchange(std::size_t word, std::int64_t& expected, std::int64_t desired);

  // Sleeps while the word still holds `value` (at most `timeout_ms`, < 0:
  // forever); may wake early, so loop on your own condition. notify_all wakes
  // every process sleeping on the word.
  void wait(std::size_t word, std::int64_t value, double timeout_ms = -1) const;
  void notify_all(std::size_t word);

  // One lock per block, shared by every process that attached it.
  void lock();
  void unlock();

  void write(std::size_t at, const void* from, std::size_t size);
  void read(std::size_t at, void* to, std::size_t size) const;
  void* data();  // nullptr where the arena is not addressable (browser)

  const std::string& name() const { return name_; }

 private:
  friend struct Codec<SharedMemory>;
  SharedMemory(std::string name, Offset block, std::size_t size, bool owner)
      : name_(std::move(name)), block_(block), size_(size), owner_(owner) {}
  Offset word_offset(std::size_t word) const;
  std::string name_;
  Offset block_ = 0;  // 64-byte header (the lock), then the data
  std::size_t size_ = 0;
  bool owner_ = false;
};

// Passing a SharedMemory to a task passes access to the same block.
template <>
struct Codec<SharedMemory> {
  static void write(Writer& w, const SharedMemory& m) { w << m.name_; }
  static SharedMemory read(Reader& r) { return SharedMemory::attach(r.read<std::string>()); }
};

}  // namespace cdd::mp
