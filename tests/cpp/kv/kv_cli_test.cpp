// The three command-line tools, run as real processes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct ProcessResult {
  int code;
  std::string out;
};

ProcessResult run(const std::string& command) {
  ProcessResult r{-1, ""};
  // Merge stderr into the output unless the command redirects it itself.
  const std::string full = command.find("2>") == std::string::npos ? command + " 2>&1" : command;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string temp(const std::string& name) { return ::testing::TempDir() + "kv_cli_" + name; }

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(KvCheck, ExitCodesZeroOneTwo) {
  const std::string good = temp("good.jsonl"), bad = temp("bad.jsonl"), broken = temp("broken.jsonl");
  write_file(good,
             "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":0}\n"
             "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":10}\n"
             "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"k1\",\"value\":null,\"time\":20}\n"
             "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":\"k1\",\"value\":1,\"time\":30}\n");
  write_file(bad,
             "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":0}\n"
             "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":10}\n"
             "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"k1\",\"value\":null,\"time\":20}\n"
             "{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":\"k1\",\"value\":2,\"time\":30}\n");
  write_file(broken,
             "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":0}\n"
             "{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"k1\",\"value\":1,\"time\":10}\n"
             "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"k1\"\n");
  ProcessResult r = run(std::string(KVCHECK_BIN) + " " + good);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("linearizable"), std::string::npos);
  r = run(std::string(KVCHECK_BIN) + " " + bad);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("not linearizable"), std::string::npos);
  EXPECT_NE(r.out.find("k1"), std::string::npos);
  r = run(std::string(KVCHECK_BIN) + " " + broken);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
  r = run(std::string(KVCHECK_BIN) + " /nonexistent/file.jsonl");
  EXPECT_EQ(r.code, 2);
}

std::string read_file(const std::string& path) {
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

TEST(KvSim, WritesAHistoryThatKvCheckAccepts) {
  const std::string history = temp("sim.jsonl"), trace = temp("trace.jsonl");
  ProcessResult r = run(std::string(KVSIM_BIN) + " --protocol raft --nodes 5 --seed 42 --ops 500 --nemesis "
              "partition,crash,drop,dup,reorder --history " + history + " --trace " + trace);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("checker: linearizable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("messages:"), std::string::npos);
  r = run(std::string(KVCHECK_BIN) + " " + history);
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST(KvSim, SameCommandSameBytes) {
  // The simulator is seeded and runs on simulated time: the same command
  // twice writes the same output, history and trace, byte for byte.
  const std::string command = std::string(KVSIM_BIN) + " --protocol raft --nodes 5 --seed 42 --ops 500 --nemesis all";
  ProcessResult runs[2];
  std::string histories[2], traces[2];
  for (int i = 0; i < 2; ++i) {
    const std::string history = temp("same" + std::to_string(i) + ".jsonl");
    const std::string trace = temp("same_trace" + std::to_string(i) + ".jsonl");
    std::remove(history.c_str());
    std::remove(trace.c_str());
    runs[i] = run(command + " --history " + history + " --trace " + trace);
    EXPECT_EQ(runs[i].code, 0) << runs[i].out;
    histories[i] = read_file(history);
    traces[i] = read_file(trace);
  }
  EXPECT_FALSE(histories[0].empty());
  EXPECT_FALSE(traces[0].empty());
  EXPECT_EQ(runs[0].out, runs[1].out);
  EXPECT_TRUE(histories[0] == histories[1]) << "the two histories differ";
  EXPECT_TRUE(traces[0] == traces[1]) << "the two traces differ";
}

TEST(KvSim, BadArgumentsExitTwo) {
  EXPECT_EQ(run(std::string(KVSIM_BIN) + " --protocol paxos").code, 2);
  EXPECT_EQ(run(std::string(KVSIM_BIN) + " --nodes 0").code, 2);
  EXPECT_EQ(run(std::string(KVSIM_BIN) + " --nemesis flood").code, 2);
  EXPECT_EQ(run(std::string(KVSIM_BIN) + " --latency normal:1ms").code, 2);
}

TEST(KvNode, SpeaksMaelstromOnStdio) {
  const std::string input = temp("node_in.jsonl");
  write_file(input,
             "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}\n"
             "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"write\",\"msg_id\":2,\"key\":0,\"value\":5}}\n"
             "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"read\",\"msg_id\":3,\"key\":0}}\n"
             "this is not json\n"
             "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"cas\",\"msg_id\":4,\"key\":0,\"from\":1}}\n"
             "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"txn\",\"msg_id\":5}}\n");
  ProcessResult r = run(std::string(KVNODE_BIN) + " --protocol single < " + input + " 2>/dev/null");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"init_ok\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"write_ok\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"value\":5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"code\":12"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"code\":10"), std::string::npos) << r.out;
  // One JSON object per line on stdout.
  std::istringstream lines(r.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.front(), '{') << line;
    ++count;
  }
  EXPECT_EQ(count, 5);
  EXPECT_EQ(run(std::string(KVNODE_BIN) + " --protocol zab < /dev/null").code, 2);
}

}  // namespace
