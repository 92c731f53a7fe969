// A node template started as a child process with pipes on stdin and stdout,
// so a test can play Maelstrom: write a message line, read the node's lines.
// Reads wait with poll() up to a generous limit (a stuck node fails the test
// instead of hanging it); no test depends on how fast the node is.
#pragma once

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

class NodeProcess {
 public:
  using json = nlohmann::json;

  explicit NodeProcess(const std::string& binary) {
    signal(SIGPIPE, SIG_IGN);  // a node that died must fail the test, not kill it
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);  // the templates' logs are for people
      close(in[1]);
      close(out[0]);
      execl(binary.c_str(), binary.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_node_ = in[1];
    from_node_ = out[0];
  }
  ~NodeProcess() {
    if (to_node_ >= 0) close(to_node_);  // end of input: the node's loop returns
    if (pid_ > 0) {
      int status = 0;
      for (int i = 0; i < 50 && waitpid(pid_, &status, WNOHANG) == 0; ++i) usleep(100000);
      if (waitpid(pid_, &status, WNOHANG) == 0) { kill(pid_, SIGKILL); waitpid(pid_, &status, 0); }
    }
    if (from_node_ >= 0) close(from_node_);
  }
  bool started() const { return pid_ > 0; }

  void send(const std::string& src, const json& body) {
    std::string line = json{{"src", src}, {"dest", node_}, {"body", body}}.dump() + "\n";
    ssize_t ignored = write(to_node_, line.data(), line.size());
    (void)ignored;
  }
  // init as `id` of `ids`; true when init_ok came back.
  bool init(const std::string& id, const json& ids) {
    node_ = id;
    send("c0", {{"type", "init"}, {"msg_id", 0}, {"node_id", id}, {"node_ids", ids}});
    auto ok = next([](json& m) { return m["body"]["type"] == "init_ok"; });
    return ok && (*ok)["body"]["in_reply_to"] == 0;
  }
  // The request with this msg_id from client c1, and its reply.
  json request(json body, int msg_id) {
    body["msg_id"] = msg_id;
    send("c1", body);
    auto reply = next([&](json& m) { return m["dest"] == "c1" && m["body"]["in_reply_to"] == msg_id; });
    return reply ? (*reply)["body"] : json{{"type", "no reply"}};
  }
  // The next output message matching `wanted` (others are skipped), or nullopt after `limit_ms`.
  std::optional<json> next(const std::function<bool(json&)>& wanted, int limit_ms = 10000) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
    for (;;) {
      for (std::size_t nl; (nl = buffer_.find('\n')) != std::string::npos;) {
        json m = json::parse(buffer_.substr(0, nl), nullptr, false);
        buffer_.erase(0, nl + 1);
        if (!m.is_discarded() && m.is_object() && m.contains("body") && wanted(m)) return m;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{from_node_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[4096];
      ssize_t n = read(from_node_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;  // the node exited
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  pid_t pid_ = -1;
  int to_node_ = -1, from_node_ = -1;
  std::string node_ = "n1";
  std::string buffer_;
};
