// cdd::plural and cdd::one_to: a count's noun in the right number ("1 hardware
// threads" was printed by several programs in the single-threaded build).
#include <cdd/plural.h>
#include <gtest/gtest.h>

TEST(Plural, OneTakesTheSingularEveryOtherCountThePlural) {
  EXPECT_EQ(cdd::plural(1, "hardware thread", "hardware threads"), "1 hardware thread");
  EXPECT_EQ(cdd::plural(2, "hardware thread", "hardware threads"), "2 hardware threads");
  EXPECT_EQ(cdd::plural(0, "process", "processes"), "0 processes");
  EXPECT_EQ(cdd::plural(-1, "degree", "degrees"), "-1 degree");
}

TEST(Plural, ARangeOfOneIsJustThatOne) {
  EXPECT_EQ(cdd::one_to(1, "thread", "threads"), "1 thread");
  EXPECT_EQ(cdd::one_to(4, "thread", "threads"), "1 to 4 threads");
}
