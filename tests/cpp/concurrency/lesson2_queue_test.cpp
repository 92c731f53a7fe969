// BoundedQueue and the producer/consumer pipeline built on it.
#include <gtest/gtest.h>

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
  std::atomic<bool> second_pushed{false};
  std::thread producer([&] {
    q.push(2);
    second_pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_FALSE(second_pushed.load());  // still waiting for room
  int v = 0;
  ASSERT_TRUE(q.pop(v));
  producer.join();
  EXPECT_TRUE(second_pushed.load());
  EXPECT_EQ(q.size(), 1u);
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

TEST(Pipeline, StopWhenEmptyLosesItemsWhenConsumersAreFaster) {
  // Consumers with no work empty the queue faster than one producer fills
  // it, see it empty and quit. Over several runs, at least one loses items;
  // the program still finishes because the queue is closed afterwards.
  bool lost = false;
  for (int run = 0; run < 10 && !lost; ++run)
    lost = lesson::run_pipeline(1, 2, 200000, 4, 0, lesson::StopRule::when_empty).lost() > 0;
  EXPECT_TRUE(lost);
}

}  // namespace
