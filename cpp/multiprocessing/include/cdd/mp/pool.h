// A pool of worker processes that maps a registered task over many inputs.
//
//   cdd::mp::Pool pool(4);
//   auto results = pool.map<long long>("count_primes", ranges, /*chunk_size=*/2);
//   for (auto& r : results) if (r.ok()) total += r.value; else report(r.message);
//
// Results come back in input order, one per input, each either a value or a
// failure saying what happened to that item. A worker that crashes, runs out
// of memory or overruns the task timeout is replaced, and the items it had
// not reached are run by the replacement, so one bad input never costs the
// others their results. An item's time limit counts from when its worker
// reports that it began it, so a replacement's start-up is not charged to it.
#pragma once

#include <cdd/mp/outcome.h>
#include <cdd/mp/pool_schedule.h>
#include <cdd/mp/process.h>
#include <cdd/mp/queue.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cdd::mp {

// The time in milliseconds, as the pool reads it for time limits and for the
// start and end of each result. Programs leave it empty (the steady clock);
// tests pass their own to decide what time it is.
using PoolClock = std::function<double()>;

struct PoolOptions {
  double task_timeout_ms = -1;         // per item; a worker that overruns it is killed (< 0: no limit)
  std::size_t memory_limit_bytes = 0;  // per worker process (0: no limit)
  PoolClock clock;                     // empty: std::chrono::steady_clock
};

template <class R>
struct TaskResult {
  std::size_t index = 0;
  Failure failure = Failure::none;
  std::string message;
  R value{};
  int worker = -1;                         // which pool process (0 .. processes-1)
  double started_ms = 0, finished_ms = 0;  // as the parent saw them (the pool's clock)
  bool ok() const { return failure == Failure::none; }
};

class Pool {
 public:
  explicit Pool(int processes, PoolOptions options = {});
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Calls `on_result` once per input, in input order, as soon as each result
  // and all results before it are in. chunk_size 0 picks one.
  void imap_bytes(const std::string& task, const std::vector<Bytes>& inputs, std::size_t chunk_size,
                  const std::function<void(ItemResult&&)>& on_result);

  template <class R, class A, class OnResult>
  void imap(const std::string& task, const std::vector<A>& inputs, std::size_t chunk_size, OnResult&& on_result) {
    std::vector<Bytes> encoded;
    encoded.reserve(inputs.size());
    for (const A& input : inputs) encoded.push_back(encode(input));
    imap_bytes(task, encoded, chunk_size, [&](ItemResult&& item) {
      TaskResult<R> typed;
      typed.index = item.index;
      typed.failure = item.failure;
      typed.message = std::move(item.message);
      typed.worker = item.worker;
      typed.started_ms = item.started_ms;
      typed.finished_ms = item.finished_ms;
      if (item.ok()) typed.value = decode<R>(item.value);
      on_result(std::move(typed));
    });
  }

  template <class R, class A>
  std::vector<TaskResult<R>> map(const std::string& task, const std::vector<A>& inputs, std::size_t chunk_size = 0) {
    std::vector<TaskResult<R>> results;
    results.reserve(inputs.size());
    imap<R>(task, inputs, chunk_size, [&](TaskResult<R>&& r) { results.push_back(std::move(r)); });
    return results;
  }

  int processes() const { return static_cast<int>(workers_.size()); }
  int workers_started() const { return started_; }
  int workers_replaced() const { return replaced_; }

 private:
  struct Worker {
    std::unique_ptr<Process> process;
    std::unique_ptr<Queue> inbox;
    int serial = -1;
    bool retiring = false;  // reported a fatal failure and is about to exit
    std::optional<std::size_t> killed_for;  // the item it overran, when the pool killed it
  };
  class Run;  // one imap_bytes call (pool.cpp)
  void start_worker(std::size_t slot);
  double now_ms() const;
  PoolOptions options_;
  Queue results_;
  std::vector<Worker> workers_;
  int started_ = 0;
  int replaced_ = 0;
};

}  // namespace cdd::mp
