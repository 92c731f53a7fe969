// A bounded, blocking, closable queue for producers and consumers.
//
// push() waits while the queue is full (back-pressure: fast producers cannot
// run away from slow consumers and fill memory); pop() waits while it is
// empty. close() says "no more items": waiting producers give up, and
// consumers drain what is left, then get `false`. That is how consumers know
// the difference between "empty for now" and "finished".
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace lesson {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // Waits for room; returns false (and drops nothing) if the queue was closed.
  bool push(T item) {
    std::unique_lock<std::mutex> lock(m_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // Waits for an item; returns false only when closed and drained.
  bool pop(T& out) {
    std::unique_lock<std::mutex> lock(m_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  // Never waits: false when the queue is empty right now.
  bool try_pop(T& out) {
    std::lock_guard<std::mutex> lock(m_);
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  void close() {
    std::lock_guard<std::mutex> lock(m_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.size();
  }

 private:
  const size_t capacity_;
  mutable std::mutex m_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace lesson
