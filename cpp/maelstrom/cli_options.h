// The harness's command line, parsed without I/O (so it is unit tested).
#pragma once

#include <string>
#include <vector>

#include "harness.h"
#include "workload.h"

namespace maelstrom {

struct CliOptions {
  HarnessOptions harness;
  WorkloadOptions workload;
  std::vector<std::string> node_argv;  // --bin PATH, then anything after "--"
  std::string expect = "valid";        // valid | invalid
  std::string log_dir;                 // node stderr files; empty: prefixed on stderr
  std::string history_file;            // lin-kv: write the history here (JSON Lines)
};

// False with a reason in `error` for a bad command line.
bool parse_cli(const std::vector<std::string>& args, CliOptions& out, std::string& error);

extern const char* const kUsage;

}  // namespace maelstrom
