// What each backend (native/posix_backend.cpp, browser/browser_backend.cpp)
// provides to the backend-independent code. Not part of the public API.
#pragma once

#include <cdd/mp/outcome.h>
#include <cdd/mp/process.h>
#include <cdd/mp/queue.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace cdd::mp::detail {

double clock_ms();

// How a child ended, as the operating system (or the worker) tells it.
struct ExitInfo {
  int exit_code = 0;
  int signal = 0;        // native: the signal that ended it
  bool aborted = false;  // browser: the wasm instance aborted or trapped
  std::string message;   // browser: the abort reason
};

class ChildProcess {
 public:
  virtual ~ChildProcess() = default;
  // Waits up to `timeout_ms` (0: just look) for the child to end.
  virtual std::optional<ExitInfo> wait(double timeout_ms) = 0;
  virtual void kill() = 0;
  virtual int id() const = 0;
};

bool backend_available(std::string* why);
// Whether SharedMemory blocks are real shared memory here (see shared_memory.h).
bool backend_shares_memory(std::string* why);
std::unique_ptr<ChildProcess> spawn_child(const std::string& task, const Bytes& input, const Queue& reply,
                                          const ProcessOptions& options);

// Inside a child: runs the task, sends its reply, returns the exit code.
int run_child_task(const std::string& task, const Bytes& input, Queue& reply);

// The first message a child sends back: a result, or what went wrong.
struct Reply {
  Failure failure = Failure::none;
  std::string message;
  Bytes value;
};
Bytes encode_reply(const Reply& reply);
Reply decode_reply(const Bytes& bytes);

// Out of memory inside a child: the action reports it (it must not need much
// memory itself), then the process exits with kExitOutOfMemory.
void on_out_of_memory(std::function<void()> report);

class QueueImpl {
 public:
  virtual ~QueueImpl() = default;
  virtual void put(const void* data, std::size_t size) = 0;
  virtual bool get(Bytes& out, double timeout_ms) = 0;
  virtual Bytes handle() const = 0;
};
std::shared_ptr<QueueImpl> make_queue_impl(std::size_t ring_bytes);
std::shared_ptr<QueueImpl> queue_impl_from_handle(const Bytes& handle);

// A queue kept in the arena (the browser's Queue; natively only in tests).
class RingQueueImpl : public QueueImpl {
 public:
  RingQueueImpl(Arena& arena, Offset ring, bool owner) : arena_(&arena), ring_(ring), owner_(owner) {}
  ~RingQueueImpl() override;
  void put(const void* data, std::size_t size) override;
  bool get(Bytes& out, double timeout_ms) override;
  Bytes handle() const override;

 private:
  Arena* arena_;
  Offset ring_;
  bool owner_;
};

}  // namespace cdd::mp::detail
