// The backend-independent core: codec, pool schedule, and the arena
// algorithms (lock, allocator, directory, ring queue) run by threads over
// ordinary memory, exactly as the browser backend runs them over a
// SharedArrayBuffer.
#include <cdd/mp/arena.h>
#include <cdd/mp/pool_schedule.h>
#include <cdd/mp/registry.h>
#include <cdd/mp/serialize.h>
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "memory_arena.h"

using namespace cdd::mp;

TEST(Codec, RoundTripsNestedValues) {
  using Value = std::tuple<int, double, std::string, std::vector<std::pair<long long, std::string>>, std::array<char, 3>>;
  Value v{-7, 2.5, "hello", {{1, "a"}, {1LL << 40, ""}}, {'x', 'y', 'z'}};
  EXPECT_EQ(decode<Value>(encode(v)), v);
  EXPECT_EQ(decode<std::vector<Bytes>>(encode(std::vector<Bytes>{{1, 2}, {}, {3}})), (std::vector<Bytes>{{1, 2}, {}, {3}}));
}

TEST(Codec, RejectsShortLeftoverAndAbsurdLengths) {
  Bytes four = encode(std::int32_t{5});
  EXPECT_THROW(decode<std::int64_t>(four), DecodeError);
  EXPECT_THROW(decode<std::int16_t>(four), DecodeError);
  Bytes huge = encode(std::uint64_t{1} << 40);  // a "string" claiming a terabyte
  EXPECT_THROW(decode<std::string>(huge), DecodeError);
}

long long twice(long long x) { return 2 * x; }
CDD_MP_TASK(twice);

TEST(Registry, FindsTypedTasksByName) {
  const TaskBody* body = find_task("twice");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(decode<long long>((*body)(encode(21LL))), 42);
  EXPECT_EQ(find_task("no such task"), nullptr);
  EXPECT_THROW(register_task("twice", {}), std::logic_error);
}

TEST(Chunks, CoverEveryItemOnce) {
  auto chunks = make_chunks(10, 3);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[3].begin, 9u);
  EXPECT_EQ(chunks[3].end, 10u);
  EXPECT_TRUE(make_chunks(0, 5).empty());
  EXPECT_THROW(make_chunks(3, 0), std::invalid_argument);
  EXPECT_EQ(suggested_chunk_size(100, 2, 4), 13u);
  EXPECT_EQ(suggested_chunk_size(3, 8, 4), 1u);
}

ItemResult ok_result(std::size_t index) {
  ItemResult r;
  r.index = index;
  r.value = encode(static_cast<int>(index));
  return r;
}

TEST(PoolSchedule, DeliversInInputOrderWhateverTheCompletionOrder) {
  PoolSchedule s(6, 3, 2);
  auto a = s.assign(0);
  auto b = s.assign(1);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->begin, 3u);
  EXPECT_THROW(s.assign(1), std::logic_error);  // it is busy
  s.began(1, 3, 0.5);
  s.record(1, ok_result(3), 1);
  EXPECT_FALSE(s.next_in_order());  // item 0 is not in yet
  s.began(0, 0, 0.25);
  s.record(0, ok_result(0), 2);
  auto first = s.next_in_order();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->index, 0u);
  EXPECT_EQ(first->worker, 0);
  EXPECT_EQ(first->started_ms, 0.25);  // when the worker said it began it
  EXPECT_EQ(first->finished_ms, 2);
  EXPECT_FALSE(s.next_in_order());
  EXPECT_THROW(s.record(0, ok_result(2), 3), std::logic_error);  // item 1 comes first
  EXPECT_THROW(s.began(0, 2, 3), std::logic_error);
}

TEST(PoolSchedule, LostWorkerFailsItsItemAndRequeuesTheRest) {
  PoolSchedule s(5, 5, 2);
  ASSERT_TRUE(s.assign(0));
  s.began(0, 0, 0);
  s.record(0, ok_result(0), 1);
  EXPECT_EQ(s.running_item(0), 1u);
  EXPECT_FALSE(s.running_since(0));  // item 1 has not begun
  s.began(0, 1, 1.5);
  EXPECT_EQ(s.running_since(0), 1.5);
  auto failed = s.worker_lost(0, Failure::aborted, "boom", 5);
  ASSERT_TRUE(failed);
  EXPECT_EQ(*failed, 1u);
  EXPECT_FALSE(s.busy(0));
  auto rest = s.assign(1);  // another worker picks up items 2..4
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->begin, 2u);
  EXPECT_EQ(rest->end, 5u);
  for (std::size_t i = 2; i < 5; ++i) s.record(1, ok_result(i), 3);
  std::vector<Failure> seen;
  std::vector<double> started;
  while (auto r = s.next_in_order()) {
    seen.push_back(r->failure);
    started.push_back(r->started_ms);
  }
  EXPECT_EQ(seen, (std::vector<Failure>{Failure::none, Failure::aborted, Failure::none, Failure::none, Failure::none}));
  // The lost item ran from its "began" on; results whose start was never
  // reported started, as far as the parent knows, when they ended.
  EXPECT_EQ(started, (std::vector<double>{0, 1.5, 3, 3, 3}));
  EXPECT_TRUE(s.all_delivered());
}

TEST(PoolSchedule, ReleasedWorkerRequeuesWithoutBlame) {
  PoolSchedule s(3, 3, 1);
  ASSERT_TRUE(s.assign(0));
  ItemResult oom = ok_result(0);
  oom.failure = Failure::out_of_memory;
  s.record(0, oom, 1);
  s.release(0);
  EXPECT_FALSE(s.worker_lost(0, Failure::exited, "gone", 2));  // nothing running: no one blamed
  auto rest = s.assign(0);
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->begin, 1u);
  EXPECT_EQ(rest->end, 3u);
}

// The time-out decision, with explicit times: an item overruns a limit of
// 1000 ms once more than 1000 ms have passed since its worker began it.
TEST(PoolScheduleTimeout, CountsFromTheWorkersBeganReportNotFromTheAssignment) {
  PoolSchedule s(2, 2, 1);
  ASSERT_TRUE(s.assign(0));
  // The worker takes 5 s to start (a browser instantiating the program):
  // the item has not begun, so no time limit applies yet.
  EXPECT_FALSE(s.overran(0, 5000, 1000));
  s.began(0, 0, 5000);
  EXPECT_FALSE(s.overran(0, 5000, 1000));
  EXPECT_FALSE(s.overran(0, 6000, 1000));  // exactly the limit: not over it
  EXPECT_TRUE(s.overran(0, 6000.5, 1000));
}

TEST(PoolScheduleTimeout, EachItemOfAChunkGetsTheWholeLimit) {
  PoolSchedule s(2, 2, 1);
  ASSERT_TRUE(s.assign(0));
  s.began(0, 0, 0);
  s.record(0, ok_result(0), 900);
  // Between items: the next has not begun, however late it is.
  EXPECT_FALSE(s.overran(0, 1500, 1000));
  s.began(0, 1, 1500);
  EXPECT_FALSE(s.overran(0, 2500, 1000));
  EXPECT_TRUE(s.overran(0, 2501, 1000));
  s.record(0, ok_result(1), 2600);
  EXPECT_FALSE(s.overran(0, 1e9, 1000));  // idle: nothing to overrun
}

TEST(PoolScheduleTimeout, NegativeLimitMeansNone) {
  PoolSchedule s(1, 1, 1);
  ASSERT_TRUE(s.assign(0));
  s.began(0, 0, 0);
  EXPECT_FALSE(s.overran(0, 1e12, -1));
  EXPECT_TRUE(s.overran(0, 1, 0));  // a zero limit allows no time at all
}

// An arena over plain memory, shared by threads instead of processes.
struct LocalArena {
  std::vector<std::int64_t> memory = std::vector<std::int64_t>((64 << 20) / 8);
  MemoryArena arena{memory.data(), memory.size() * 8};
  LocalArena() { arena_format(arena); }
};

TEST(Arena, AllocatesAlignedBlocksAndReusesFreedOnes) {
  LocalArena local;
  Offset a = arena_allocate(local.arena, 100);
  Offset b = arena_allocate(local.arena, 10);
  EXPECT_EQ(a % 64, 0u);
  EXPECT_GE(b, a + 100);
  arena_free(local.arena, a);
  EXPECT_EQ(arena_allocate(local.arena, 64), a);  // first fit
  EXPECT_THROW(arena_allocate(local.arena, 1ull << 40), std::bad_alloc);
}

TEST(Arena, DirectoryFindsBlocksByName) {
  LocalArena local;
  Offset block = arena_allocate(local.arena, 8);
  arena_publish(local.arena, "counter", block);
  EXPECT_EQ(arena_find(local.arena, "counter"), block);
  EXPECT_EQ(arena_find(local.arena, "other"), 0u);
  EXPECT_THROW(arena_publish(local.arena, "counter", block), std::invalid_argument);
  EXPECT_THROW(arena_publish(local.arena, std::string(60, 'x'), block), std::invalid_argument);
  arena_unpublish(local.arena, "counter");
  EXPECT_EQ(arena_find(local.arena, "counter"), 0u);
}

TEST(Arena, LockMakesReadModifyWriteExact) {
  LocalArena local;
  Offset lock = arena_allocate(local.arena, 8);
  Offset counter = arena_allocate(local.arena, 8);
  const int threads = 4, rounds = 20000;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      ArenaLock guard(local.arena, lock);
      for (int i = 0; i < rounds; ++i) {
        guard.lock();
        local.arena.store64(counter, local.arena.load64(counter) + 1);  // not atomic: the lock makes it safe
        guard.unlock();
      }
    });
  for (auto& t : pool) t.join();
  EXPECT_EQ(local.arena.load64(counter), threads * rounds);
  ArenaLock guard(local.arena, lock);
  guard.lock();
  EXPECT_FALSE(guard.try_lock_for(20));  // held: times out instead of hanging
  guard.unlock();
}

TEST(RingQueue, CarriesMessagesLargerThanTheRingBetweenThreads) {
  LocalArena local;
  Offset ring = RingQueue::create(local.arena, 4096);
  const int producers = 3, messages = 200;
  std::vector<std::thread> pool;
  for (int p = 0; p < producers; ++p)
    pool.emplace_back([&, p] {
      RingQueue q(local.arena, ring);
      for (int m = 0; m < messages; ++m) {
        // Sizes up to 3x the ring: they must stream through it whole.
        Bytes message(static_cast<std::size_t>((m * 97) % 12000), static_cast<std::uint8_t>(p));
        Bytes framed = encode(std::make_tuple(p, m, message));
        q.put(framed.data(), framed.size());
      }
    });
  std::map<int, int> next_from;
  RingQueue q(local.arena, ring);
  for (int i = 0; i < producers * messages; ++i) {
    Bytes got;
    ASSERT_TRUE(q.get(got, 10000));
    auto [p, m, message] = decode<std::tuple<int, int, Bytes>>(got);
    EXPECT_EQ(m, next_from[p]++);  // each producer's messages arrive in order
    EXPECT_EQ(message.size(), static_cast<std::size_t>((m * 97) % 12000));
    for (auto byte : message) ASSERT_EQ(byte, p);
  }
  for (auto& t : pool) t.join();
  Bytes none;
  EXPECT_FALSE(q.get(none, 10));  // empty: times out
}
