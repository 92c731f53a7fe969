// The native backend with real processes: fork(), pipes, shared mappings,
// and children that fail in every way the lesson shows.
#include <cdd/multiprocessing.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <thread>

using namespace cdd::mp;

namespace {

int global_value = 1;

int change_global(int value) {
  global_value = value;
  return global_value;
}
CDD_MP_TASK(change_global);

long long sum_range(std::pair<long long, long long> range) {
  long long sum = 0;
  for (long long i = range.first; i < range.second; ++i) sum += i;
  return sum;
}
CDD_MP_TASK(sum_range);

int my_pid(int) { return static_cast<int>(getpid()); }
CDD_MP_TASK(my_pid);

// Fails in the way its argument names; otherwise returns it.
int misbehave(std::string how) {
  if (how == "abort") std::abort();
  if (how == "throw") throw std::runtime_error("bad input");
  if (how == "hang")
    for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (how == "oom") {
    std::vector<char*> blocks;
    for (;;) {
      blocks.push_back(new char[64 << 20]);
      std::memset(blocks.back(), 1, 64 << 20);
    }
  }
  if (how == "segv") {
    volatile int* nowhere = nullptr;
    *nowhere = 1;
  }
  if (how == "exit") std::exit(7);
  return static_cast<int>(how.size());
}
CDD_MP_TASK(misbehave);

long long add_to_counter(std::tuple<SharedMemory, int, std::string> job) {
  auto& [memory, rounds, mode] = job;
  for (int i = 0; i < rounds; ++i) {
    if (mode == "atomic") {
      memory.fetch_add(0, 1);
    } else if (mode == "lock") {
      memory.lock();
      memory.store(0, memory.load(0) + 1);
      memory.unlock();
    } else {
      memory.store(0, memory.load(0) + 1);
    }
  }
  return rounds;
}
CDD_MP_TASK(add_to_counter);

// Word 0: set to 1 when the task has begun; word 1: the test sets it to let
// the task return. Lets a test know that an item is running, and end it.
int hold(SharedMemory flags) {
  flags.store(0, 1);
  flags.notify_all(0);
  for (long long go; (go = flags.load(1)) == 0;) flags.wait(1, go);
  return 1;
}
CDD_MP_TASK(hold);

int echo_queue(std::tuple<Queue, Queue, int> job) {
  auto& [in, out, count] = job;
  for (int i = 0; i < count; ++i) out.put_bytes(in.get_bytes());
  return count;
}
CDD_MP_TASK(echo_queue);

// Receives a buffer, checks and changes its bytes in place, sends it back.
int bounce_buffer(std::tuple<Queue, Queue> job) {
  auto& [in, out] = job;
  Buffer b = in.get_buffer();
  auto* bytes = static_cast<unsigned char*>(b.data());
  int sum = 0;
  for (std::size_t i = 0; i < b.size(); ++i) sum += bytes[i];
  bytes[0] = 99;
  out.put_buffer(std::move(b));
  return sum;
}
CDD_MP_TASK(bounce_buffer);

// One end of a pipe: answers each number with its square until it gets 0.
int square_server(Connection end) {
  int served = 0;
  for (long long x; (x = end.receive<long long>()) != 0; ++served) end.send(x * x);
  return served;
}
CDD_MP_TASK(square_server);

}  // namespace

TEST(Pipe, BothEndsTalk) {
  auto [mine, theirs] = make_pipe();
  Process p("square_server", theirs);
  p.start();
  for (long long x = 1; x <= 20; ++x) {
    mine.send(x);
    EXPECT_EQ(mine.receive<long long>(), x * x);
  }
  mine.send(0LL);
  ASSERT_TRUE(p.join().ok());
  EXPECT_EQ(p.result<int>(), 20);
}

TEST(Process, ReturnsResultAndRunsInAnotherProcess) {
  Process p("my_pid", 0);
  p.start();
  ASSERT_TRUE(p.join().ok()) << p.outcome().describe();
  EXPECT_EQ(p.exit_code(), 0);
  EXPECT_EQ(p.result<int>(), p.id());
  EXPECT_NE(p.result<int>(), getpid());
}

TEST(Process, ChildChangesToGlobalsStayInTheChild) {
  global_value = 1;
  Process p("change_global", 42);
  p.start();
  p.join();
  EXPECT_EQ(p.result<int>(), 42);
  EXPECT_EQ(global_value, 1);
}

TEST(Process, ManyChildrenAtOnce) {
  std::vector<Process> children;
  for (long long k = 0; k < 8; ++k) children.emplace_back("sum_range", std::make_pair(k * 1000, (k + 1) * 1000));
  for (auto& c : children) c.start();
  long long total = 0;
  for (auto& c : children) {
    c.join();
    total += c.result<long long>();
  }
  EXPECT_EQ(total, 8000LL * 7999 / 2);
}

TEST(Process, ReportsEachKindOfFailureWithoutHurtingTheParent) {
  struct Case {
    const char* how;
    Failure expected;
  };
  for (Case c : {Case{"abort", Failure::aborted}, Case{"throw", Failure::error}, Case{"segv", Failure::crashed},
                 Case{"exit", Failure::exited}}) {
    Process p("misbehave", std::string(c.how));
    p.start();
    const Outcome& how = p.join();
    EXPECT_EQ(how.failure, c.expected) << c.how << ": " << how.describe();
    EXPECT_THROW(p.result<int>(), std::runtime_error);
  }
  Process thrower("misbehave", std::string("throw"));
  thrower.start();
  EXPECT_EQ(thrower.join().message, "bad input");
  EXPECT_EQ(thrower.exit_code(), kExitTaskError);
}

TEST(Process, OutOfMemoryIsReportedWhenTheLimitIsHit) {
  ProcessOptions options;
  options.memory_limit_bytes = 128 << 20;
  Process p("misbehave", std::string("oom"), options);
  p.start();
  const Outcome& how = p.join();
  EXPECT_EQ(how.failure, Failure::out_of_memory) << how.describe();
  EXPECT_EQ(how.exit_code, kExitOutOfMemory);
}

TEST(Process, UnknownTaskIsNamed) {
  Process p("no_such_task", 0);
  p.start();
  EXPECT_EQ(p.join().failure, Failure::unknown_task);
  EXPECT_NE(p.outcome().message.find("no_such_task"), std::string::npos);
}

TEST(Queue, CarriesMessagesBothWaysInOrder) {
  Queue to_child, from_child;
  Process p("echo_queue", std::make_tuple(to_child, from_child, 50));
  p.start();
  for (int i = 0; i < 50; ++i) to_child.put(std::string(static_cast<std::size_t>(i * 1000), 'a' + i % 26));
  for (int i = 0; i < 50; ++i) {
    auto back = from_child.get<std::string>();
    ASSERT_EQ(back.size(), static_cast<std::size_t>(i * 1000));
    if (i) {
      ASSERT_EQ(back[0], 'a' + i % 26);
    }
  }
  EXPECT_TRUE(p.join().ok());
  EXPECT_FALSE(from_child.get_for<std::string>(10).has_value());
}

TEST(Queue, LargeMessageThroughThePipe) {
  Queue to_child, from_child;
  Process p("echo_queue", std::make_tuple(to_child, from_child, 1));
  p.start();
  Bytes big(8 << 20);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7);
  to_child.put_bytes(big);
  EXPECT_EQ(from_child.get_bytes(), big);
  p.join();
}

TEST(Buffer, OwnershipMovesWithoutCopying) {
  Queue to_child, from_child;
  Process p("bounce_buffer", std::make_tuple(to_child, from_child));
  p.start();
  Buffer b(1000);
  std::vector<unsigned char> ones(1000, 1);
  b.write(0, ones.data(), ones.size());
  const void* where = b.data();
  to_child.put_buffer(std::move(b));
  EXPECT_TRUE(b.empty());
  Buffer back = from_child.get_buffer();
  EXPECT_EQ(back.data(), where);  // the same bytes, not a copy
  unsigned char first = 0;
  back.read(0, &first, 1);
  EXPECT_EQ(first, 99);
  ASSERT_TRUE(p.join().ok());
  EXPECT_EQ(p.result<int>(), 1000);
}

TEST(SharedMemory, ConcurrentIncrementsGiveExactTotalsWithAtomicsOrTheLock) {
  for (const char* mode : {"atomic", "lock"}) {
    auto counter = SharedMemory::create(std::string("counter-") + mode, 8);
    std::vector<Process> children;
    for (int i = 0; i < 4; ++i) children.emplace_back("add_to_counter", std::make_tuple(SharedMemory::attach(counter.name()), 20000, std::string(mode)));
    for (auto& c : children) c.start();
    for (auto& c : children) ASSERT_TRUE(c.join().ok()) << c.outcome().describe();
    EXPECT_EQ(counter.load(0), 80000) << mode;
  }
}

TEST(SharedMemory, NamesAreCheckedAndBlocksFreedWithTheirOwner) {
  { auto block = SharedMemory::create("short-lived", 64); }
  EXPECT_THROW(SharedMemory::attach("short-lived"), std::invalid_argument);
  auto block = SharedMemory::create("words", 20);
  EXPECT_EQ(block.words(), 3u);
  EXPECT_THROW(block.load(3), std::out_of_range);
  EXPECT_THROW(SharedMemory::create("words", 8), std::invalid_argument);
}

TEST(Pool, MapKeepsInputOrderForEveryChunkSize) {
  std::vector<std::pair<long long, long long>> ranges;
  for (long long k = 0; k < 37; ++k) ranges.push_back({k * 100, k * 100 + 50});
  Pool pool(3);
  for (std::size_t chunk : {1, 4, 100}) {
    auto results = pool.map<long long>("sum_range", ranges, chunk);
    ASSERT_EQ(results.size(), ranges.size());
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      ASSERT_TRUE(results[i].ok()) << results[i].message;
      EXPECT_EQ(results[i].index, i);
      EXPECT_EQ(results[i].value, sum_range(ranges[i]));
    }
  }
  EXPECT_EQ(pool.workers_replaced(), 0);
}

TEST(Pool, EachFailureIsReportedWithItsTaskAndTheRestComplete) {
  // No time limit: every outcome here is decided by what the job does, never
  // by how long it takes (running out of memory is slow on a busy machine).
  PoolOptions options;
  options.memory_limit_bytes = 128 << 20;
  Pool pool(2, options);
  std::vector<std::string> inputs = {"a", "abort", "bb", "throw", "ccc", "oom", "dddd", "eeeee", "segv", "ffffff"};
  auto results = pool.map<int>("misbehave", inputs, 3);
  ASSERT_EQ(results.size(), inputs.size());
  std::map<std::string, Failure> expected = {{"abort", Failure::aborted}, {"throw", Failure::error},
                                             {"oom", Failure::out_of_memory}, {"segv", Failure::crashed}};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto it = expected.find(inputs[i]);
    if (it == expected.end()) {
      ASSERT_TRUE(results[i].ok()) << inputs[i] << ": " << results[i].message;
      EXPECT_EQ(results[i].value, static_cast<int>(inputs[i].size()));
    } else {
      EXPECT_EQ(results[i].failure, it->second) << inputs[i] << ": " << results[i].message;
    }
  }
  EXPECT_EQ(pool.workers_replaced(), 3);  // abort, oom, segv; an exception costs no worker
  // The pool is still usable afterwards.
  auto again = pool.map<int>("misbehave", std::vector<std::string>{"x", "yy"});
  EXPECT_TRUE(again[0].ok() && again[1].ok());
}

TEST(Pool, HangingItemIsKilledAtTheTimeLimitAndReplaced) {
  // Only the hanging job: it overruns any limit, however busy the machine.
  PoolOptions options;
  options.task_timeout_ms = 200;
  Pool pool(1, options);
  auto results = pool.map<int>("misbehave", std::vector<std::string>{"hang"});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].failure, Failure::timeout) << results[0].message;
  EXPECT_NE(results[0].message.find("ran longer than 200 ms"), std::string::npos) << results[0].message;
  EXPECT_GT(results[0].finished_ms - results[0].started_ms, 200);
  EXPECT_EQ(pool.workers_replaced(), 1);
}

// A clock the test sets; the pool reads it from imap's thread.
struct ManualClock {
  std::atomic<double> ms{0};
  PoolClock reader() {
    return [this] { return ms.load(); };
  }
};

// The argument list for one "hold" item: access to the block `name`.
std::vector<SharedMemory> hold_input(const std::string& name) {
  std::vector<SharedMemory> inputs;
  inputs.push_back(SharedMemory::attach(name));
  return inputs;
}

void wait_until_begun(SharedMemory& flags) {
  for (long long begun; (begun = flags.load(0)) == 0;) flags.wait(0, begun);
}

TEST(PoolClock, ItemsTakingRealTimeNeverTimeOutWhileThePoolsClockStands) {
  // A limit of 0 ms: on a real clock any item would overrun it at once.
  ManualClock clock;
  PoolOptions options;
  options.task_timeout_ms = 0;
  options.clock = clock.reader();
  Pool pool(1, options);
  auto flags = SharedMemory::create("hold-standing-clock", 16);
  std::thread releaser([&] {
    wait_until_begun(flags);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // real time passes, the pool's does not
    flags.store(1, 1);
    flags.notify_all(1);
  });
  auto results = pool.map<int>("hold", hold_input("hold-standing-clock"));
  releaser.join();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].ok()) << results[0].message;
  EXPECT_EQ(results[0].started_ms, 0);
  EXPECT_EQ(results[0].finished_ms, 0);
  EXPECT_EQ(pool.workers_replaced(), 0);
}

TEST(PoolClock, ItemIsKilledOnceThePoolsClockPassesItsLimit) {
  ManualClock clock;
  PoolOptions options;
  options.task_timeout_ms = 1000;
  options.clock = clock.reader();
  Pool pool(1, options);
  auto flags = SharedMemory::create("hold-moving-clock", 16);
  std::atomic<bool> done{false};
  std::thread ticker([&] {
    // Once the item has begun (whenever the pool hears of it), time moves on
    // in steps until the pool gives up on the item.
    wait_until_begun(flags);
    while (!done) {
      clock.ms = clock.ms + 250;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  auto held = pool.map<int>("hold", hold_input("hold-moving-clock"));
  done = true;
  ticker.join();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].failure, Failure::timeout) << held[0].message;
  EXPECT_NE(held[0].message.find("ran longer than 1000 ms"), std::string::npos) << held[0].message;
  EXPECT_GT(held[0].finished_ms - held[0].started_ms, 1000);  // not killed before its time
  EXPECT_EQ(pool.workers_replaced(), 1);
  // The clock stands again: the replacement runs the next item to the end.
  auto after = pool.map<int>("misbehave", std::vector<std::string>{"abc"});
  ASSERT_TRUE(after[0].ok()) << after[0].message;
  EXPECT_EQ(after[0].value, 3);
}
