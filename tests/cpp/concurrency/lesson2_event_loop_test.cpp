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

TEST(EventLoop, UnrunTasksAreDestroyedWithTheLoop) {
  std::vector<std::string> log;
  EventLoop loop(EventLoop::Clock::virtual_time);
  loop.spawn(sleeper(loop, log, "never", {1}), "never");
  // leaving scope without run(): no leak (checked under sanitizers), no crash
}

}  // namespace
