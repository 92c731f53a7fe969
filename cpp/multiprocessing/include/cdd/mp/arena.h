// The arena: one block of memory shared by a parent and every process it starts.
//
// Everything that several processes must see at once lives here: the words of
// a shared counter, the lock beside it, buffers whose ownership moves between
// processes, and (in the browser) the ring buffers that carry queue messages.
// Natively the arena is an mmap(MAP_SHARED) mapping made before the first
// fork(), so every child sees it at the same address. In a browser it is a
// SharedArrayBuffer handed to each new worker when it starts; a wasm instance
// cannot address memory outside its own linear memory, so there every access
// is an explicit call (an atomic operation, or a bulk copy in or out).
//
// The algorithms on top (the lock, the allocator, the ring-buffer queue) are
// written once against this interface, and tested natively with threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cdd::mp {

using Offset = std::uint64_t;

class Arena {
 public:
  virtual ~Arena() = default;
  virtual std::uint64_t size() const = 0;

  // Sequentially consistent atomics on aligned words at `offset`.
  virtual std::int32_t load32(Offset offset) = 0;
  virtual void store32(Offset offset, std::int32_t value) = 0;
  virtual std::int32_t fetch_add32(Offset offset, std::int32_t delta) = 0;
  virtual std::int32_t exchange32(Offset offset, std::int32_t value) = 0;
  // Returns the value found; the swap happened if it equals `expected`.
  virtual std::int32_t compare_exchange32(Offset offset, std::int32_t expected, std::int32_t desired) = 0;
  virtual std::int64_t load64(Offset offset) = 0;
  virtual void store64(Offset offset, std::int64_t value) = 0;
  virtual std::int64_t fetch_add64(Offset offset, std::int64_t delta) = 0;
  virtual std::int64_t compare_exchange64(Offset offset, std::int64_t expected, std::int64_t desired) = 0;

  // Sleeps while the word at `offset` equals `expected`, at most `timeout_ms`
  // (negative: no limit). May return early; callers re-check their condition.
  virtual void wait32(Offset offset, std::int32_t expected, double timeout_ms) = 0;
  virtual void notify32(Offset offset, int waiters) = 0;

  // Bulk copies between the arena and the calling process's own memory.
  virtual void write(Offset offset, const void* from, std::size_t size) = 0;
  virtual void read(Offset offset, void* to, std::size_t size) = 0;

  // Makes sure bytes below `end` exist (a browser arena grows on demand).
  virtual void reserve(std::uint64_t end) { (void)end; }

  // A plain pointer into the arena, where the process can address it (native);
  // nullptr where it cannot (a browser worker's wasm code).
  virtual void* pointer(Offset offset) = 0;
};

// The arena of this program and its children (created on first use), or an
// exception saying why processes are unavailable in this build.
Arena& shared_arena();

// A mutex whose state is one 32-bit word in the arena (0 free, 1 held, 2 held
// with sleepers), so processes can share it. Like any mutex, a process that
// dies while holding it leaves it held.
class ArenaLock {
 public:
  ArenaLock(Arena& arena, Offset word) : arena_(&arena), word_(word) {}
  void lock();
  // False when the lock stayed busy for `timeout_ms`.
  bool try_lock_for(double timeout_ms);
  void unlock();

 private:
  Arena* arena_;
  Offset word_;
};

// Fixed layout of the arena's first pages: allocator state and a directory of
// named blocks. Offsets here are part of the format every process shares.
namespace arena_layout {
constexpr Offset kMagic = 0;              // int32: set once initialised
constexpr Offset kAllocatorLock = 8;      // int32
constexpr Offset kBump = 16;              // int64: next never-used byte
constexpr Offset kFreeList = 24;          // int64: first freed block, 0 = none
constexpr Offset kDirectoryLock = 32;     // int32
constexpr Offset kDirectory = 64;         // kDirectorySlots entries
constexpr int kDirectorySlots = 64;
constexpr std::size_t kNameBytes = 48;    // name, zero-padded
constexpr std::size_t kSlotBytes = 64;    // name + int64 offset + int64 size
constexpr Offset kFirstBlock = kDirectory + kDirectorySlots * kSlotBytes;
constexpr std::int32_t kMagicValue = 0x43444d50;  // "CDMP"
constexpr std::size_t kBlockHeader = 64;  // size and free-list link; keeps payloads 64-byte aligned
}  // namespace arena_layout

// Prepares an all-zero arena (idempotent).
void arena_format(Arena& arena);
// A block of at least `size` bytes, 64-byte aligned; throws std::bad_alloc
// when the arena is full. Blocks are reused after arena_free, never merged.
Offset arena_allocate(Arena& arena, std::size_t size);
void arena_free(Arena& arena, Offset block);
std::size_t arena_block_size(Arena& arena, Offset block);
// Named blocks: publish(name) so another process can find(name). find returns
// 0 when there is no such name.
void arena_publish(Arena& arena, const std::string& name, Offset block);
Offset arena_find(Arena& arena, const std::string& name);
void arena_unpublish(Arena& arena, const std::string& name);

// A message queue kept entirely in the arena: a ring buffer of bytes with a
// writer lock and a reader lock, so any number of processes may put and get.
// A message longer than the ring streams through it while the reader takes
// it out. The browser backend's Queue is this; natively it is tested here and
// Queue uses a pipe instead.
class RingQueue {
 public:
  static Offset create(Arena& arena, std::size_t capacity);
  static void destroy(Arena& arena, Offset queue);
  RingQueue(Arena& arena, Offset queue) : arena_(&arena), q_(queue) {}

  void put(const void* data, std::size_t size);
  // False when no message began within `timeout_ms` (negative: wait forever);
  // otherwise `out` holds the whole message.
  bool get(std::vector<std::uint8_t>& out, double timeout_ms);

 private:
  // Copies the next `size` bytes out of the ring, waiting for the writer.
  void take(std::uint8_t* to, std::size_t size);
  Arena* arena_;
  Offset q_;
};

}  // namespace cdd::mp
