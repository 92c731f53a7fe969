// Arguments are checked before any work: a wrong value gets a message that
// says what is allowed, never a crash or a huge allocation.
#include <cdd/args.h>
#include <gtest/gtest.h>

#include <vector>

namespace {

struct Argv {
  explicit Argv(std::vector<std::string> values) : strings(std::move(values)) {
    pointers.push_back(const_cast<char*>("program"));
    for (auto& s : strings) pointers.push_back(s.data());
  }
  int argc() const { return static_cast<int>(pointers.size()); }
  char** argv() { return pointers.data(); }
  std::vector<std::string> strings;
  std::vector<char*> pointers;
};

TEST(Args, ReadsIntegersNumbersAndChoices) {
  Argv a({"n=1e6", "ratio=0.25", "mode=fast"});
  cdd::Args args(a.argc(), a.argv());
  EXPECT_EQ(args.integer("n", 1, 1, 10000000), 1000000);
  EXPECT_DOUBLE_EQ(args.number("ratio", 0, 0, 1), 0.25);
  EXPECT_EQ(args.choice("mode", "slow", {"slow", "fast"}), "fast");
  EXPECT_EQ(args.integer("absent", 42, 1, 100), 42);
  EXPECT_TRUE(args.ok());
}

TEST(Args, RejectsOutOfRangeNonNumericAndFractionalValues) {
  Argv a({"n=0", "m=abc", "k=2.5", "x=-3"});
  cdd::Args args(a.argc(), a.argv());
  args.integer("n", 1, 1, 100);
  args.integer("m", 1, 1, 100);
  args.integer("k", 1, 1, 100);
  args.number("x", 0, 0, 1);
  ASSERT_FALSE(args.ok());
  ASSERT_EQ(args.errors().size(), 4u);
  EXPECT_EQ(args.errors()[0], "n must be a whole number from 1 to 100, got '0'");
  EXPECT_EQ(args.errors()[1], "m must be a whole number from 1 to 100, got 'abc'");
}

TEST(Args, ReportsUnknownKeysAndMalformedArguments) {
  Argv a({"nn=5", "oops"});
  cdd::Args args(a.argc(), a.argv());
  args.integer("n", 1, 1, 10);
  ASSERT_FALSE(args.ok());
  EXPECT_EQ(args.errors()[0], "argument 'oops' is not of the form key=value");
  EXPECT_EQ(args.errors()[1], "unknown parameter 'nn'");
}

TEST(Args, RefusesPlansLargerThanTheMemoryBudget) {
  Argv a({});
  cdd::Args args(a.argc(), a.argv());
  args.require_memory(1e18, "a list of 10^17 ints");
  ASSERT_FALSE(args.ok());
  EXPECT_NE(args.errors()[0].find("a list of 10^17 ints needs about 1000 PB"), std::string::npos)
      << args.errors()[0];
}

TEST(Args, FailPrintsEveryProblemAndReturnsTheBadArgumentsCode) {
  Argv a({"n=-1"});
  cdd::Args args(a.argc(), a.argv());
  args.integer("n", 1, 1, 10);
  testing::internal::CaptureStderr();
  EXPECT_EQ(args.fail(), cdd::kBadArguments);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "error: n must be a whole number from 1 to 10, got '-1'\n");
}

}  // namespace
