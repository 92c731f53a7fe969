// The coroutine event loop, on virtual time: exact order, no waiting.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event_loop.h"

namespace {

using lesson::EventLoop;
using lesson::Task;

Task sleeper(EventLoop& loop, std::vector<std::string>& log, std::string name, std::vector<double> waits) {
  for (double w : waits) {
    co_await loop.sleep(w);
    log.push_back(name + "@" + std::to_string(static_cast<int>(loop.now())));
  }
}

TEST(EventLoop, TimersInterleaveTasksInTimeOrder) {
  EventLoop loop(EventLoop::Clock::virtual_time);
  std::vector<std::string> log;
  loop.spawn(sleeper(loop, log, "a", {10, 10, 10}), "a");
  loop.spawn(sleeper(loop, log, "b", {15, 20}), "b");
  loop.run();
  std::vector<std::string> expected = {"a@10", "b@15", "a@20", "a@30", "b@35"};
  EXPECT_EQ(log, expected);
  EXPECT_EQ(loop.finished(), 2);
  EXPECT_DOUBLE_EQ(loop.now(), 35);  // the longest task, not the sum (65)
}

Task yielder(EventLoop& loop, std::vector<std::string>& log, std::string name, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    log.push_back(name);
    co_await loop.yield();
  }
}

TEST(EventLoop, YieldRoundRobins) {
  EventLoop loop(EventLoop::Clock::virtual_time);
  std::vector<std::string> log;
  loop.spawn(yielder(loop, log, "x", 3), "x");
  loop.spawn(yielder(loop, log, "y", 3), "y");
  loop.run();
  std::vector<std::string> expected = {"x", "y", "x", "y", "x", "y"};
  EXPECT_EQ(log, expected);
  EXPECT_EQ(loop.resumes(), 8);  // 3 yields + the final resume, per task
}

Task context_keeper(EventLoop& loop, std::string value, int& wrong) {
  loop.context().values["v"] = value;
  co_await loop.sleep(1);
  if (loop.context().values["v"] != value) ++wrong;
}

thread_local std::string shared_by_thread;

Task thread_local_user(EventLoop& loop, std::string value, int& wrong) {
  shared_by_thread = value;
  co_await loop.sleep(1);
  if (shared_by_thread != value) ++wrong;
}

TEST(EventLoop, TaskContextSurvivesAwaitButThreadLocalDoesNot) {
  int wrong_context = 0, wrong_thread_local = 0;
  {
    EventLoop loop(EventLoop::Clock::virtual_time);
    for (int i = 0; i < 3; ++i) loop.spawn(context_keeper(loop, std::to_string(i), wrong_context), "t");
    loop.run();
  }
  {
    EventLoop loop(EventLoop::Clock::virtual_time);
    for (int i = 0; i < 3; ++i) loop.spawn(thread_local_user(loop, std::to_string(i), wrong_thread_local), "t");
    loop.run();
  }
  EXPECT_EQ(wrong_context, 0);
  EXPECT_EQ(wrong_thread_local, 2);  // every task but the last to write sees the last value
}

TEST(EventLoop, SegmentsRecordEachRun) {
  EventLoop loop(EventLoop::Clock::virtual_time);
  std::vector<std::string> log;
  loop.spawn(sleeper(loop, log, "a", {5}), "a");
  loop.run();
  ASSERT_EQ(loop.segments().size(), 2u);  // start to first await, then resume to end
  EXPECT_EQ(loop.segments()[1].task, "a");
  EXPECT_DOUBLE_EQ(loop.segments()[1].start_ms, 5);
}

Task parser(EventLoop& loop, std::vector<std::string>& log, std::string name) {
  co_await loop.sleep(10);
  loop.advance(3);  // 3 ms of CPU work, on the virtual clock
  log.push_back(name + "@" + std::to_string(static_cast<int>(loop.now())));
}

TEST(EventLoop, AdvanceIsCpuTimeOnTheVirtualClock) {
  EventLoop loop(EventLoop::Clock::virtual_time);
  std::vector<std::string> log;
  loop.spawn(parser(loop, log, "a"), "a");
  loop.spawn(parser(loop, log, "b"), "b");
  loop.run();
  // Both wake at 10; one thread, so the second parses after the first.
  std::vector<std::string> expected = {"a@13", "b@16"};
  EXPECT_EQ(log, expected);
  ASSERT_EQ(loop.segments().size(), 4u);
  EXPECT_DOUBLE_EQ(loop.segments()[3].start_ms, 13);
  EXPECT_DOUBLE_EQ(loop.segments()[3].end_ms, 16);
}

// Counts its live copies. A coroutine keeps a copy of each parameter in its
// frame, so a Tracker parameter is alive exactly as long as the frame.
struct Tracker {
  int* live;
  explicit Tracker(int* counter) : live(counter) { ++*live; }
  Tracker(const Tracker& other) : live(other.live) { ++*live; }
  Tracker& operator=(const Tracker&) = delete;
  ~Tracker() { --*live; }
};

Task tracked(EventLoop& loop, Tracker, double wait) { co_await loop.sleep(wait); }

TEST(EventLoop, FinishedTasksAreDestroyedByRun) {
  int live = 0;
  EventLoop loop(EventLoop::Clock::virtual_time);
  loop.spawn(tracked(loop, Tracker(&live), 1), "a");
  loop.spawn(tracked(loop, Tracker(&live), 2), "b");
  EXPECT_EQ(live, 2);  // two frames, each with its copy
  loop.run();
  EXPECT_EQ(loop.finished(), 2);
  EXPECT_EQ(live, 0);  // both frames gone before the loop is
}

TEST(EventLoop, UnrunTasksAreDestroyedWithTheLoop) {
  int live = 0;
  {
    EventLoop loop(EventLoop::Clock::virtual_time);
    loop.spawn(tracked(loop, Tracker(&live), 1), "never");
    loop.spawn(tracked(loop, Tracker(&live), 1), "never either");
    EXPECT_EQ(live, 2);
    // leaving scope without run()
  }
  EXPECT_EQ(live, 0);
}

}  // namespace
