#include "cli_options.h"

#include <cstdlib>

namespace maelstrom {

const char* const kUsage =
    "usage: maelstrom_harness --workload echo|broadcast|lin-kv --bin PATH [--nodes N] [--ops K] [--seed S]\n"
    "         [--clients C] [--isolate nI --from-op A --to-op B] [--expect valid|invalid]\n"
    "         [--timeout-ms T] [--init-timeout-ms T] [--settle-ms T] [--converge-ms T] [--time-limit-s T] [--backoff-ms T] [--topology grid|ring]\n"
    "         [--log-dir DIR] [--history FILE] [-- ARGS FOR THE NODE...]\n";

namespace {

bool number(const std::string& text, long long lo, long long hi, long long& out) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

// Options with a numeric value: name, bounds, where it goes (scaled).
bool numeric_option(const std::string& name, long long v, CliOptions& o) {
  if (name == "--nodes") o.harness.nodes = static_cast<int>(v);
  else if (name == "--ops") o.harness.ops = v;
  else if (name == "--seed") o.harness.seed = o.workload.seed = static_cast<std::uint64_t>(v);
  else if (name == "--clients") o.harness.clients = static_cast<int>(v);
  else if (name == "--from-op") o.harness.from_op = v;
  else if (name == "--to-op") o.harness.to_op = v;
  else if (name == "--timeout-ms") o.harness.op_timeout = v * kMs;
  else if (name == "--init-timeout-ms") o.harness.init_timeout = v * kMs;
  else if (name == "--settle-ms") o.harness.settle = v * kMs;
  else if (name == "--converge-ms") o.harness.converge = v * kMs;
  else if (name == "--backoff-ms") o.harness.backoff = v * kMs;
  else if (name == "--time-limit-s") o.harness.time_limit = v * 1000 * kMs;
  else return false;
  return true;
}

bool check(CliOptions& o, const std::string& isolate, std::string& error) {
  if (o.workload.name.empty() || o.node_argv.empty()) return error = "--workload and --bin are required", false;
  if (o.expect != "valid" && o.expect != "invalid") return error = "--expect is valid or invalid", false;
  if (!isolate.empty()) {
    const Router r(o.harness.nodes);
    o.harness.isolate = r.node_index(isolate);
    if (o.harness.isolate < 0) return error = "--isolate " + isolate + " is not one of the nodes", false;
    if (o.harness.from_op < 1 || o.harness.to_op < o.harness.from_op)
      return error = "--isolate needs 1 <= --from-op <= --to-op", false;
  }
  if (o.workload.topology != "grid" && o.workload.topology != "ring") return error = "--topology is grid or ring", false;
  if (!make_workload(o.workload)) return error = "unknown workload " + o.workload.name, false;
  return true;
}

}  // namespace

bool parse_cli(const std::vector<std::string>& args, CliOptions& o, std::string& error) {
  std::string isolate;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      if (o.node_argv.empty()) return error = "-- comes after --bin PATH", false;
      o.node_argv.insert(o.node_argv.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (i + 1 >= args.size()) return error = "option " + a + " needs a value", false;
    const std::string& v = args[++i];
    long long n = 0;
    if (a == "--workload") o.workload.name = v;
    else if (a == "--bin") o.node_argv.insert(o.node_argv.begin(), v);
    else if (a == "--isolate") isolate = v;
    else if (a == "--expect") o.expect = v;
    else if (a == "--topology") o.workload.topology = v;
    else if (a == "--log-dir") o.log_dir = v;
    else if (a == "--history") o.history_file = v;
    else if (!numeric_option(a, 0, o)) return error = "unknown option " + a, false;
    else if (!number(v, a == "--nodes" ? 1 : 0, a == "--nodes" ? 100 : 1'000'000'000, n))
      return error = "option " + a + " needs a number in range, not \"" + v + "\"", false;
    else numeric_option(a, n, o);
  }
  return check(o, isolate, error);
}

}  // namespace maelstrom
