#include <cdd/mp/pool_schedule.h>

#include <algorithm>
#include <stdexcept>

namespace cdd::mp {

std::vector<ItemRange> make_chunks(std::size_t count, std::size_t chunk_size) {
  if (chunk_size == 0) throw std::invalid_argument("chunk size must be at least 1");
  std::vector<ItemRange> chunks;
  for (std::size_t begin = 0; begin < count; begin += chunk_size)
    chunks.push_back({begin, std::min(count, begin + chunk_size)});
  return chunks;
}

std::size_t suggested_chunk_size(std::size_t count, int workers, int chunks_per_worker) {
  std::size_t pieces = static_cast<std::size_t>(std::max(1, workers) * std::max(1, chunks_per_worker));
  return std::max<std::size_t>(1, (count + pieces - 1) / pieces);
}

PoolSchedule::PoolSchedule(std::size_t item_count, std::size_t chunk_size, int workers)
    : slots_(static_cast<std::size_t>(std::max(1, workers))), results_(item_count) {
  for (const ItemRange& chunk : make_chunks(item_count, chunk_size)) waiting_.push_back(chunk);
}

std::optional<ItemRange> PoolSchedule::assign(int worker) {
  Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (slot.holding) throw std::logic_error("worker already holds a chunk");
  if (waiting_.empty()) return std::nullopt;
  slot.range = waiting_.front();
  waiting_.pop_front();
  slot.holding = true;
  slot.next = slot.range.begin;
  slot.began_ms.reset();
  return slot.range;
}

void PoolSchedule::began(int worker, std::size_t index, double now_ms) {
  Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding || index != slot.next || slot.began_ms)
    throw std::logic_error("worker " + std::to_string(worker) + " cannot begin item " + std::to_string(index) + " now");
  slot.began_ms = now_ms;
}

void PoolSchedule::record(int worker, ItemResult result, double now_ms) {
  Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding || result.index != slot.next)
    throw std::logic_error("result for item " + std::to_string(result.index) + " was not expected from worker " +
                           std::to_string(worker));
  result.worker = worker;
  result.started_ms = slot.began_ms.value_or(now_ms);
  result.finished_ms = now_ms;
  results_[result.index] = std::move(result);
  ++recorded_;
  ++slot.next;
  slot.began_ms.reset();  // the next item's time starts when the worker says it began it
  if (slot.next == slot.range.end) slot.holding = false;
}

std::optional<std::size_t> PoolSchedule::worker_lost(int worker, Failure failure, const std::string& message,
                                                    double now_ms) {
  Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding) return std::nullopt;
  std::size_t failed = slot.next;
  ItemResult result;
  result.index = failed;
  result.failure = failure;
  result.message = message;
  result.worker = worker;
  result.started_ms = slot.began_ms.value_or(now_ms);
  result.finished_ms = now_ms;  // when the loss was noticed
  results_[failed] = std::move(result);
  ++recorded_;
  // The untouched rest of the chunk goes first, so results keep flowing in order.
  if (failed + 1 < slot.range.end) waiting_.push_front({failed + 1, slot.range.end});
  slot.holding = false;
  return failed;
}

void PoolSchedule::release(int worker) {
  Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding) return;
  if (slot.next < slot.range.end) waiting_.push_front({slot.next, slot.range.end});
  slot.holding = false;
}

std::optional<std::size_t> PoolSchedule::running_item(int worker) const {
  const Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding) return std::nullopt;
  return slot.next;
}

std::optional<double> PoolSchedule::running_since(int worker) const {
  const Slot& slot = slots_.at(static_cast<std::size_t>(worker));
  if (!slot.holding) return std::nullopt;
  return slot.began_ms;
}

bool PoolSchedule::overran(int worker, double now_ms, double limit_ms) const {
  auto since = running_since(worker);
  return limit_ms >= 0 && since && now_ms - *since > limit_ms;
}

std::optional<ItemResult> PoolSchedule::next_in_order() {
  if (delivered_ == results_.size() || !results_[delivered_]) return std::nullopt;
  ItemResult result = std::move(*results_[delivered_]);
  results_[delivered_].reset();
  ++delivered_;
  return result;
}

}  // namespace cdd::mp
