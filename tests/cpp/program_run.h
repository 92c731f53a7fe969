// Runs a native lesson program (built by cdd_add_program) and collects what
// it printed, so tests can judge a program the way the page does.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <vector>

struct ProgramRun {
  int exit_code = -1;
  std::string output;                // stdout and stderr, interleaved
  std::vector<std::string> reports;  // the JSON of each "@cdd " line
  std::vector<std::string> text;     // every other line

  int count(const std::string& needle) const {
    int n = 0;
    for (const auto& r : reports) n += r.find(needle) != std::string::npos;
    return n;
  }
};

inline ProgramRun run_program(const std::string& name, const std::string& args) {
  ProgramRun run;
  std::string command = std::string(CDD_PROGRAMS_DIR) + "/" + name + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  std::string line;
  while (fgets(buffer.data(), buffer.size(), pipe)) {
    run.output += buffer.data();
    line += buffer.data();
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      if (line.rfind("@cdd ", 0) == 0) run.reports.push_back(line.substr(5));
      else run.text.push_back(line);
      line.clear();
    }
  }
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}
