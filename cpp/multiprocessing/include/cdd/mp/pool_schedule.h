// The bookkeeping of a process pool, with no processes in it.
//
// A pool cuts its inputs into chunks of consecutive items, gives one chunk at
// a time to each idle worker, records results as they come back (in any
// order), and hands them out in input order. When a worker dies or hangs, the
// item it was running is marked failed and the rest of its chunk goes back to
// the front of the line for the replacement worker. Keeping all of that here,
// free of fork() and Web Workers and of any clock (every time is an argument),
// lets it be tested exhaustively and shared by both backends.
//
// An item's time limit counts from when the worker reports that it began the
// item, not from when its chunk was handed out: a replacement worker may
// still be starting (in a browser, instantiating the whole program), and that
// is not the item's time.
#pragma once

#include <cdd/mp/outcome.h>
#include <cdd/mp/serialize.h>

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace cdd::mp {

struct ItemRange {
  std::size_t begin = 0, end = 0;  // [begin, end)
  std::size_t size() const { return end - begin; }
};

// Splits `count` items into chunks of `chunk_size` (the last may be shorter).
std::vector<ItemRange> make_chunks(std::size_t count, std::size_t chunk_size);

// A chunk size that gives each worker about `chunks_per_worker` chunks: big
// enough to amortise messaging, small enough to balance uneven items.
std::size_t suggested_chunk_size(std::size_t count, int workers, int chunks_per_worker = 4);

struct ItemResult {
  std::size_t index = 0;
  Failure failure = Failure::none;
  std::string message;  // what went wrong, when failure != none
  Bytes value;          // the encoded result, when failure == none
  int worker = -1;      // which worker ran (or was running) it
  // When the parent saw it start and end (the pool's clock, ms): the start is
  // when the worker's "began" report arrived (the end, if none did).
  double started_ms = 0, finished_ms = 0;
  bool ok() const { return failure == Failure::none; }
};

class PoolSchedule {
 public:
  PoolSchedule(std::size_t item_count, std::size_t chunk_size, int workers);

  // Gives idle `worker` its next chunk, or nothing when no work is waiting.
  std::optional<ItemRange> assign(int worker);
  // `worker` reports that it began `index`, the next item of its chunk: from
  // now on the item's time counts.
  void began(int worker, std::size_t index, double now_ms);
  // A result for an item of the chunk `worker` holds; a failed result that
  // the worker reported itself (an exception) still leaves the worker busy
  // with the rest of its chunk.
  void record(int worker, ItemResult result, double now_ms);
  // `worker` died or was killed: the item it was running fails with
  // `failure`, the rest of its chunk is queued again. Returns the failed
  // item's index, or nothing if it was between items.
  std::optional<std::size_t> worker_lost(int worker, Failure failure, const std::string& message, double now_ms);

  // `worker` will run nothing more of its chunk (it reported a failure it
  // cannot survive, such as running out of memory, and is exiting): the
  // items without a result go back in line, none is marked failed.
  void release(int worker);

  bool busy(int worker) const { return slots_.at(static_cast<std::size_t>(worker)).holding; }
  // The item `worker` is on (begun or about to be), and since when it runs:
  // nothing before the worker reported beginning it.
  std::optional<std::size_t> running_item(int worker) const;
  std::optional<double> running_since(int worker) const;
  // The time-out decision: `worker` has run its current item for longer than
  // `limit_ms` at `now_ms` (a negative limit: never).
  bool overran(int worker, double now_ms, double limit_ms) const;

  // Results in input order: the next one, once it and all before it are in.
  std::optional<ItemResult> next_in_order();
  bool all_delivered() const { return delivered_ == results_.size(); }
  bool all_recorded() const { return recorded_ == results_.size(); }
  std::size_t item_count() const { return results_.size(); }

 private:
  struct Slot {
    bool holding = false;
    ItemRange range;
    std::size_t next = 0;            // first item of the range without a result
    std::optional<double> began_ms;  // when the worker reported beginning `next`
  };
  std::deque<ItemRange> waiting_;
  std::vector<Slot> slots_;
  std::vector<std::optional<ItemResult>> results_;
  std::size_t recorded_ = 0;
  std::size_t delivered_ = 0;
};

}  // namespace cdd::mp
