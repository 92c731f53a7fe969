// The native backend: fork() for processes, pipes for queues, and one
// mmap(MAP_SHARED | MAP_ANONYMOUS) region for everything shared.
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <cdd/mp/resources.h>

#include "../src/detail.h"
#include "memory_arena.h"

namespace cdd::mp {

void MemoryArena::wait32(Offset o, std::int32_t expected, double timeout_ms) {
  timespec ts{};
  timespec* limit = nullptr;
  if (timeout_ms >= 0) {
    ts.tv_sec = static_cast<time_t>(timeout_ms / 1000);
    ts.tv_nsec = static_cast<long>((timeout_ms - static_cast<double>(ts.tv_sec) * 1000) * 1e6);
    limit = &ts;
  }
  syscall(SYS_futex, i32(o), FUTEX_WAIT, expected, limit, nullptr, 0);
}

void MemoryArena::notify32(Offset o, int waiters) { syscall(SYS_futex, i32(o), FUTEX_WAKE, waiters, nullptr, nullptr, 0); }

namespace {

// 1 GiB of address space, reserved, not committed: pages cost memory only
// once touched. It is mapped before the first child is forked, so every
// process of the family sees it at the same address.
constexpr std::uint64_t kArenaBytes = 1ull << 30;

[[noreturn]] void fail_errno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

void write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno("writing to a queue's pipe");
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno("reading from a queue's pipe");
    }
    if (n == 0) throw std::runtime_error("a queue's pipe was closed in the middle of a message");
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

// A pipe shared by the processes of the family. Writers hold a lock for a
// whole message so that two long messages never interleave; readers hold one
// so that each message goes to exactly one reader.
class PipeQueue : public detail::QueueImpl {
 public:
  PipeQueue(int read_fd, int write_fd, Offset locks, bool owner)
      : read_fd_(read_fd), write_fd_(write_fd), locks_(locks), owner_(owner) {}
  ~PipeQueue() override {
    if (!owner_) return;
    ::close(read_fd_);
    ::close(write_fd_);
    arena_free(shared_arena(), locks_);
  }
  void put(const void* data, std::size_t size) override {
    std::uint64_t length = size;
    ArenaLock writer(shared_arena(), locks_);
    writer.lock();
    try {
      write_all(write_fd_, &length, sizeof length);
      write_all(write_fd_, data, size);
    } catch (...) {
      writer.unlock();
      throw;
    }
    writer.unlock();
  }
  bool get(Bytes& out, double timeout_ms) override {
    double deadline = timeout_ms < 0 ? -1 : detail::clock_ms() + timeout_ms;
    ArenaLock reader(shared_arena(), locks_ + 4);
    if (!reader.try_lock_for(timeout_ms)) return false;
    pollfd pfd{read_fd_, POLLIN, 0};
    for (;;) {
      int wait_ms = deadline < 0 ? -1 : static_cast<int>(std::max(0.0, deadline - detail::clock_ms()) + 0.999);
      int ready = ::poll(&pfd, 1, wait_ms);
      if (ready > 0) break;
      if (ready < 0 && errno == EINTR) continue;
      reader.unlock();
      return false;
    }
    try {
      std::uint64_t length = 0;
      read_all(read_fd_, &length, sizeof length);
      out.resize(static_cast<std::size_t>(length));
      read_all(read_fd_, out.data(), out.size());
    } catch (...) {
      reader.unlock();
      throw;
    }
    reader.unlock();
    return true;
  }
  Bytes handle() const override {
    Writer w;
    w << std::uint8_t{'P'} << static_cast<std::int32_t>(read_fd_) << static_cast<std::int32_t>(write_fd_)
      << static_cast<std::uint64_t>(locks_);
    return w.take();
  }

 private:
  int read_fd_, write_fd_;
  Offset locks_;  // writer lock word, then reader lock word
  bool owner_;
};

class ForkedChild : public detail::ChildProcess {
 public:
  explicit ForkedChild(pid_t pid) : pid_(pid) {
#ifdef SYS_pidfd_open
    pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#endif
  }
  ~ForkedChild() override {
    if (pidfd_ >= 0) ::close(pidfd_);
  }
  std::optional<detail::ExitInfo> wait(double timeout_ms) override {
    if (ended_) return info_;
    double deadline = timeout_ms < 0 ? -1 : detail::clock_ms() + timeout_ms;
    for (;;) {
      int status = 0;
      pid_t got = ::waitpid(pid_, &status, WNOHANG);
      if (got == pid_) {
        ended_ = true;
        if (WIFEXITED(status)) info_.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) info_.signal = WTERMSIG(status);
        return info_;
      }
      if (got < 0 && errno != EINTR) fail_errno("waiting for a child process");
      double left = deadline < 0 ? 1000 : deadline - detail::clock_ms();
      if (left <= 0) return std::nullopt;
      // A pidfd becomes readable when the process ends: sleep on it.
      if (pidfd_ >= 0) {
        pollfd pfd{pidfd_, POLLIN, 0};
        ::poll(&pfd, 1, static_cast<int>(left + 0.999));
      } else {
        ::usleep(static_cast<useconds_t>(std::min(left, 1.0) * 1000));
      }
    }
  }
  void kill() override {
    if (!ended_) ::kill(pid_, SIGKILL);
  }
  int id() const override { return static_cast<int>(pid_); }

 private:
  pid_t pid_;
  int pidfd_ = -1;
  bool ended_ = false;
  detail::ExitInfo info_;
};

// Address space in use now: the limit is that plus the child's allowance,
// since the child starts with everything the parent had mapped.
std::size_t address_space_in_use() {
  long pages = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

Arena& shared_arena() {
  static MemoryArena* arena = [] {
    void* base = mmap(nullptr, kArenaBytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) fail_errno("mapping the shared arena");
    auto* made = new MemoryArena(base, kArenaBytes);
    arena_format(*made);
    return made;
  }();
  return *arena;
}

namespace detail {

bool backend_available(std::string*) { return true; }
bool backend_shares_memory(std::string*) { return true; }

std::shared_ptr<QueueImpl> make_queue_impl(std::size_t ring_bytes) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) fail_errno("creating a pipe");
  // A bigger pipe buffer means fewer trips through the kernel for big messages.
  int wanted = static_cast<int>(std::min<std::size_t>(ring_bytes, 1 << 20));
  if (wanted > 65536) ::fcntl(fds[1], F_SETPIPE_SZ, wanted);
  Offset locks = arena_allocate(shared_arena(), 8);
  shared_arena().store64(locks, 0);
  return std::make_shared<PipeQueue>(fds[0], fds[1], locks, true);
}

std::shared_ptr<QueueImpl> queue_impl_from_handle(const Bytes& handle) {
  Reader r(handle);
  auto kind = r.read<std::uint8_t>();
  if (kind != 'P') throw DecodeError("not a queue handle of this build");
  int read_fd = r.read<std::int32_t>();
  int write_fd = r.read<std::int32_t>();
  Offset locks = r.read<std::uint64_t>();
  // Not the owner: the process that created the queue closes it.
  return std::make_shared<PipeQueue>(read_fd, write_fd, locks, false);
}

std::unique_ptr<ChildProcess> spawn_child(const std::string& task, const Bytes& input, const Queue& reply,
                                          const ProcessOptions& options) {
  shared_arena();  // must exist before the fork to be shared
  std::size_t limit = 0;
  if (options.memory_limit_bytes) limit = address_space_in_use() + options.memory_limit_bytes;
  // Unflushed output would be printed twice: once by each process.
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid < 0) fail_errno("fork");
  if (pid == 0) {
    if (limit) {
      rlimit rl{limit, limit};
      setrlimit(RLIMIT_AS, &rl);
    }
    Queue to_parent = reply;
    int code = run_child_task(task, input, to_parent);
    std::fflush(stdout);
    std::fflush(stderr);
    // _exit, not exit: the parent's static objects and atexit handlers are
    // the parent's business; running them twice would be a bug.
    ::_exit(code);
  }
  return std::make_unique<ForkedChild>(pid);
}

}  // namespace detail

bool threads_available() { return true; }

unsigned processors_available() { return std::max(1u, std::thread::hardware_concurrency()); }

std::size_t private_memory_bytes() {
  std::size_t total_kb = 0;
  if (FILE* f = std::fopen("/proc/self/smaps_rollup", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
      std::size_t kb = 0;
      if (std::sscanf(line, "Private_Clean: %zu kB", &kb) == 1 || std::sscanf(line, "Private_Dirty: %zu kB", &kb) == 1)
        total_kb += kb;
    }
    std::fclose(f);
  }
  return total_kb * 1024;
}

std::size_t memory_in_use_bytes() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace cdd::mp
