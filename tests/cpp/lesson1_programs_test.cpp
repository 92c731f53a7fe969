// Lesson 1's programs, run natively as the page runs them in wasm.
#include "program_run.h"

namespace {

TEST(ListCreation, ReportsEveryWayAtEverySize) {
  ProgramRun run = run_program("list_creation", "n_min=1000 n_max=100000 reps=2");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // 1e3..1e5 in 1-2-5 steps is 7 sizes, three ways each.
  EXPECT_EQ(run.count("\"kind\":\"point\""), 21);
  EXPECT_EQ(run.count("\"series\":\"std::list push_back\""), 7);
  EXPECT_EQ(run.count("\"x\":100000,"), 3);
  EXPECT_EQ(run.count("\"kind\":\"chart\",\"id\":\"build\""), 1);
}

TEST(ListCreation, RejectsBadSizesWithAClearMessageAndNoWork) {
  ProgramRun run = run_program("list_creation", "n_max=0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("n_max must be a whole number from 1 to 100000000, got '0'"), std::string::npos) << run.output;
  EXPECT_TRUE(run.reports.empty());

  run = run_program("list_creation", "n_max=lots");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("got 'lots'"), std::string::npos) << run.output;

  run = run_program("list_creation", "n_min=5000 n_max=10");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("n_min must not be larger than n_max"), std::string::npos) << run.output;
}

TEST(SearchMissing, ReportsThreeSearchesAndAnExtrapolation) {
  ProgramRun run = run_program("search_missing", "n_min=1000 n_max=10000 reps=2");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* series : {"linear search", "binary search (sorted)", "hash set"})
    EXPECT_EQ(run.count(std::string("\"series\":\"") + series + "\""), 4) << series;
  EXPECT_EQ(run.count("\"series\":\"linear search (extrapolated)\""), 3);
  EXPECT_NE(run.output.find("n = 1e+12"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("error"), std::string::npos) << run.output;
}

}  // namespace
