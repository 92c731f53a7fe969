// The lock, allocator, directory and ring queue, written once against Arena.
#include <cdd/mp/arena.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <new>
#include <stdexcept>

namespace cdd::mp {
namespace {

double clock_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

// Time left until `deadline_ms` (negative deadline: none, so -1 = forever).
double left_until(double deadline_ms) {
  if (deadline_ms < 0) return -1;
  return std::max(0.0, deadline_ms - clock_ms());
}

using namespace arena_layout;

}  // namespace

// The classic three-state futex mutex: the common uncontended case is one
// compare-exchange, and only a contended lock pays for a sleep and a wake-up.
void ArenaLock::lock() { try_lock_for(-1); }

bool ArenaLock::try_lock_for(double timeout_ms) {
  std::int32_t seen = arena_->compare_exchange32(word_, 0, 1);
  if (seen == 0) return true;
  double deadline = timeout_ms < 0 ? -1 : clock_ms() + timeout_ms;
  // Mark the lock as contended (2) so its holder knows to wake a sleeper.
  if (seen != 2) seen = arena_->exchange32(word_, 2);
  while (seen != 0) {
    double left = left_until(deadline);
    if (left == 0) return false;
    arena_->wait32(word_, 2, left);
    seen = arena_->exchange32(word_, 2);
  }
  return true;
}

void ArenaLock::unlock() {
  if (arena_->fetch_add32(word_, -1) != 1) {
    arena_->store32(word_, 0);
    arena_->notify32(word_, 1);
  }
}

void arena_format(Arena& arena) {
  if (arena.load32(kMagic) == kMagicValue) return;
  arena.store64(kBump, static_cast<std::int64_t>(kFirstBlock));
  arena.store64(kFreeList, 0);
  arena.store32(kMagic, kMagicValue);
}

Offset arena_allocate(Arena& arena, std::size_t size) {
  std::uint64_t rounded = (static_cast<std::uint64_t>(size) + 63) / 64 * 64;
  if (rounded == 0) rounded = 64;
  ArenaLock guard(arena, kAllocatorLock);
  guard.lock();
  // First fit from the freed blocks: a lesson reuses the same few sizes.
  Offset previous = 0;
  Offset block = static_cast<Offset>(arena.load64(kFreeList));
  while (block != 0) {
    Offset header = block - kBlockHeader;
    std::uint64_t capacity = static_cast<std::uint64_t>(arena.load64(header));
    Offset next = static_cast<Offset>(arena.load64(header + 8));
    if (capacity >= rounded) {
      if (previous == 0) arena.store64(kFreeList, static_cast<std::int64_t>(next));
      else arena.store64(previous - kBlockHeader + 8, static_cast<std::int64_t>(next));
      guard.unlock();
      return block;
    }
    previous = block;
    block = next;
  }
  std::uint64_t bump = static_cast<std::uint64_t>(arena.load64(kBump));
  if (bump + kBlockHeader + rounded > arena.size()) {
    guard.unlock();
    throw std::bad_alloc();
  }
  try {
    arena.reserve(bump + kBlockHeader + rounded);
  } catch (...) {
    guard.unlock();
    throw;
  }
  arena.store64(kBump, static_cast<std::int64_t>(bump + kBlockHeader + rounded));
  guard.unlock();
  arena.store64(bump, static_cast<std::int64_t>(rounded));
  arena.store64(bump + 8, 0);
  return bump + kBlockHeader;
}

std::size_t arena_block_size(Arena& arena, Offset block) {
  return static_cast<std::size_t>(arena.load64(block - kBlockHeader));
}

void arena_free(Arena& arena, Offset block) {
  if (block == 0) return;
  ArenaLock guard(arena, kAllocatorLock);
  guard.lock();
  arena.store64(block - kBlockHeader + 8, arena.load64(kFreeList));
  arena.store64(kFreeList, static_cast<std::int64_t>(block));
  guard.unlock();
}

namespace {

std::string slot_name(Arena& arena, int slot) {
  char name[kNameBytes + 1] = {};
  arena.read(kDirectory + static_cast<Offset>(slot) * kSlotBytes, name, kNameBytes);
  return name;
}

Offset slot_offset(int slot) { return kDirectory + static_cast<Offset>(slot) * kSlotBytes + kNameBytes; }

}  // namespace

void arena_publish(Arena& arena, const std::string& name, Offset block) {
  if (name.empty() || name.size() >= kNameBytes)
    throw std::invalid_argument("a shared block's name must have 1 to " + std::to_string(kNameBytes - 1) +
                                " characters, got '" + name + "'");
  ArenaLock guard(arena, kDirectoryLock);
  guard.lock();
  int free_slot = -1;
  for (int slot = 0; slot < kDirectorySlots; ++slot) {
    if (arena.load64(slot_offset(slot)) == 0) {
      if (free_slot < 0) free_slot = slot;
    } else if (slot_name(arena, slot) == name) {
      guard.unlock();
      throw std::invalid_argument("a shared block named '" + name + "' already exists");
    }
  }
  if (free_slot < 0) {
    guard.unlock();
    throw std::length_error("too many named shared blocks (at most " + std::to_string(kDirectorySlots) + ")");
  }
  char padded[kNameBytes] = {};
  std::memcpy(padded, name.data(), name.size());
  arena.write(kDirectory + static_cast<Offset>(free_slot) * kSlotBytes, padded, kNameBytes);
  arena.store64(slot_offset(free_slot), static_cast<std::int64_t>(block));
  guard.unlock();
}

Offset arena_find(Arena& arena, const std::string& name) {
  ArenaLock guard(arena, kDirectoryLock);
  guard.lock();
  Offset found = 0;
  for (int slot = 0; slot < kDirectorySlots && found == 0; ++slot)
    if (arena.load64(slot_offset(slot)) != 0 && slot_name(arena, slot) == name)
      found = static_cast<Offset>(arena.load64(slot_offset(slot)));
  guard.unlock();
  return found;
}

void arena_unpublish(Arena& arena, const std::string& name) {
  ArenaLock guard(arena, kDirectoryLock);
  guard.lock();
  for (int slot = 0; slot < kDirectorySlots; ++slot)
    if (arena.load64(slot_offset(slot)) != 0 && slot_name(arena, slot) == name)
      arena.store64(slot_offset(slot), 0);
  guard.unlock();
}

// Ring queue layout, relative to its block.
namespace {
constexpr Offset kWriterLock = 0;
constexpr Offset kReaderLock = 4;
constexpr Offset kDataSeq = 8;    // bumped (and waited on) when bytes arrive
constexpr Offset kSpaceSeq = 12;  // bumped (and waited on) when bytes leave
constexpr Offset kHead = 16;      // bytes taken out so far
constexpr Offset kTail = 24;      // bytes put in so far
constexpr Offset kCapacity = 32;
constexpr Offset kRingData = 64;
}  // namespace

Offset RingQueue::create(Arena& arena, std::size_t capacity) {
  Offset q = arena_allocate(arena, kRingData + capacity);
  for (Offset field = 0; field < kRingData; field += 8) arena.store64(q + field, 0);
  arena.store64(q + kCapacity, static_cast<std::int64_t>(capacity));
  return q;
}

void RingQueue::destroy(Arena& arena, Offset queue) { arena_free(arena, queue); }

void RingQueue::put(const void* data, std::size_t size) {
  ArenaLock writer(*arena_, q_ + kWriterLock);
  writer.lock();
  const std::uint64_t capacity = static_cast<std::uint64_t>(arena_->load64(q_ + kCapacity));
  std::uint32_t length = static_cast<std::uint32_t>(size);
  if (size > 0xffffffffu) {
    writer.unlock();
    throw std::length_error("a queue message must be smaller than 4 GiB");
  }
  // The 4-byte length, then the payload, written as space becomes free.
  const std::uint8_t* parts[2] = {reinterpret_cast<const std::uint8_t*>(&length),
                                  static_cast<const std::uint8_t*>(data)};
  std::size_t sizes[2] = {sizeof length, size};
  for (int part = 0; part < 2; ++part) {
    std::size_t done = 0;
    while (done < sizes[part]) {
      std::int32_t space_seq = arena_->load32(q_ + kSpaceSeq);
      std::uint64_t head = static_cast<std::uint64_t>(arena_->load64(q_ + kHead));
      std::uint64_t tail = static_cast<std::uint64_t>(arena_->load64(q_ + kTail));
      std::uint64_t free_bytes = capacity - (tail - head);
      if (free_bytes == 0) {
        arena_->wait32(q_ + kSpaceSeq, space_seq, -1);
        continue;
      }
      std::uint64_t at = tail % capacity;
      std::size_t n = static_cast<std::size_t>(
          std::min<std::uint64_t>({free_bytes, sizes[part] - done, capacity - at}));
      arena_->write(q_ + kRingData + at, parts[part] + done, n);
      arena_->store64(q_ + kTail, static_cast<std::int64_t>(tail + n));
      arena_->fetch_add32(q_ + kDataSeq, 1);
      arena_->notify32(q_ + kDataSeq, 1 << 30);
      done += n;
    }
  }
  writer.unlock();
}

void RingQueue::take(std::uint8_t* to, std::size_t size) {
  const std::uint64_t capacity = static_cast<std::uint64_t>(arena_->load64(q_ + kCapacity));
  std::size_t done = 0;
  while (done < size) {
    std::int32_t data_seq = arena_->load32(q_ + kDataSeq);
    std::uint64_t head = static_cast<std::uint64_t>(arena_->load64(q_ + kHead));
    std::uint64_t tail = static_cast<std::uint64_t>(arena_->load64(q_ + kTail));
    if (tail == head) {
      arena_->wait32(q_ + kDataSeq, data_seq, -1);
      continue;
    }
    std::uint64_t at = head % capacity;
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>({tail - head, size - done, capacity - at}));
    arena_->read(q_ + kRingData + at, to + done, n);
    arena_->store64(q_ + kHead, static_cast<std::int64_t>(head + n));
    arena_->fetch_add32(q_ + kSpaceSeq, 1);
    arena_->notify32(q_ + kSpaceSeq, 1 << 30);
    done += n;
  }
}

bool RingQueue::get(std::vector<std::uint8_t>& out, double timeout_ms) {
  double deadline = timeout_ms < 0 ? -1 : clock_ms() + timeout_ms;
  ArenaLock reader(*arena_, q_ + kReaderLock);
  if (!reader.try_lock_for(timeout_ms)) return false;
  // Wait for a message to begin; once it has, read all of it.
  for (;;) {
    std::int32_t data_seq = arena_->load32(q_ + kDataSeq);
    if (arena_->load64(q_ + kTail) != arena_->load64(q_ + kHead)) break;
    double left = left_until(deadline);
    if (left == 0) {
      reader.unlock();
      return false;
    }
    arena_->wait32(q_ + kDataSeq, data_seq, left);
  }
  std::uint32_t length = 0;
  take(reinterpret_cast<std::uint8_t*>(&length), sizeof length);
  out.resize(length);
  take(out.data(), length);
  reader.unlock();
  return true;
}

}  // namespace cdd::mp
