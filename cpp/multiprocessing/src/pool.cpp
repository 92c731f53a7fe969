// Pool: worker processes fed chunk by chunk, watched for death and overruns.
#include <cdd/mp/pool.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "detail.h"

namespace cdd::mp {
namespace {

// What the parent sends a worker: a chunk of items, or "stop".
struct Assignment {
  bool stop = false;
  std::string task;
  std::uint64_t first_index = 0;
  std::vector<Bytes> inputs;
};

// What a worker sends back for each item: first that it began the item (the
// item's time starts then), then its result.
struct ItemReport {
  std::int32_t serial = 0;
  std::uint64_t index = 0;
  bool began = false;  // "I am starting this item now": no result yet
  std::int32_t failure = 0;
  bool fatal = false;  // the worker is exiting right after this report
  std::string message;
  Bytes value;
};

Bytes encode_assignment(const Assignment& a) {
  Writer w;
  w << static_cast<std::uint8_t>(a.stop) << a.task << a.first_index << a.inputs;
  return w.take();
}

Assignment decode_assignment(const Bytes& bytes) {
  Reader r(bytes);
  Assignment a;
  a.stop = r.read<std::uint8_t>() != 0;
  a.task = r.read<std::string>();
  a.first_index = r.read<std::uint64_t>();
  a.inputs = r.read<std::vector<Bytes>>();
  return a;
}

Bytes encode_report(const ItemReport& report) {
  Writer w;
  w << report.serial << report.index << static_cast<std::uint8_t>(report.began) << report.failure
    << static_cast<std::uint8_t>(report.fatal) << report.message << report.value;
  return w.take();
}

ItemReport decode_report(const Bytes& bytes) {
  Reader r(bytes);
  ItemReport report;
  report.serial = r.read<std::int32_t>();
  report.index = r.read<std::uint64_t>();
  report.began = r.read<std::uint8_t>() != 0;
  report.failure = r.read<std::int32_t>();
  report.fatal = r.read<std::uint8_t>() != 0;
  report.message = r.read<std::string>();
  report.value = r.read<Bytes>();
  return report;
}

// The task every pool worker runs: take chunks until told to stop. An
// exception fails only its item; running out of memory is reported and ends
// the worker, since a process that hit its limit is not worth trusting.
std::int32_t pool_worker(std::tuple<std::int32_t, Queue, Queue> setup) {
  // Named copies, not structured bindings: lambdas below capture them.
  std::int32_t serial = std::get<0>(setup);
  Queue& inbox = std::get<1>(setup);
  Queue& results = std::get<2>(setup);
  for (;;) {
    Assignment work = decode_assignment(inbox.get_bytes());
    if (work.stop) return 0;
    const TaskBody* body = find_task(work.task);
    for (std::size_t i = 0; i < work.inputs.size(); ++i) {
      ItemReport report;
      report.serial = serial;
      report.index = work.first_index + i;
      report.began = true;
      results.put_bytes(encode_report(report));
      report.began = false;
      if (!body) {
        report.failure = static_cast<std::int32_t>(Failure::unknown_task);
        report.message = "no task named '" + work.task + "' is registered";
        results.put_bytes(encode_report(report));
        continue;
      }
      std::uint64_t index = report.index;
      detail::on_out_of_memory([&results, serial, index] {
        ItemReport oom;
        oom.serial = serial;
        oom.index = index;
        oom.failure = static_cast<std::int32_t>(Failure::out_of_memory);
        oom.fatal = true;
        oom.message = "could not get more memory; the worker process was replaced";
        results.put_bytes(encode_report(oom));
      });
      try {
        report.value = (*body)(work.inputs[i]);
      } catch (const std::exception& e) {
        report.failure = static_cast<std::int32_t>(Failure::error);
        report.message = e.what();
      }
      results.put_bytes(encode_report(report));
    }
  }
}
// Registered under a name no lesson task can take by accident.
[[maybe_unused]] const bool pool_worker_registered = register_task("cdd.pool_worker", typed_task(&pool_worker));

}  // namespace

Pool::Pool(int processes, PoolOptions options) : options_(std::move(options)), results_(1 << 20) {
  if (processes < 1) throw std::invalid_argument("a pool needs at least 1 process");
  workers_.resize(static_cast<std::size_t>(processes));
  for (std::size_t slot = 0; slot < workers_.size(); ++slot) start_worker(slot);
}

Pool::~Pool() {
  for (Worker& worker : workers_)
    if (worker.process && !worker.process->poll()) worker.inbox->put_bytes(encode_assignment({true, "", 0, {}}));
  // A grace period for the workers to stop, on the steady clock whatever
  // clock the pool was given: it bounds how long shutting down may take.
  double deadline = detail::clock_ms() + 2000;
  for (Worker& worker : workers_) {
    if (!worker.process) continue;
    while (!worker.process->poll() && detail::clock_ms() < deadline) results_.get_bytes_for(1);
    worker.process->kill();  // no-op when it has ended
  }
}

double Pool::now_ms() const { return options_.clock ? options_.clock() : detail::clock_ms(); }

void Pool::start_worker(std::size_t slot) {
  Worker& worker = workers_[slot];
  worker.serial = started_++;
  worker.retiring = false;
  worker.killed_for.reset();
  worker.inbox = std::make_unique<Queue>(1 << 20);
  ProcessOptions process_options;
  process_options.memory_limit_bytes = options_.memory_limit_bytes;
  worker.process = std::make_unique<Process>("cdd.pool_worker", std::tuple<std::int32_t, Queue, Queue>{worker.serial, *worker.inbox, results_},
                                             process_options);
  worker.process->start();
  if (worker.process->poll() && worker.process->outcome().failure == Failure::unavailable)
    throw std::runtime_error(worker.process->outcome().message);
}

// One imap_bytes call: hands out chunks, takes reports, and watches the
// workers for deaths and overruns, reading time only through the pool's clock.
class Pool::Run {
 public:
  Run(Pool& pool, const std::string& task, const std::vector<Bytes>& inputs, std::size_t chunk_size)
      : pool_(pool), task_(task), inputs_(inputs), schedule_(inputs.size(), chunk_size, pool.processes()) {}

  void deliver(const std::function<void(ItemResult&&)>& on_result) {
    while (!schedule_.all_delivered()) {
      assign_idle_workers();
      if (auto bytes = pool_.results_.get_bytes_for(2)) {
        handle_report(*bytes);
        // Each item brings two reports (began, result): take a few more that
        // have arrived, but not all, or idle workers would wait for work.
        for (std::size_t more = 0; more < 2 * pool_.workers_.size(); ++more) {
          auto next = pool_.results_.get_bytes_for(0);
          if (!next) break;
          handle_report(*next);
        }
      }
      watch_workers();
      while (auto item = schedule_.next_in_order()) on_result(std::move(*item));
    }
    replace_retiring_workers();
  }

 private:
  void assign_idle_workers() {
    for (std::size_t slot = 0; slot < pool_.workers_.size(); ++slot) {
      if (schedule_.busy(static_cast<int>(slot)) || pool_.workers_[slot].retiring) continue;
      auto range = schedule_.assign(static_cast<int>(slot));
      if (!range) break;
      Assignment work;
      work.task = task_;
      work.first_index = range->begin;
      work.inputs.assign(inputs_.begin() + static_cast<std::ptrdiff_t>(range->begin),
                         inputs_.begin() + static_cast<std::ptrdiff_t>(range->end));
      pool_.workers_[slot].inbox->put_bytes(encode_assignment(work));
    }
  }

  void take_waiting_reports() {
    while (auto bytes = pool_.results_.get_bytes_for(0)) handle_report(*bytes);
  }

  int slot_of(std::int32_t serial) const {
    for (std::size_t slot = 0; slot < pool_.workers_.size(); ++slot)
      if (pool_.workers_[slot].serial == serial) return static_cast<int>(slot);
    return -1;  // a worker already replaced
  }

  void handle_report(const Bytes& bytes) {
    ItemReport report = decode_report(bytes);
    int slot = slot_of(report.serial);
    if (slot < 0 || !schedule_.busy(slot)) return;
    if (report.began) {
      schedule_.began(slot, report.index, pool_.now_ms());
      return;
    }
    ItemResult item;
    item.index = report.index;
    item.failure = static_cast<Failure>(report.failure);
    item.message = std::move(report.message);
    item.value = std::move(report.value);
    schedule_.record(slot, std::move(item), pool_.now_ms());
    if (report.fatal) {
      // It is exiting: hand its remaining items to others, and give it
      // nothing new until its replacement is in place.
      schedule_.release(slot);
      pool_.workers_[static_cast<std::size_t>(slot)].retiring = true;
    }
  }

  void watch_workers() {
    double now = pool_.now_ms();
    for (std::size_t slot = 0; slot < pool_.workers_.size(); ++slot) {
      Worker& worker = pool_.workers_[slot];
      if (!worker.killed_for && schedule_.overran(static_cast<int>(slot), now, pool_.options_.task_timeout_ms)) {
        worker.killed_for = schedule_.running_item(static_cast<int>(slot));
        worker.process->kill();
      }
      replace_if_ended(slot);
    }
  }

  // A worker that reported a failure it cannot survive is exiting: wait for
  // that (a grace period on the steady clock, as in ~Pool) and replace it, so
  // that the pool is whole, and its count of replacements final, on return.
  void replace_retiring_workers() {
    for (std::size_t slot = 0; slot < pool_.workers_.size(); ++slot) {
      Worker& worker = pool_.workers_[slot];
      if (!worker.retiring) continue;
      double deadline = detail::clock_ms() + 2000;
      while (!worker.process->poll() && detail::clock_ms() < deadline) pool_.results_.get_bytes_for(1);
      worker.process->kill();  // no-op when it has ended
      replace_if_ended(slot);
    }
  }

  void replace_if_ended(std::size_t slot) {
    Worker& worker = pool_.workers_[slot];
    const Outcome* ended = worker.process->poll();
    if (!ended) return;
    // Reports the worker sent before it ended belong to it: take them first.
    take_waiting_reports();
    bool timed_out = worker.killed_for.has_value();
    if (timed_out && schedule_.running_item(static_cast<int>(slot)) != worker.killed_for) {
      // Killed just as it finished the overrunning item (its result was in
      // the queue): the item it had moved on to is not to blame.
      schedule_.release(static_cast<int>(slot));
    } else {
      char text[200];
      if (timed_out)
        std::snprintf(text, sizeof text, "ran longer than %.0f ms; its worker process was killed and replaced",
                      pool_.options_.task_timeout_ms);
      else
        std::snprintf(text, sizeof text, "its worker process ended (%s) and was replaced", ended->describe().c_str());
      Failure failure = timed_out ? Failure::timeout : ended->failure == Failure::none ? Failure::exited : ended->failure;
      schedule_.worker_lost(static_cast<int>(slot), failure, text, pool_.now_ms());
    }
    ++pool_.replaced_;
    pool_.start_worker(slot);
  }

  Pool& pool_;
  const std::string& task_;
  const std::vector<Bytes>& inputs_;
  PoolSchedule schedule_;
};

void Pool::imap_bytes(const std::string& task, const std::vector<Bytes>& inputs, std::size_t chunk_size,
                      const std::function<void(ItemResult&&)>& on_result) {
  if (chunk_size == 0) chunk_size = suggested_chunk_size(inputs.size(), processes());
  Run(*this, task, inputs, chunk_size).deliver(on_result);
}

}  // namespace cdd::mp
