// Process: start, watch and judge one child, the same way on both backends.
#include <cdd/mp/process.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "detail.h"

namespace cdd::mp {
namespace detail {

double clock_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

Bytes encode_reply(const Reply& reply) {
  Writer w;
  w << static_cast<std::int32_t>(reply.failure) << reply.message << reply.value;
  return w.take();
}

Reply decode_reply(const Bytes& bytes) {
  Reader r(bytes);
  Reply reply;
  reply.failure = static_cast<Failure>(r.read<std::int32_t>());
  reply.message = r.read<std::string>();
  reply.value = r.read<Bytes>();
  return reply;
}

namespace {

std::function<void()>& out_of_memory_report() {
  static std::function<void()> report;
  return report;
}

// Memory set aside at start-up and given back when an allocation fails, so
// that reporting the failure has room to allocate its small message.
char* emergency_reserve = nullptr;

void out_of_memory_handler() {
  delete[] emergency_reserve;
  emergency_reserve = nullptr;
  std::set_new_handler(nullptr);  // a second failure while reporting: give up quietly
  if (out_of_memory_report()) out_of_memory_report()();
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(kExitOutOfMemory);
}

}  // namespace

void on_out_of_memory(std::function<void()> report) {
  out_of_memory_report() = std::move(report);
  if (!emergency_reserve) emergency_reserve = new char[256 * 1024];
  std::set_new_handler(out_of_memory_handler);
}

int run_child_task(const std::string& task, const Bytes& input, Queue& reply) {
  const TaskBody* body = find_task(task);
  if (!body) {
    std::string known;
    for (const auto& name : task_names()) known += (known.empty() ? "" : ", ") + name;
    reply.put_bytes(encode_reply({Failure::unknown_task, "no task named '" + task + "' is registered (known: " + known + ")", {}}));
    return kExitUnknownTask;
  }
  on_out_of_memory([&reply, &task] {
    reply.put_bytes(encode_reply({Failure::out_of_memory, "task '" + task + "' could not get more memory", {}}));
  });
  Reply result;
  int code = 0;
  try {
    result.value = (*body)(input);
  } catch (const std::bad_alloc&) {
    result = {Failure::out_of_memory, "task '" + task + "' could not get more memory", {}};
    code = kExitOutOfMemory;
  } catch (const std::exception& e) {
    result = {Failure::error, e.what(), {}};
    code = kExitTaskError;
  }
  reply.put_bytes(encode_reply(result));
  return code;
}

}  // namespace detail

bool processes_available(std::string* why) { return detail::backend_available(why); }

Process::Process(std::string task, Bytes input, ProcessOptions options, int)
    : task_(std::move(task)), input_(std::move(input)), options_(options) {}

Process::~Process() {
  // A process nobody joined must not outlive its parent's interest in it.
  if (child_ && !finished_) {
    child_->kill();
    child_->wait(-1);
  }
}

Process::Process(Process&&) noexcept = default;
Process& Process::operator=(Process&&) noexcept = default;

int Process::id() const { return child_ ? child_->id() : -1; }

void Process::start() {
  if (child_ || finished_) throw std::logic_error("process '" + task_ + "' was already started");
  std::string why;
  if (!processes_available(&why)) {
    finished_ = true;
    outcome_.failure = Failure::unavailable;
    outcome_.message = why;
    return;
  }
  reply_ = std::make_unique<Queue>(64 * 1024);
  started_ms_ = detail::clock_ms();
  child_ = detail::spawn_child(task_, input_, *reply_, options_);
}

void Process::take_reply(const Bytes& bytes) {
  got_reply_ = true;
  detail::Reply reply = detail::decode_reply(bytes);
  outcome_.failure = reply.failure;
  outcome_.message = reply.message;
  result_ = std::move(reply.value);
}

void Process::finish_with(const detail::ExitInfo& exit) {
  finished_ = true;
  outcome_.exit_code = exit.exit_code;
  outcome_.signal = exit.signal;
  outcome_.elapsed_ms = detail::clock_ms() - started_ms_;
  char text[160];
  if (timed_out_) {
    std::snprintf(text, sizeof text, "still running after %.0f ms, so it was killed", options_.timeout_ms);
    outcome_ = {Failure::timeout, exit.exit_code, exit.signal, text, outcome_.elapsed_ms};
    result_.clear();
  } else if (got_reply_ && outcome_.failure != Failure::none) {
    // The child said itself what went wrong; that is the most precise account.
  } else if (exit.signal != 0) {
    const char* name = strsignal(exit.signal);
    std::snprintf(text, sizeof text, "ended by signal %d (%s)", exit.signal, name ? name : "?");
    outcome_.failure = exit.signal == SIGABRT ? Failure::aborted : Failure::crashed;
    outcome_.message = text;
  } else if (exit.aborted) {
    outcome_.failure = Failure::aborted;
    outcome_.message = exit.message;
  } else if (!got_reply_ || exit.exit_code != 0) {
    std::snprintf(text, sizeof text, "exited with code %d %s", exit.exit_code,
                  got_reply_ ? "after its result" : "without a result");
    outcome_.failure = Failure::exited;
    outcome_.message = text;
  }
  if (!outcome_.ok()) result_.clear();
}

const Outcome* Process::poll() {
  if (finished_) return &outcome_;
  if (!child_) throw std::logic_error("process '" + task_ + "' was not started");
  // Read the reply first: a child writing a large result cannot exit until
  // someone reads it.
  if (!got_reply_)
    if (auto reply = reply_->get_bytes_for(0)) take_reply(*reply);
  auto exit = child_->wait(0);
  if (!exit) return nullptr;
  if (!got_reply_)
    if (auto reply = reply_->get_bytes_for(0)) take_reply(*reply);
  finish_with(*exit);
  return &outcome_;
}

const Outcome& Process::join() {
  if (!child_ && !finished_) throw std::logic_error("process '" + task_ + "' was not started");
  while (!finished_) {
    if (!timed_out_ && options_.timeout_ms >= 0 && detail::clock_ms() - started_ms_ > options_.timeout_ms) {
      timed_out_ = true;
      child_->kill();
    }
    // Until the reply is in, wake on either the reply or the child's end;
    // afterwards the child is about to exit, so wait on that alone.
    double slice = 5;
    if (options_.timeout_ms >= 0 && !timed_out_)
      slice = std::max(0.0, std::min(slice, started_ms_ + options_.timeout_ms - detail::clock_ms()));
    std::optional<detail::ExitInfo> exit;
    if (!got_reply_) {
      if (auto reply = reply_->get_bytes_for(slice)) take_reply(*reply);
      exit = child_->wait(0);
    } else {
      exit = child_->wait(timed_out_ ? -1 : std::max(slice, 0.0) * 10);
    }
    if (exit) {
      if (!got_reply_)
        if (auto reply = reply_->get_bytes_for(0)) take_reply(*reply);
      finish_with(*exit);
    }
  }
  return outcome_;
}

void Process::kill() {
  if (child_ && !finished_) {
    child_->kill();
    if (auto exit = child_->wait(-1)) finish_with(*exit);
  }
}

}  // namespace cdd::mp
