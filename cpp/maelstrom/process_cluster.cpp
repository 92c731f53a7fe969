#include "process_cluster.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace maelstrom {

Time clock_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

void sleep_ms(int ms) { ::poll(nullptr, 0, ms); }

}  // namespace

ProcessCluster::ProcessCluster(std::vector<std::string> argv, int nodes, std::string log_dir)
    : argv_(std::move(argv)), log_dir_(std::move(log_dir)), nodes_(static_cast<size_t>(nodes)) {
  // A node that exits while we write to it must not kill the harness.
  ::signal(SIGPIPE, SIG_IGN);
}

ProcessCluster::~ProcessCluster() { stop(); }

bool ProcessCluster::start(std::string& error) {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (!spawn(static_cast<int>(i), error)) return false;
  return true;
}

bool ProcessCluster::spawn(int index, std::string& error) {
  Node& n = nodes_[index];
  int in[2], out[2], err[2];
  // Close-on-exec, so no node inherits another node's pipe ends (EOF must mean exit).
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC)) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  if (!log_dir_.empty()) {
    const std::string path = log_dir_ + "/" + Router::node_name(index) + ".log";
    n.log = std::fopen(path.c_str(), "w");
  }
  n.pid = ::fork();
  if (n.pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    return false;
  }
  if (n.pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    std::vector<char*> args;
    for (auto& a : argv_) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    const std::string msg = "cannot run " + argv_[0] + ": " + std::strerror(errno) + "\n";
    (void)!::write(2, msg.data(), msg.size());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  n.in = in[1];
  n.out = out[0];
  n.err = err[0];
  for (int fd : {n.in, n.out, n.err}) set_nonblocking(fd);
  n.running = true;
  return true;
}

void ProcessCluster::run(Harness& harness) {
  harness.start(clock_now());
  deliver(harness);
  std::vector<pollfd> fds;
  std::vector<std::pair<int, int>> who;  // (node, 0 stdin / 1 stdout / 2 stderr)
  while (!harness.done()) {
    fds.clear();
    who.clear();
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      if (n.out >= 0) fds.push_back({n.out, POLLIN, 0}), who.push_back({static_cast<int>(i), 1});
      if (n.err >= 0) fds.push_back({n.err, POLLIN, 0}), who.push_back({static_cast<int>(i), 2});
      if (n.in >= 0 && !n.pending_in.empty()) fds.push_back({n.in, POLLOUT, 0}), who.push_back({static_cast<int>(i), 0});
    }
    // Wake for the harness's next deadline, and at least every 50 ms.
    const Time wait = harness.next_wakeup() - clock_now();
    const int timeout_ms = wait <= 0 ? 0 : static_cast<int>(std::min<Time>(50, (wait + kMs - 1) / kMs));
    ::poll(fds.data(), fds.size(), timeout_ms);
    for (size_t k = 0; k < fds.size() && !harness.done(); ++k) {
      if (!fds[k].revents) continue;
      const auto [node, stream] = who[k];
      if (stream == 0) flush_stdin(node);
      else if (stream == 1) read_stdout(node, harness);
      else read_stderr(node);
      deliver(harness);
    }
    harness.on_tick(clock_now());
    deliver(harness);
  }
}

void ProcessCluster::deliver(Harness& harness) {
  for (Delivery& d : harness.take_outbox()) {
    Node& n = nodes_[d.node];
    if (n.in < 0) continue;  // the node is gone; the harness knows
    n.pending_in += d.line;
    n.pending_in += '\n';
    flush_stdin(d.node);
  }
}

void ProcessCluster::flush_stdin(int index) {
  Node& n = nodes_[index];
  while (n.in >= 0 && !n.pending_in.empty()) {
    const ssize_t w = ::write(n.in, n.pending_in.data(), n.pending_in.size());
    if (w > 0) {
      n.pending_in.erase(0, static_cast<size_t>(w));
    } else if (w < 0 && errno == EINTR) {
      continue;
    } else {
      if (w < 0 && errno != EAGAIN) close_fd(n.in), n.pending_in.clear();  // EPIPE: it exited
      return;
    }
  }
}

void ProcessCluster::read_stdout(int index, Harness& harness) {
  Node& n = nodes_[index];
  char buffer[65536];
  const ssize_t r = ::read(n.out, buffer, sizeof buffer);
  if (r < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (r <= 0) return node_ended(index, harness);
  n.partial_out.append(buffer, static_cast<size_t>(r));
  size_t start = 0, end;
  const Time now = clock_now();
  while ((end = n.partial_out.find('\n', start)) != std::string::npos) {
    std::string line = n.partial_out.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) harness.on_line(index, line, now);
    start = end + 1;
  }
  n.partial_out.erase(0, start);
}

bool ProcessCluster::read_stderr(int index) {
  Node& n = nodes_[index];
  char buffer[65536];
  const ssize_t r = ::read(n.err, buffer, sizeof buffer);
  if (r < 0 && (errno == EAGAIN || errno == EINTR)) return false;
  if (r <= 0) {
    if (!n.partial_err.empty()) log_line(index, n.partial_err);
    n.partial_err.clear();
    close_fd(n.err);
    return false;
  }
  n.partial_err.append(buffer, static_cast<size_t>(r));
  size_t start = 0, end;
  while ((end = n.partial_err.find('\n', start)) != std::string::npos) {
    log_line(index, n.partial_err.substr(start, end - start));
    start = end + 1;
  }
  n.partial_err.erase(0, start);
  return true;
}

void ProcessCluster::log_line(int index, const std::string& line) {
  Node& n = nodes_[index];
  if (n.log) std::fprintf(n.log, "%s\n", line.c_str());
  else std::fprintf(stderr, "[%s] %s\n", Router::node_name(index).c_str(), line.c_str());
}

void ProcessCluster::node_ended(int index, Harness& harness) {
  Node& n = nodes_[index];
  close_fd(n.out);
  close_fd(n.in);
  n.pending_in.clear();
  const std::string how = wait_for_exit(index, 1000);
  while (n.err >= 0 && read_stderr(index)) {}  // what it said before it went
  harness.on_exit(index, how, clock_now());
}

// How the node ended, once it has (killed if it only closed its stdout).
std::string ProcessCluster::wait_for_exit(int index, int wait_ms) {
  Node& n = nodes_[index];
  int status = 0;
  pid_t got = 0;
  for (int waited = 0; (got = ::waitpid(n.pid, &status, WNOHANG)) == 0 && waited < wait_ms; waited += 5) sleep_ms(5);
  std::string how;
  if (got == 0) {
    ::kill(n.pid, SIGKILL);
    ::waitpid(n.pid, &status, 0);
    how = "closed its stdout and was killed";
  } else if (WIFEXITED(status)) {
    how = "exited with code " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    how = std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  }
  n.running = false;
  return how;
}

void ProcessCluster::stop() {
  for (Node& n : nodes_) close_fd(n.in);  // EOF on stdin: a polite node exits
  for (int waited = 0; waited < 500; waited += 10) {
    bool any = false;
    for (Node& n : nodes_)
      if (n.running && ::waitpid(n.pid, nullptr, WNOHANG) == 0) any = true;
      else n.running = false;
    if (!any) break;
    sleep_ms(10);
  }
  for (Node& n : nodes_) {
    if (n.running) {
      ::kill(n.pid, SIGKILL);
      ::waitpid(n.pid, nullptr, 0);
      n.running = false;
    }
    while (n.err >= 0 && read_stderr(static_cast<int>(&n - nodes_.data()))) {}
    close_fd(n.err);
    close_fd(n.out);
    if (n.log) std::fclose(n.log), n.log = nullptr;
  }
}

}  // namespace maelstrom
