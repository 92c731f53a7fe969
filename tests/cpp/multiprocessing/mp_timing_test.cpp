// Tests whose verdict reads the real clock: a process killed at its timeout
// is checked against how long the parent really waited. CMakeLists.txt runs
// them serially (RUN_SERIAL), so other tests do not stretch the wait.
#include <cdd/multiprocessing.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace cdd::mp;

namespace {

int hang(int) {
  for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(100));
}
CDD_MP_TASK(hang);

}  // namespace

TEST(ProcessTiming, HangingChildIsKilledAtItsTimeout) {
  ProcessOptions options;
  options.timeout_ms = 200;
  Process p("hang", 0, options);
  // Measured from before start(), where the process's own clock starts: the
  // wait can then never be shorter than the timeout.
  auto start = std::chrono::steady_clock::now();
  p.start();
  const Outcome& how = p.join();
  double waited = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(how.failure, Failure::timeout) << how.describe();
  EXPECT_GT(how.elapsed_ms, 200);
  EXPECT_GE(waited, how.elapsed_ms);
  // Killed at its timeout, not long after (generous for a busy machine).
  EXPECT_LT(waited, 5000);
}
