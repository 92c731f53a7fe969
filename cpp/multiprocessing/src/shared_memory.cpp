#include <cdd/mp/shared_memory.h>

#include <new>
#include <stdexcept>

#include "detail.h"

namespace cdd::mp {
namespace {
constexpr Offset kHeader = 64;  // the lock word, then padding to keep data aligned

void require_shared_memory() {
  std::string why;
  if (!shared_memory_available(&why)) throw std::runtime_error(why);
}
}  // namespace

bool shared_memory_available(std::string* why) { return detail::backend_shares_memory(why); }

SharedMemory SharedMemory::create(const std::string& name, std::size_t bytes) {
  require_shared_memory();
  Arena& arena = shared_arena();
  std::size_t size = (bytes + 7) / 8 * 8;
  Offset block = arena_allocate(arena, kHeader + size);
  for (Offset at = 0; at < kHeader + size; at += 8) arena.store64(block + at, 0);
  arena.store64(block + 8, static_cast<std::int64_t>(size));  // header: lock word, then the size
  try {
    arena_publish(arena, name, block);
  } catch (...) {
    arena_free(arena, block);
    throw;
  }
  return SharedMemory(name, block, size, true);
}

SharedMemory SharedMemory::attach(const std::string& name) {
  require_shared_memory();
  Arena& arena = shared_arena();
  Offset block = arena_find(arena, name);
  if (block == 0) throw std::invalid_argument("no shared memory block named '" + name + "'");
  return SharedMemory(name, block, static_cast<std::size_t>(arena.load64(block + 8)), false);
}

SharedMemory::~SharedMemory() {
  if (owner_ && block_) {
    arena_unpublish(shared_arena(), name_);
    arena_free(shared_arena(), block_);
  }
}

SharedMemory::SharedMemory(SharedMemory&& other) noexcept
    : name_(std::move(other.name_)), block_(other.block_), size_(other.size_), owner_(other.owner_) {
  other.block_ = 0;
  other.owner_ = false;
}

SharedMemory& SharedMemory::operator=(SharedMemory&& other) noexcept {
  if (this != &other) {
    this->~SharedMemory();
    new (this) SharedMemory(std::move(other));
  }
  return *this;
}

Offset SharedMemory::word_offset(std::size_t word) const {
  if (word >= words())
    throw std::out_of_range("word " + std::to_string(word) + " is outside shared block '" + name_ + "' of " +
                            std::to_string(words()) + " words");
  return block_ + kHeader + word * 8;
}

std::int64_t SharedMemory::load(std::size_t word) const { return shared_arena().load64(word_offset(word)); }
void SharedMemory::store(std::size_t word, std::int64_t value) { shared_arena().store64(word_offset(word), value); }
std::int64_t SharedMemory::fetch_add(std::size_t word, std::int64_t delta) {
  return shared_arena().fetch_add64(word_offset(word), delta);
}
bool SharedMemory::compare_exchange(std::size_t word, std::int64_t& expected, std::int64_t desired) {
  std::int64_t found = shared_arena().compare_exchange64(word_offset(word), expected, desired);
  if (found == expected) return true;
  expected = found;
  return false;
}

// Waiting works on 32-bit words (futex and Atomics.wait both do); the low
// half of a little-endian 64-bit word sits at its own address.
void SharedMemory::wait(std::size_t word, std::int64_t value, double timeout_ms) const {
  shared_arena().wait32(word_offset(word), static_cast<std::int32_t>(value), timeout_ms);
}
void SharedMemory::notify_all(std::size_t word) { shared_arena().notify32(word_offset(word), 1 << 30); }

void SharedMemory::lock() { ArenaLock(shared_arena(), block_).lock(); }
void SharedMemory::unlock() { ArenaLock(shared_arena(), block_).unlock(); }

void SharedMemory::write(std::size_t at, const void* from, std::size_t size) {
  if (at > size_ || size > size_ - at) throw std::out_of_range("SharedMemory::write outside block '" + name_ + "'");
  shared_arena().write(block_ + kHeader + at, from, size);
}
void SharedMemory::read(std::size_t at, void* to, std::size_t size) const {
  if (at > size_ || size > size_ - at) throw std::out_of_range("SharedMemory::read outside block '" + name_ + "'");
  shared_arena().read(block_ + kHeader + at, to, size);
}
void* SharedMemory::data() { return shared_arena().pointer(block_ + kHeader); }

}  // namespace cdd::mp
