// The synchronisation scenes' checks and drawings under skewed thread clocks.
//
// In the browser every thread is a Web Worker whose clock is set from a
// message, so threads disagree about the time (cdd/shared_clock.h says why). These
// tests give each thread a deliberately wrong clock: first straight to the
// recorder (the checks must then fail, or the test proves nothing), then
// through the shared clock (the checks must pass: they follow the
// synchronisation, whatever the clocks say).
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include <cdd/shared_clock.h>
#include "sync_demos.h"

namespace {

// Per-thread clocks: each thread gets an index the first time it reads
// (the recorder's creator is 0) and `reading(index, count)` makes its time.
class SkewedClocks {
 public:
  using Reading = double (*)(int index, int count);
  explicit SkewedClocks(Reading reading) : reading_(reading) {}
  double operator()() {
    int index, count;
    {
      std::lock_guard<std::mutex> lock(m_);
      auto [it, inserted] = threads_.try_emplace(std::this_thread::get_id(),
                                                 State{static_cast<int>(threads_.size()), 0});
      index = it->second.index;
      count = it->second.readings++;
    }
    return reading_(index, count);
  }

 private:
  struct State {
    int index, readings;
  };
  Reading reading_;
  std::mutex m_;
  std::map<std::thread::id, State> threads_;
};

// Thread k's clock runs a million ms (far longer than any scene) times k ahead.
double ahead(int index, int) { return cdd::steady_ms() + 1e6 * index; }
// Every thread counts its own readings: clocks with no common origin at all.
double own_count(int, int count) { return count; }

cdd::TimeSource raw(SkewedClocks& clocks) {
  return [&clocks] { return clocks(); };
}
cdd::TimeSource shared(cdd::SharedClock& clock) {
  return [&clock] { return clock.now(); };
}

TEST(ClockSkew, BarrierCheckFailsOnRawSkewedClocksAndPassesOnTheSharedClock) {
  SkewedClocks skewed(ahead);
  lesson::Recorder naive(raw(skewed));
  EXPECT_FALSE(lesson::barrier_scene(3, 3, 1, naive)) << "the skew must fool a check on raw times";

  SkewedClocks skewed_again(ahead);
  cdd::SharedClock one_clock(raw(skewed_again));
  lesson::Recorder rec(shared(one_clock));
  EXPECT_TRUE(lesson::barrier_scene(3, 3, 1, rec));
}

TEST(ClockSkew, SemaphoreDrawingShowsTooManySlotsOnRawClocksAndNeverOnTheSharedClock) {
  const int workers = 6, slots = 2;
  SkewedClocks skewed(own_count);
  lesson::Recorder naive(raw(skewed));
  EXPECT_LE(lesson::semaphore_scene(workers, slots, 1, naive), slots);  // the real count is right...
  EXPECT_EQ(lesson::most_drawn_at_once(naive.bars(), "using a slot"), workers);  // ...the picture not

  SkewedClocks skewed_again(own_count);
  cdd::SharedClock one_clock(raw(skewed_again));
  lesson::Recorder rec(shared(one_clock));
  EXPECT_LE(lesson::semaphore_scene(workers, slots, 1, rec), slots);
  auto bars = rec.bars();
  EXPECT_LE(lesson::most_drawn_at_once(bars, "using a slot"), slots);
  EXPECT_GE(lesson::most_drawn_at_once(bars, "using a slot"), 1);
}

TEST(ClockSkew, LatchStartsMainAfterTheLastWorkerOnTheSharedClockOnly) {
  SkewedClocks skewed(ahead);
  lesson::Recorder naive(raw(skewed));
  auto fooled = lesson::latch_scene(3, 1, naive);
  EXPECT_LT(fooled.main_start_ms, fooled.last_ready_ms);

  SkewedClocks skewed_again(ahead);
  cdd::SharedClock one_clock(raw(skewed_again));
  lesson::Recorder rec(shared(one_clock));
  auto t = lesson::latch_scene(3, 1, rec);
  EXPECT_GT(t.main_start_ms, t.last_ready_ms);
}

TEST(SharedClock, ReadingsStrictlyIncreaseEvenWhenTheLocalClockGoesBack) {
  double script[] = {10, 5, 5, 20, 1};
  int next = 0;
  cdd::SharedClock clock([&] { return script[next++]; });
  double previous = clock.now();
  EXPECT_EQ(previous, 10);
  for (int i = 1; i < 5; ++i) {
    double reading = clock.now();
    EXPECT_GT(reading, previous);
    previous = reading;
  }
  EXPECT_EQ(previous, 20 + cdd::SharedClock::kTickMs);  // after 20, the clock said 1
}

TEST(MostDrawnAtOnce, TouchingBarsDoNotOverlapNestedOnesDo) {
  std::vector<lesson::Bar> bars = {{"a", 0, 2, "x"}, {"b", 2, 4, "x"}, {"c", 1, 3, "x"}, {"d", 0, 9, "y"}};
  EXPECT_EQ(lesson::most_drawn_at_once(bars, "x"), 2);
  EXPECT_EQ(lesson::most_drawn_at_once(bars, "y"), 1);
  EXPECT_EQ(lesson::most_drawn_at_once(bars, "z"), 0);
}

}  // namespace
