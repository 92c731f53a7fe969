// The playground's starting programs, run natively as the page runs them in wasm.
#include "program_run.h"

namespace {

TEST(ThreadsPlayground, CountsThePrimesWithEveryTeamSizeAndPlotsTheSpeedup) {
  ProgramRun run = run_program("threads_playground", "n=200000 threads=3");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* line : {" 1 thread(s): 17984 primes below 200000", " 2 thread(s): 17984 primes below 200000",
                           " 3 thread(s): 17984 primes below 200000"})
    EXPECT_NE(run.output.find(line), std::string::npos) << line << "\n" << run.output;
  EXPECT_EQ(run.count("\"kind\":\"point\""), 3);
  EXPECT_EQ(run.count("\"series\":\"measured\",\"x\":1,\"y\":1,"), 1) << run.output;
}

TEST(ThreadsPlayground, RefusesBadArguments) {
  ProgramRun run = run_program("threads_playground", "threads=0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("threads must be a whole number from 1 to 16, got '0'"), std::string::npos) << run.output;
}

TEST(ProcessesPlayground, APoolOfProcessesCountsEveryPiece) {
  ProgramRun run = run_program("processes_playground", "n=200000 processes=2 pieces=5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.count("\"row\":["), 5);
  EXPECT_EQ(run.count("\"row\":[\"0\",\"0..40000\",\"4203\","), 1) << run.output;
  EXPECT_NE(run.output.find("17984 primes below 200000, counted by 2 processes in 5 pieces."), std::string::npos)
      << run.output;
}

}  // namespace
