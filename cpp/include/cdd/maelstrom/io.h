// The thin I/O shell around the core: wait on stdin with poll() until a line
// arrives or the next timer is due, read(2) what is there, split it into
// lines, hand each to the core, write its output lines to stdout. The same
// code runs natively and in the page (where the runtime makes poll and read
// on fd 0 wait for the router's messages), so there is no #ifdef here.
#pragma once

#include <cdd/maelstrom/node.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace cdd::maelstrom {

namespace io {

// Writes all of text to fd, retrying short writes; false when fd is gone.
inline bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Whole lines, each with its '\n', in one write: lines never interleave.
inline bool write_lines(int fd, const std::vector<std::string>& lines) {
  if (lines.empty()) return true;
  std::string text;
  for (const auto& line : lines) text += line + '\n';
  return write_all(fd, text);
}

// Milliseconds since the first call (the node's clock).
inline Millis elapsed_ms() {
  static const auto start = std::chrono::steady_clock::now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace io

inline void Node::run() {
  log_sink_ = [](const std::string& line) { io::write_all(2, line + '\n'); };
  io::write_lines(2, take_log());
  std::string pending;  // bytes after the last '\n'
  char buffer[65536];
  for (;;) {
    advance(io::elapsed_ms());
    if (!io::write_lines(1, take_output())) return;
    Millis deadline = next_deadline();
    int wait = deadline < 0 ? -1 : static_cast<int>(std::max<Millis>(0, deadline - io::elapsed_ms()));
    pollfd in{0, POLLIN, 0};
    int ready = ::poll(&in, 1, wait);
    if (ready < 0 && errno != EINTR) return log("poll on stdin failed; stopping");
    if (ready <= 0) continue;  // a timer is due (or a signal came)
    ssize_t n = ::read(0, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;  // end of input: Maelstrom is done with this node
    pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      handle_line(pending.substr(start, nl - start), io::elapsed_ms());
      if (!io::write_lines(1, take_output())) return;
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) handle_line(pending, io::elapsed_ms());  // a last line without '\n'
  io::write_lines(1, take_output());
}

}  // namespace cdd::maelstrom
