// Browser backend of cdd::mp (Emscripten only): the C++ side of
// multiprocessing_library.js. Processes are Web Workers, the arena is a
// SharedArrayBuffer, queues are ring buffers in it (RingQueue).
#include <cdd/mp/resources.h>
#include <emscripten.h>
#include <malloc.h>
#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "detail.h"

extern "C" {
char* cdd_mp_js_unavailable_reason(int to_start);
double cdd_mp_js_arena_size();
int cdd_mp_js_reserve(double end);
std::int32_t cdd_mp_js_load32(std::uint32_t offset);
void cdd_mp_js_store32(std::uint32_t offset, std::int32_t value);
std::int32_t cdd_mp_js_add32(std::uint32_t offset, std::int32_t delta);
std::int32_t cdd_mp_js_exchange32(std::uint32_t offset, std::int32_t value);
std::int32_t cdd_mp_js_cas32(std::uint32_t offset, std::int32_t expected, std::int32_t desired);
std::int64_t cdd_mp_js_load64(std::uint32_t offset);
void cdd_mp_js_store64(std::uint32_t offset, std::int64_t value);
std::int64_t cdd_mp_js_add64(std::uint32_t offset, std::int64_t delta);
std::int64_t cdd_mp_js_cas64(std::uint32_t offset, std::int64_t expected, std::int64_t desired);
void cdd_mp_js_wait32(std::uint32_t offset, std::int32_t expected, double timeout_ms);
void cdd_mp_js_notify32(std::uint32_t offset, int count);
void cdd_mp_js_write(std::uint32_t offset, const void* from, std::size_t size);
void cdd_mp_js_read(std::uint32_t offset, void* to, std::size_t size);
int cdd_mp_js_spawn(std::uint32_t request, std::uint32_t status, double memory_limit_bytes);
void cdd_mp_js_kill(int child);
void cdd_mp_js_forget(int child);
int cdd_mp_js_memory_is_shared();
int cdd_mp_js_processors();
}

namespace cdd::mp {
namespace {

std::uint32_t at(Offset o) { return static_cast<std::uint32_t>(o); }

class BrowserArena : public Arena {
 public:
  BrowserArena() : size_(static_cast<std::uint64_t>(cdd_mp_js_arena_size())) {}
  std::uint64_t size() const override { return size_; }
  std::int32_t load32(Offset o) override { return cdd_mp_js_load32(at(o)); }
  void store32(Offset o, std::int32_t v) override { cdd_mp_js_store32(at(o), v); }
  std::int32_t fetch_add32(Offset o, std::int32_t d) override { return cdd_mp_js_add32(at(o), d); }
  std::int32_t exchange32(Offset o, std::int32_t v) override { return cdd_mp_js_exchange32(at(o), v); }
  std::int32_t compare_exchange32(Offset o, std::int32_t e, std::int32_t d) override { return cdd_mp_js_cas32(at(o), e, d); }
  std::int64_t load64(Offset o) override { return cdd_mp_js_load64(at(o)); }
  void store64(Offset o, std::int64_t v) override { cdd_mp_js_store64(at(o), v); }
  std::int64_t fetch_add64(Offset o, std::int64_t d) override { return cdd_mp_js_add64(at(o), d); }
  std::int64_t compare_exchange64(Offset o, std::int64_t e, std::int64_t d) override { return cdd_mp_js_cas64(at(o), e, d); }
  void wait32(Offset o, std::int32_t expected, double timeout_ms) override { cdd_mp_js_wait32(at(o), expected, timeout_ms); }
  void notify32(Offset o, int waiters) override { cdd_mp_js_notify32(at(o), waiters); }
  void write(Offset o, const void* from, std::size_t n) override {
    if (n) cdd_mp_js_write(at(o), from, n);
  }
  void read(Offset o, void* to, std::size_t n) override {
    if (n) cdd_mp_js_read(at(o), to, n);
  }
  void reserve(std::uint64_t end) override {
    if (!cdd_mp_js_reserve(static_cast<double>(end))) throw std::bad_alloc();
  }
  void* pointer(Offset) override { return nullptr; }

 private:
  std::uint64_t size_;
};

pthread_t arena_thread;

// Status block of a child, written by the child's bootstrap (see the library).
constexpr Offset kState = 0, kExitCode = 4, kAborted = 8, kKilled = 12, kMessage = 16;
constexpr std::size_t kStatusBytes = 256;
constexpr double kStartLimitMs = 30000;

class WorkerChild : public detail::ChildProcess {
 public:
  WorkerChild(int worker, Offset status) : worker_(worker), status_(status), spawned_ms_(detail::clock_ms()) {}
  ~WorkerChild() override {
    if (!ended_) kill();
    cdd_mp_js_forget(worker_);
    arena_free(shared_arena(), status_);
  }
  std::optional<detail::ExitInfo> wait(double timeout_ms) override {
    Arena& arena = shared_arena();
    double deadline = timeout_ms < 0 ? -1 : detail::clock_ms() + timeout_ms;
    for (;;) {
      std::int32_t state = arena.load32(status_ + kState);
      if (state == 2) return collect();
      if (state == 0 && detail::clock_ms() - spawned_ms_ > kStartLimitMs) {
        // The worker never got going (its script failed to load, say).
        kill();
        info_.message = "the process did not start within 30 s";
        info_.aborted = true;
        info_.signal = 0;
        return info_;
      }
      double left = deadline < 0 ? 1000 : deadline - detail::clock_ms();
      if (left <= 0) return std::nullopt;
      arena.wait32(status_ + kState, state, std::min(left, 1000.0));
    }
  }
  void kill() override {
    if (ended_) return;
    cdd_mp_js_kill(worker_);
    Arena& arena = shared_arena();
    // Claim the status block unless the child finished first.
    if (arena.compare_exchange32(status_ + kKilled, 0, 1) == 0 && arena.load32(status_ + kState) != 2) {
      arena.store32(status_ + kExitCode, -1);
      arena.store32(status_ + kState, 2);
    }
  }
  int id() const override { return worker_; }

 private:
  detail::ExitInfo collect() {
    if (ended_) return info_;
    ended_ = true;
    Arena& arena = shared_arena();
    info_.exit_code = arena.load32(status_ + kExitCode);
    info_.aborted = arena.load32(status_ + kAborted) != 0;
    if (arena.load32(status_ + kKilled) && arena.load32(status_ + kExitCode) == -1) {
      info_.signal = 9;  // what a native kill would say: SIGKILL
      info_.exit_code = 0;
    }
    char text[kStatusBytes - kMessage + 1] = {};
    arena.read(status_ + kMessage, text, kStatusBytes - kMessage);
    info_.message = text;
    return info_;
  }
  int worker_;
  Offset status_;
  double spawned_ms_;
  bool ended_ = false;
  detail::ExitInfo info_;
};

}  // namespace

Arena& shared_arena() {
  static BrowserArena* arena = [] {
    if (char* reason = cdd_mp_js_unavailable_reason(0)) {
      std::string why = reason;
      std::free(reason);
      throw std::runtime_error(why);
    }
    arena_thread = pthread_self();
    auto* made = new BrowserArena();
    arena_format(*made);
    return made;
  }();
  // The arena is a JavaScript object known only to the thread that made it
  // (a blocked wasm thread cannot be handed one later).
  if (!pthread_equal(arena_thread, pthread_self()))
    throw std::logic_error("cdd::mp: use processes, queues and shared memory from one thread (the one that first used them)");
  return *arena;
}

namespace detail {

namespace {
// `what`: 1 starting processes, 2 shared memory blocks (the JS libraries).
bool available(int what, std::string* why) {
  char* reason = cdd_mp_js_unavailable_reason(what);
  if (!reason) return true;
  if (why) *why = reason;
  std::free(reason);
  return false;
}
}  // namespace

bool backend_available(std::string* why) { return available(1, why); }
bool backend_shares_memory(std::string* why) { return available(2, why); }

std::shared_ptr<QueueImpl> make_queue_impl(std::size_t ring_bytes) {
  Arena& arena = shared_arena();
  return std::make_shared<RingQueueImpl>(arena, RingQueue::create(arena, ring_bytes), true);
}

std::shared_ptr<QueueImpl> queue_impl_from_handle(const Bytes& handle) {
  Reader r(handle);
  if (r.read<std::uint8_t>() != 'R') throw DecodeError("not a queue handle of this build");
  return std::make_shared<RingQueueImpl>(shared_arena(), r.read<std::uint64_t>(), false);
}

std::unique_ptr<ChildProcess> spawn_child(const std::string& task, const Bytes& input, const Queue& reply,
                                          const ProcessOptions& options) {
  Arena& arena = shared_arena();
  Bytes request = encode(std::make_tuple(task, input, reply.handle()));
  // The request: its length, then its bytes; the child frees it.
  Offset block = arena_allocate(arena, 8 + request.size());
  arena.store64(block, static_cast<std::int64_t>(request.size()));
  arena.write(block + 8, request.data(), request.size());
  Offset status = arena_allocate(arena, kStatusBytes);
  for (Offset o = 0; o < kStatusBytes; o += 8) arena.store64(status + o, 0);
  int worker = cdd_mp_js_spawn(at(block), at(status), static_cast<double>(options.memory_limit_bytes));
  return std::make_unique<WorkerChild>(worker, status);
}

}  // namespace detail

bool threads_available() {
#ifdef __EMSCRIPTEN_PTHREADS__
  // Compiled for threads; they also need the program linked with them (its
  // memory is then a SharedArrayBuffer).
  return cdd_mp_js_memory_is_shared() != 0;
#else
  return false;
#endif
}

unsigned processors_available() { return static_cast<unsigned>(std::max(1, cdd_mp_js_processors())); }

std::size_t private_memory_bytes() { return __builtin_wasm_memory_size(0) * 65536; }

std::size_t memory_in_use_bytes() { return static_cast<std::size_t>(mallinfo().uordblks); }

}  // namespace cdd::mp

// Where a child instance starts: the bootstrap calls this instead of main().
extern "C" EMSCRIPTEN_KEEPALIVE int cdd_mp_child_main(std::uint32_t request) {
  using namespace cdd::mp;
  Arena& arena = shared_arena();
  Bytes bytes(static_cast<std::size_t>(arena.load64(request)));
  arena.read(request + 8, bytes.data(), bytes.size());
  arena_free(arena, request);
  auto [task, input, reply_handle] = decode<std::tuple<std::string, Bytes, Bytes>>(bytes);
  Queue reply = Queue::from_handle(reply_handle);
  int code = detail::run_child_task(task, input, reply);
  std::fflush(stdout);
  std::fflush(stderr);
  return code;
}
