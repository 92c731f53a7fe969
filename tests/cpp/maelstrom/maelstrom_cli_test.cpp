// The harness's command line (cpp/maelstrom/cli_options.h).
#include <gtest/gtest.h>

#include "cli_options.h"

using maelstrom::CliOptions;
using maelstrom::kMs;

namespace {

bool parse(std::vector<std::string> args, CliOptions& o, std::string& error) {
  return maelstrom::parse_cli(args, o, error);
}

}  // namespace

TEST(MaelstromCli, ReadsEveryOptionAndPassesTheRestToTheNode) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(parse({"--workload", "lin-kv", "--bin", "/x/node", "--nodes", "3", "--ops", "40", "--seed", "9",
                     "--isolate", "n2", "--from-op", "5", "--to-op", "30", "--expect", "invalid", "--timeout-ms",
                     "700", "--clients", "4", "--", "--protocol", "raft"},
                    o, error))
      << error;
  EXPECT_EQ(o.workload.name, "lin-kv");
  EXPECT_EQ(o.node_argv, (std::vector<std::string>{"/x/node", "--protocol", "raft"}));
  EXPECT_EQ(o.harness.nodes, 3);
  EXPECT_EQ(o.harness.ops, 40);
  EXPECT_EQ(o.harness.seed, 9u);
  EXPECT_EQ(o.workload.seed, 9u);
  EXPECT_EQ(o.harness.isolate, 1);
  EXPECT_EQ(o.harness.from_op, 5);
  EXPECT_EQ(o.harness.to_op, 30);
  EXPECT_EQ(o.harness.op_timeout, 700 * kMs);
  EXPECT_EQ(o.harness.init_timeout, maelstrom::HarnessOptions{}.init_timeout);  // a slow start is not a slow reply
  EXPECT_EQ(o.harness.clients, 4);
  EXPECT_EQ(o.expect, "invalid");
}

TEST(MaelstromCli, RefusesBadCommandLinesWithAReason) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--workload", "echo"}, "--bin"},
      {{"--workload", "gossip", "--bin", "x"}, "unknown workload"},
      {{"--workload", "echo", "--bin", "x", "--nodes", "0"}, "--nodes"},
      {{"--workload", "echo", "--bin", "x", "--ops", "ten"}, "--ops"},
      {{"--workload", "echo", "--bin", "x", "--isolate", "n4", "--from-op", "1", "--to-op", "2"}, "n4"},
      {{"--workload", "echo", "--bin", "x", "--nodes", "3", "--isolate", "n1", "--from-op", "5", "--to-op", "2"}, "--from-op"},
      {{"--workload", "echo", "--bin", "x", "--expect", "maybe"}, "--expect"},
      {{"--workload", "echo", "--bin", "x", "--frobnicate", "1"}, "unknown option --frobnicate"},
      {{"--workload", "echo", "--bin"}, "needs a value"},
  };
  for (const auto& [args, reason] : cases) {
    CliOptions o;
    std::string error;
    EXPECT_FALSE(parse(args, o, error)) << args.back();
    EXPECT_NE(error.find(reason), std::string::npos) << error;
  }
}
