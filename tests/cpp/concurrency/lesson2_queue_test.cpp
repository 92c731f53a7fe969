// BoundedQueue and the producer/consumer pipeline built on it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "bounded_queue.h"
#include "pipeline.h"

namespace {

TEST(BoundedQueue, FifoAndCloseDrains) {
  lesson::BoundedQueue<int> q(4);
  EXPECT_TRUE(q.push(1));
  EXPECT_TRUE(q.push(2));
  q.close();
  EXPECT_FALSE(q.push(3));  // closed: refused, not dropped silently
  int v = 0;
  EXPECT_TRUE(q.pop(v));
  EXPECT_EQ(v, 1);
  EXPECT_TRUE(q.pop(v));
  EXPECT_EQ(v, 2);
  EXPECT_FALSE(q.pop(v));  // closed and drained
}

TEST(BoundedQueue, PushWaitsWhileFull) {
  lesson::BoundedQueue<int> q(1);
  ASSERT_TRUE(q.push(1));
  EXPECT_EQ(q.found_full(), 0);
  std::atomic<bool> second_pushed{false};
  std::thread producer([&] {
    q.push(2);
    second_pushed = true;
  });
  // Until the producer has found the queue full (and waits), or - if push
  // did not wait - has pushed; no guessed delay.
  while (q.found_full() == 0 && !second_pushed.load()) std::this_thread::yield();
  EXPECT_FALSE(second_pushed.load());  // waiting for room, and nothing else can give it any
  EXPECT_EQ(q.size(), 1u);
  int v = 0;
  ASSERT_TRUE(q.pop(v));
  EXPECT_EQ(v, 1);
  producer.join();
  EXPECT_TRUE(second_pushed.load());
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.found_full(), 1);
}

TEST(BoundedQueue, CountsConsumersThatFoundItEmpty) {
  lesson::BoundedQueue<int> q(2);
  int v = 0;
  EXPECT_FALSE(q.try_pop(v));
  EXPECT_EQ(q.found_empty(), 1);
  std::thread consumer([&] { EXPECT_TRUE(q.pop(v)); });
  q.wait_until_found_empty(2);  // the consumer waits in pop() now
  EXPECT_TRUE(q.push(5));
  consumer.join();
  EXPECT_EQ(v, 5);
  EXPECT_EQ(q.found_empty(), 2);
}

TEST(BoundedQueue, CapacityZeroMeansOne) {
  lesson::BoundedQueue<int> q(0);
  EXPECT_TRUE(q.push(7));
  int v = 0;
  EXPECT_TRUE(q.try_pop(v));
  EXPECT_EQ(v, 7);
  EXPECT_FALSE(q.try_pop(v));
}

TEST(Pipeline, StopWhenClosedNeverLosesItems) {
  for (int p : {1, 2, 4})
    for (int c : {1, 3})
      for (size_t capacity : {size_t{1}, size_t{16}}) {
        auto r = lesson::run_pipeline(p, c, 20000, capacity, 10, lesson::StopRule::when_closed);
        EXPECT_TRUE(r.complete()) << p << " producers, " << c << " consumers, capacity " << capacity;
        EXPECT_EQ(r.lost(), 0);
      }
}

TEST(Pipeline, StopWhenEmptyLosesEverythingAfterAPause) {
  // The producers stop halfway until each consumer has found the queue
  // empty: consumers that stop at empty have all quit by then, so nothing
  // past the middle is ever consumed. Forced, so every run loses the same.
  // (Without the pause these slow consumers, with room for every item in
  // the queue, mostly never find it empty and lose nothing.)
  for (int producers : {1, 2})
    for (int consumers : {1, 2, 3}) {
      auto r = lesson::run_pipeline(producers, consumers, 2000, 2000, 20000, lesson::StopRule::when_empty, true);
      EXPECT_FALSE(r.complete());
      EXPECT_LE(r.consumed, 1000) << producers << " producers, " << consumers << " consumers";
      EXPECT_GE(r.lost(), 1000);
    }
  // With a small queue, producers that go on after the pause fill it and
  // wait; closing it releases them, so nothing hangs.
  auto r = lesson::run_pipeline(2, 2, 2000, 16, 0, lesson::StopRule::when_empty, true);
  EXPECT_GE(r.lost(), 1000);
  EXPECT_LE(r.pushed, 1000 + 16);  // what fitted in the queue before it was closed
}

TEST(Pipeline, StopWhenClosedGetsEverythingDespiteAPause) {
  // The same pause: consumers waiting in pop() count as having found the
  // queue empty, so the producers go on, and every item arrives.
  for (int producers : {1, 2})
    for (int consumers : {1, 3}) {
      auto r = lesson::run_pipeline(producers, consumers, 2000, 16, 0, lesson::StopRule::when_closed, true);
      EXPECT_TRUE(r.complete()) << producers << " producers, " << consumers << " consumers";
      EXPECT_EQ(r.lost(), 0);
    }
}

}  // namespace
