// kvcheck: is a recorded history linearizable (per key, compare-and-set registers)?
//
//   kvcheck history.jsonl [--json]
//
// Prints "linearizable", or "not linearizable" with the key and a window of
// operations around the violation. Exit status: 0 linearizable, 1 not
// linearizable (or the search gave up), 2 unreadable or malformed input
// (the message names the line).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "linearizability.h"
#include "trace.h"

int main(int argc, char** argv) {
  std::string path;
  bool as_json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") as_json = true;
    else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: kvcheck history.jsonl [--json]\n";
      return 0;
    } else if (path.empty()) path = arg;
    else {
      std::cerr << "kvcheck: unexpected argument '" << arg << "'\nusage: kvcheck history.jsonl [--json]\n";
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "usage: kvcheck history.jsonl [--json]\n";
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "kvcheck: cannot read " << path << "\n";
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();

  kv::History history;
  kv::HistoryError error;
  std::vector<kv::Operation> ops;
  if (!kv::parse_history(buffer.str(), history, error) || !kv::pair_operations(history, ops, error)) {
    std::cerr << "kvcheck: " << path << ": line " << error.line << ": " << error.message << "\n";
    return 2;
  }
  const kv::CheckResult r = kv::check_operations(ops);
  if (as_json) {
    std::cout << kv::check_result_json(r).dump(2) << "\n";
  } else if (r.verdict == kv::CheckResult::Verdict::linearizable) {
    std::printf("linearizable (%zu operations on %zu keys)\n", r.operations, r.keys);
  } else if (r.verdict == kv::CheckResult::Verdict::unknown) {
    std::printf("unknown: %s\n", r.explanation.c_str());
  } else {
    std::printf("not linearizable\nkey: %s\n", r.key.c_str());
    std::printf("operations around the problem (line numbers in %s):\n", path.c_str());
    for (const auto& op : r.window) {
      std::printf("  lines %zu-%s: %s\n", op.invoke_line,
                  op.complete_line ? std::to_string(op.complete_line).c_str() : "(never completed)",
                  kv::describe(op).c_str());
    }
  }
  return r.verdict == kv::CheckResult::Verdict::linearizable ? 0 : 1;
}
