// maelstrom_harness: runs a Maelstrom-style workload (echo, broadcast,
// lin-kv) against N processes of a node program and prints a verdict.
// Exit 0 when the verdict is the expected one (--expect, default valid),
// 1 when it is not, 2 for a bad command line or a program that cannot start.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli_options.h"
#include "lin_kv_workload.h"
#include "process_cluster.h"

namespace {

std::string ms(maelstrom::Time t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(t) / 1e6);
  return text;
}

void print_summary(const maelstrom::CliOptions& o, const maelstrom::Summary& s) {
  const auto& h = o.harness;
  std::printf("maelstrom_harness: %s, %d node(s) of %s, %lld ops, seed %llu", o.workload.name.c_str(), h.nodes,
              o.node_argv[0].c_str(), h.ops, static_cast<unsigned long long>(h.seed));
  if (h.isolate >= 0)
    std::printf(", n%d isolated during ops %lld..%lld", h.isolate + 1, h.from_op, h.to_op);
  std::printf("\nops: %lld invoked: %lld ok, %lld fail, %lld info\n", s.ops, s.ok, s.fail, s.info);
  std::printf("messages: %lld node-to-node (%.2f per op), %lld dropped by the partition, %lld to down nodes\n",
              s.network.node_to_node, s.msgs_per_op, s.network.dropped_partition, s.network.dropped_down);
  if (s.ok > 0) std::printf("latency of ok ops: median %s, max %s\n", ms(s.latency_median).c_str(), ms(s.latency_max).c_str());
  for (const auto& line : s.verdict.stats) std::printf("%s\n", line.c_str());
  for (const auto& line : s.notes) std::printf("note: %s\n", line.c_str());
  for (const auto& line : s.problems) std::printf("problem: %s\n", line.c_str());
  std::printf("verdict: %s: %s\n", maelstrom::verdict_name(s.verdict.kind), s.verdict.sentence.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  maelstrom::CliOptions o;
  std::string error;
  if (!maelstrom::parse_cli(std::vector<std::string>(argv + 1, argv + argc), o, error)) {
    std::fprintf(stderr, "maelstrom_harness: %s\n%s", error.c_str(), maelstrom::kUsage);
    return 2;
  }
  if (::access(o.node_argv[0].c_str(), X_OK) != 0) {
    std::fprintf(stderr, "maelstrom_harness: cannot run %s\n", o.node_argv[0].c_str());
    return 2;
  }
  maelstrom::Harness harness(o.harness, maelstrom::make_workload(o.workload));
  maelstrom::ProcessCluster cluster(o.node_argv, o.harness.nodes, o.log_dir);
  if (!cluster.start(error)) {
    std::fprintf(stderr, "maelstrom_harness: %s\n", error.c_str());
    return 2;
  }
  cluster.run(harness);
  cluster.stop();
  const maelstrom::Summary summary = harness.summary();
  if (!o.history_file.empty())
    if (auto* lin = dynamic_cast<const maelstrom::LinKvWorkload*>(&harness.workload()))
      std::ofstream(o.history_file) << kv::to_jsonl(lin->history());
  print_summary(o, summary);
  const bool matches = maelstrom::verdict_name(summary.verdict.kind) == o.expect;
  std::printf("expected %s: %s\n", o.expect.c_str(), matches ? "yes" : "NO");
  return matches ? 0 : 1;
}
