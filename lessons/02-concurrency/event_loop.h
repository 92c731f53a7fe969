// A tiny event loop for C++20 coroutines: concurrency on ONE thread.
//
// This is the idea behind Python's asyncio. A task is a coroutine; when it
// has to wait (here: for a timer) it suspends with `co_await`, handing
// control back to the loop, which resumes another task that is ready. Nothing
// runs in parallel and nothing is preempted: a task runs until its next
// co_await. So there are no data races between tasks, but a task that
// computes for a long time without awaiting holds up all the others.
//
//   lesson::Task fetch(lesson::EventLoop& loop) { co_await loop.sleep(50); }
//   lesson::EventLoop loop;
//   loop.spawn(fetch(loop), "fetch");
//   loop.run();
#pragma once

#include <chrono>
#include <coroutine>
#include <deque>
#include <exception>
#include <map>
#include <queue>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace lesson {

// Per-task variables: the counterpart of Python's contextvars. They belong to
// a task, not to the thread, so they survive a co_await even when other tasks
// run on the same thread in between.
struct TaskContext {
  std::map<std::string, std::string> values;
};

// The coroutine type of a top-level task. It starts suspended (the loop
// decides when it runs) and stays suspended at the end (the loop destroys it).
class Task {
 public:
  struct promise_type {
    std::string name;
    TaskContext context;
    Task get_return_object() {
      return Task(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  using Handle = std::coroutine_handle<promise_type>;

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  Task& operator=(Task&&) = delete;
  ~Task() {
    if (handle_) handle_.destroy();
  }
  Handle release() { return std::exchange(handle_, {}); }

 private:
  explicit Task(Handle h) : handle_(h) {}
  Handle handle_;
};

class EventLoop {
 public:
  // Real time sleeps the thread until the next timer; virtual time jumps the
  // clock instead (tests use it: same order of events, no waiting).
  enum class Clock { real, virtual_time };

  // One stretch of a task running, from a resume to its next suspension.
  struct Segment {
    std::string task;
    double start_ms, end_ms;
  };

  explicit EventLoop(Clock clock = Clock::real, bool record_segments = true)
      : clock_(clock), record_(record_segments), origin_(std::chrono::steady_clock::now()) {}

  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Tasks that never finished (run() was not called) are destroyed here.
  ~EventLoop() {
    for (auto h : ready_) h.destroy();
    while (!timers_.empty()) {
      timers_.top().handle.destroy();
      timers_.pop();
    }
  }

  void spawn(Task task, std::string name) {
    Task::Handle h = task.release();
    h.promise().name = std::move(name);
    ready_.push_back(h);
  }

  // Runs until every task has finished.
  void run() {
    while (!ready_.empty() || !timers_.empty()) {
      if (ready_.empty()) wait_until(timers_.top().wake_ms);
      while (!timers_.empty() && timers_.top().wake_ms <= now()) {
        ready_.push_back(timers_.top().handle);
        timers_.pop();
      }
      if (ready_.empty()) continue;
      Task::Handle h = ready_.front();
      ready_.pop_front();
      current_ = h;
      double start = now();
      h.resume();  // runs the task until its next co_await (or its end)
      current_ = nullptr;
      ++resumes_;
      if (record_) segments_.push_back({h.promise().name, start, now()});
      if (h.done()) {
        ++finished_;
        h.destroy();
      }
    }
  }

  Clock clock() const { return clock_; }

  // On the virtual clock: the running task computed for `ms` (the clock
  // moves on by that much). On the real clock time passes by itself, so
  // this does nothing.
  void advance(double ms) {
    if (clock_ == Clock::virtual_time) virtual_now_ += ms;
  }

  // Milliseconds since the loop was created (virtual: the simulated clock).
  double now() const {
    if (clock_ == Clock::virtual_time) return virtual_now_;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin_).count();
  }

  // co_await loop.sleep(ms): suspend this task; the loop resumes it later.
  auto sleep(double ms) {
    struct Awaiter {
      EventLoop& loop;
      double wake_ms;
      bool await_ready() const noexcept { return false; }
      void await_suspend(Task::Handle h) { loop.timers_.push({wake_ms, loop.next_sequence_++, h}); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this, now() + ms};
  }

  // co_await loop.yield(): let every other ready task run once first.
  auto yield() {
    struct Awaiter {
      EventLoop& loop;
      bool await_ready() const noexcept { return false; }
      void await_suspend(Task::Handle h) { loop.ready_.push_back(h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this};
  }

  // The running task's own variables (only valid inside a task).
  TaskContext& context() { return current_.promise().context; }
  const std::string& current_name() const { return current_.promise().name; }

  const std::vector<Segment>& segments() const { return segments_; }
  long long resumes() const { return resumes_; }
  int finished() const { return finished_; }

 private:
  struct Timer {
    double wake_ms;
    long long sequence;  // equal wake times resume in the order they were set
    Task::Handle handle;
    bool operator>(const Timer& o) const {
      return wake_ms != o.wake_ms ? wake_ms > o.wake_ms : sequence > o.sequence;
    }
  };

  void wait_until(double wake_ms) {
    if (clock_ == Clock::virtual_time) {
      if (wake_ms > virtual_now_) virtual_now_ = wake_ms;
      return;
    }
    double left = wake_ms - now();
    if (left > 0) std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(left));
  }

  Clock clock_;
  bool record_;
  std::chrono::steady_clock::time_point origin_;
  double virtual_now_ = 0;
  std::deque<Task::Handle> ready_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  long long next_sequence_ = 0;
  Task::Handle current_ = nullptr;
  std::vector<Segment> segments_;
  long long resumes_ = 0;
  int finished_ = 0;
};

}  // namespace lesson
