// A small thread pool: a fixed set of worker threads taking jobs from a
// queue, with a future for each job's result (the C++ counterpart of
// Python's concurrent.futures.ThreadPoolExecutor).
//
// Starting a thread costs tens of microseconds; a pool pays that once and
// then hands each job to a thread that already exists.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>
#include <vector>

#include "bounded_queue.h"

namespace lesson {

class ThreadPool {
 public:
  explicit ThreadPool(int workers, size_t queue_capacity = 1024) : jobs_(queue_capacity) {
    for (int w = 0; w < workers; ++w)
      workers_.emplace_back([this] {
        std::function<void()> job;
        while (jobs_.pop(job)) job();  // pop() returns false once closed and drained
      });
  }

  // Finishes every job already submitted, then stops the workers.
  ~ThreadPool() {
    jobs_.close();
    for (auto& w : workers_) w.join();
  }

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `fn` and returns a future for its result. A packaged_task ties the
  // two together: running the task stores the result (or exception) in the
  // state the future reads. std::function needs a copyable callable and a
  // packaged_task can only be moved, hence the shared_ptr around it.
  template <class Fn>
  auto submit(Fn fn) -> std::future<std::invoke_result_t<Fn>> {
    using Result = std::invoke_result_t<Fn>;
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(fn));
    std::future<Result> result = task->get_future();
    jobs_.push([task] { (*task)(); });
    return result;
  }

  int size() const { return static_cast<int>(workers_.size()); }

 private:
  BoundedQueue<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
};

}  // namespace lesson
