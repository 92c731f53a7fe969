// The thin shell around the Harness: N node processes (fork/exec, their
// stdin, stdout and stderr on pipes) and a poll loop that feeds the harness
// each stdout line, each exit and the clock, and writes what it sends.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <vector>

#include "harness.h"

namespace maelstrom {

class ProcessCluster {
 public:
  // stderr of node i goes to `log_dir`/n<i>.log, or, with an empty log_dir,
  // to this process's stderr with each line prefixed "[n<i>] ".
  ProcessCluster(std::vector<std::string> argv, int nodes, std::string log_dir);
  ~ProcessCluster();  // stops whatever still runs
  ProcessCluster(const ProcessCluster&) = delete;
  ProcessCluster& operator=(const ProcessCluster&) = delete;

  bool start(std::string& error);
  void run(Harness& harness);  // until harness.done()
  void stop();                 // close stdin, wait briefly, then SIGTERM, SIGKILL; reaps every process

 private:
  struct Node {
    pid_t pid = -1;
    int in = -1, out = -1, err = -1;
    std::string pending_in, partial_out, partial_err;
    std::FILE* log = nullptr;
    bool running = false;
  };
  std::vector<std::string> argv_;
  std::string log_dir_;
  std::vector<Node> nodes_;

  bool spawn(int index, std::string& error);
  void deliver(Harness& harness);
  void flush_stdin(int index);
  void read_stdout(int index, Harness& harness);
  bool read_stderr(int index);  // false: nothing more now (or closed)
  void node_ended(int index, Harness& harness);
  std::string wait_for_exit(int index, int wait_ms);
  void log_line(int index, const std::string& line);
};

Time clock_now();  // steady clock, ns

}  // namespace maelstrom
