// The harness's process shell and CLI, run as a program on the fixture nodes:
// exit codes, node stderr (prefixed or in --log-dir files), --history output.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "history.h"
#include "linearizability.h"

namespace {

struct Result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Result run(const std::string& args) {
  Result r;
  const std::string command = std::string(HARNESS_BIN) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string scratch_dir() {
  char name[] = "/tmp/maelstrom_shell_test_XXXXXX";
  const char* made = mkdtemp(name);
  return made ? made : "";
}

}  // namespace

TEST(MaelstromShell, ExitCodeSaysWhetherTheVerdictWasTheExpectedOne) {
  const std::string echo = std::string("--workload echo --nodes 2 --ops 10 --bin ") + ECHO_BIN;
  EXPECT_EQ(run(echo).exit_code, 0);
  EXPECT_EQ(run(echo + " --expect invalid").exit_code, 1);
  EXPECT_EQ(run(echo + " --nodes zero").exit_code, 2);
  EXPECT_EQ(run("--workload echo --bin /nonexistent/node").exit_code, 2);
}

TEST(MaelstromShell, NodeStderrIsPrefixedWithTheNodeOrWrittenToItsLogFile) {
  const std::string crash = std::string("--workload echo --nodes 2 --ops 20 --expect invalid --bin ") + ECHO_BIN +
                            " -- --crash-after 1";
  const Result prefixed = run(crash);
  EXPECT_EQ(prefixed.exit_code, 0) << prefixed.output;
  EXPECT_NE(prefixed.output.find("[n1] crashing on purpose after 1 echoes"), std::string::npos) << prefixed.output;
  EXPECT_NE(prefixed.output.find("problem: n1 exited with code 3"), std::string::npos) << prefixed.output;

  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  const Result logged = run("--log-dir " + dir + " " + crash);
  EXPECT_EQ(logged.output.find("crashing on purpose"), std::string::npos) << "went to the files, not stderr";
  EXPECT_EQ(read_file(dir + "/n1.log"), "crashing on purpose after 1 echoes\n");
  EXPECT_EQ(read_file(dir + "/n2.log"), "crashing on purpose after 1 echoes\n");
  std::remove((dir + "/n1.log").c_str());
  std::remove((dir + "/n2.log").c_str());
  rmdir(dir.c_str());
}

TEST(MaelstromShell, HistoryFileIsTheCheckersFormatAndPairsUp) {
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  const std::string path = dir + "/history.jsonl";
  const Result r = run("--workload lin-kv --nodes 1 --ops 50 --history " + path + " --bin " + LIN_KV_BIN);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  kv::History history;
  kv::HistoryError error;
  ASSERT_TRUE(kv::parse_history(read_file(path), history, error)) << error.message;
  EXPECT_EQ(history.size(), 100u);
  std::vector<kv::Operation> ops;
  ASSERT_TRUE(kv::pair_operations(history, ops, error)) << error.message;
  EXPECT_EQ(ops.size(), 50u);
  EXPECT_EQ(kv::check_history(history).verdict, kv::CheckResult::Verdict::linearizable);
  std::remove(path.c_str());
  rmdir(dir.c_str());
}
