// A bounded, blocking, closable queue for producers and consumers.
//
// push() waits while the queue is full (back-pressure: fast producers cannot
// run away from slow consumers and fill memory); pop() waits while it is
// empty. close() says "no more items": waiting producers give up, and
// consumers drain what is left, then get `false`. That is how consumers know
// the difference between "empty for now" and "finished".
//
// The queue also counts how often a consumer found it empty and a producer
// found it full: the demo makes producers pause until consumers have found
// it empty, and tests learn that a thread is waiting without guessing a delay.
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
    if (!closed_ && items_.size() >= capacity_) ++found_full_;
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // Waits for an item; returns false only when closed and drained.
  bool pop(T& out) {
    std::unique_lock<std::mutex> lock(m_);
    if (!closed_ && items_.empty()) note_found_empty();
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
    if (items_.empty()) {
      note_found_empty();
      return false;
    }
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
    found_empty_changed_.notify_all();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.size();
  }

  // Times a consumer found the queue empty: a try_pop that returned false,
  // or a pop that had to wait.
  long long found_empty() const {
    std::lock_guard<std::mutex> lock(m_);
    return found_empty_;
  }

  // Times a producer found the queue full and had to wait.
  long long found_full() const {
    std::lock_guard<std::mutex> lock(m_);
    return found_full_;
  }

  // Waits until consumers have found the queue empty `times` times in all
  // (or it is closed).
  void wait_until_found_empty(long long times) {
    std::unique_lock<std::mutex> lock(m_);
    found_empty_changed_.wait(lock, [&] { return closed_ || found_empty_ >= times; });
  }

 private:
  void note_found_empty() {
    ++found_empty_;
    found_empty_changed_.notify_all();
  }

  const size_t capacity_;
  mutable std::mutex m_;
  std::condition_variable not_full_, not_empty_, found_empty_changed_;
  std::deque<T> items_;
  bool closed_ = false;
  long long found_empty_ = 0, found_full_ = 0;
};

}  // namespace lesson
