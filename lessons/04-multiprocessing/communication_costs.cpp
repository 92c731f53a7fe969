// What does it cost to get data from one process to another?
//
// A child echoes every message straight back, so each measurement is a round
// trip, for sizes from 1 KB up to max_size, three ways:
//   copy      the bytes are written into a Queue and copied out on the other
//             side (an OS pipe natively, a ring buffer in shared memory in a
//             browser), once each way: the time grows with the size;
//   transfer  a Buffer changes owner: only its address travels, so 64 MB
//             costs what 1 KB costs;
//   shared    the data already sits in a SharedMemory block both processes
//             see; a round trip is a signal and its answer, and no byte moves.
// A last, untimed round trip at the largest size shows what a copy and a
// transfer leave with the sender (table "after_send").
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/report.h>
#include <cdd/timing.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using cdd::mp::Buffer;
using cdd::mp::Queue;
using cdd::mp::SharedMemory;

// The three ways, in the order the program times them.
enum Way : int { kCopy, kTransfer, kShared };
const char* const kWayNames[] = {"copy", "transfer", "shared"};

// Before every batch of round trips the parent sends the child an order:
// which way, and how many. An order of 0 round trips says stop.
using Order = std::pair<int, long long>;

// The shared way's signal. Word 0: the parent's request number; word 1: the
// child's answer. Returns the request answered.
long long answer_signal(SharedMemory& memory, long long last) {
  long long request;
  while ((request = memory.load(0)) == last) memory.wait(0, request);
  memory.store(1, request);
  memory.notify_all(1);
  return request;
}

// The child answers every way, so all three are timed on the same two
// processes. That matters for small messages: there a round trip is mostly
// the time to wake the other side, and that time depends on where the
// operating system has put the two processes (on one core, or on two) more
// than on the way. Returns how many round trips it answered.
long long echo(std::tuple<Queue, Queue, Queue> queues) {
  auto& [orders, there, back] = queues;
  std::optional<SharedMemory> memory;  // attached at the first shared order
  long long answered = 0;
  for (long long last_request = 0;;) {
    auto [way, count] = orders.get<Order>();
    if (count == 0) return answered;
    if (way == kShared && !memory) memory = SharedMemory::attach("payload");
    for (long long i = 0; i < count; ++i) {
      if (way == kCopy) back.put_bytes(there.get_bytes());
      else if (way == kTransfer) back.put_buffer(there.get_buffer());
      else last_request = answer_signal(*memory, last_request);
    }
    answered += count;
  }
}
CDD_MP_TASK(echo);

// One more copy round trip, untimed: the sender's message is still all there.
void show_copy_leaves_the_message(Queue& there, Queue& back, long long size) {
  cdd::mp::Bytes message(static_cast<std::size_t>(size), 7);
  there.put_bytes(message);
  bool intact = message.size() == static_cast<std::size_t>(size) &&
                std::all_of(message.begin(), message.end(), [](std::uint8_t b) { return b == 7; });
  cdd::mp::Bytes echo = back.get_bytes();
  bool same_bytes = echo == message;
  cdd::table_row("after_send", {"copy", intact ? "its " + cdd::human_bytes(static_cast<double>(size)) + " message, unchanged" : "a changed message",
                                same_bytes ? "a second copy of the bytes" : "different bytes"});
}

// One more transfer round trip, untimed: the sender's Buffer is empty until
// the very same block comes back.
void show_transfer_moves_the_buffer(Queue& there, Queue& back, long long size) {
  Buffer buffer(static_cast<std::size_t>(size));
  cdd::mp::Offset block = buffer.offset_for_transfer();  // where its bytes sit in the shared arena
  there.put_buffer(std::move(buffer));
  std::string sender = buffer.empty() ? "an empty Buffer" : "a Buffer of " + std::to_string(buffer.size()) + " bytes";
  Buffer echo = back.get_buffer();
  bool same_block = echo.offset_for_transfer() == block && echo.size() == static_cast<std::size_t>(size);
  cdd::table_row("after_send", {"transfer", sender, same_block ? "the same block of memory" : "another block"});
}

// The parent's end of the three ways.
struct Parent {
  Queue orders, there, back;
  std::optional<SharedMemory> memory;  // none where processes cannot share memory
  long long request = 0;

  void order(Way way, long long round_trips) { orders.put(Order{way, round_trips}); }
  void shared_round_trip() {
    memory->store(0, ++request);
    memory->notify_all(0);
    for (long long seen; (seen = memory->load(1)) != request;) memory->wait(1, seen);
  }
};

// The median round trip of each way at one size, in ms. The ways take turns,
// batch by batch, so that whatever changes meanwhile (the two processes
// moving between cores, the machine doing something else) lands on all three.
std::vector<double> round_trips_at(Parent& parent, long long size, int reps) {
  cdd::mp::Bytes message(static_cast<std::size_t>(size), 7);
  Buffer buffer(static_cast<std::size_t>(size));
  buffer.write(0, message.data(), message.size());
  if (parent.memory) parent.memory->write(16, message.data(), message.size());  // in place before any clock starts
  // The order goes out before the clock starts; the child's waking up for it
  // then stands in for its waking up for the first message.
  auto batch_of = [&parent](Way way, auto round_trip) {
    return [&parent, way, round_trip](long long n) mutable {
      parent.order(way, n);
      return cdd::time_calls(n, round_trip);
    };
  };
  std::vector<std::function<double(long long)>> ways = {
      batch_of(kCopy, [&] {
        parent.there.put_bytes(message);
        message = parent.back.get_bytes();
      }),
      batch_of(kTransfer, [&] {
        parent.there.put_buffer(std::move(buffer));
        buffer = parent.back.get_buffer();
      })};
  if (parent.memory) ways.push_back(batch_of(kShared, [&] { parent.shared_round_trip(); }));
  return cdd::medians_ms_in_turns(reps, ways);
}

// The round trips are shown once all are measured: in a browser, drawing
// printed rows and chart points keeps a core busy for a while, and a small
// message's round trip measured meanwhile (a wake-up of the other side)
// would wait for that core. ms[i][way]: at sizes[i].
void show_round_trips(const std::vector<long long>& sizes, const std::vector<std::vector<double>>& ms) {
  std::printf("%12s %10s %14s %14s\n", "size", "method", "round trip ms", "throughput MB/s");
  for (std::size_t way = 0; way < ms.front().size(); ++way) {
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      double mb_per_s = 2.0 * static_cast<double>(sizes[i]) / 1e6 / (ms[i][way] / 1e3);  // there and back
      std::printf("%12lld %10s %14.4f %14.1f\n", sizes[i], kWayNames[way], ms[i][way], mb_per_s);
      cdd::report(kWayNames[way], static_cast<double>(sizes[i]), ms[i][way], "ms");
    }
  }
  const std::vector<double>& largest = ms.back();
  std::printf("\nAt %lld bytes a transfer took %.4f ms and a copy %.4f ms: %.0fx faster.\n", sizes.back(),
              largest[kTransfer], largest[kCopy], largest[kCopy] / largest[kTransfer]);
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long min_size = args.integer("min_size", 1024, 1, 1 << 30);
  long long max_size = args.integer("max_size", 64 << 20, 1, 1 << 30);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 1000));
  if (min_size > max_size) args.error("min_size must not be larger than max_size");
  // The parent's message and its echo, the transferred buffer and the shared block.
  args.require_memory(4.0 * static_cast<double>(max_size), "messages of max_size bytes");
  if (!args.ok()) return args.fail();
  std::string why;
  if (!cdd::mp::processes_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }

  std::vector<long long> sizes;
  for (long long s = min_size; s <= max_size; s *= 4) sizes.push_back(s);
  // Small messages are cheap and noisy: more repetitions, the same for all methods.
  auto reps_for = [&](long long size) { return size <= (1 << 20) ? reps * 10 : reps; };
  cdd::chart("round_trip", "Round trip of one message", "message size (bytes)", "time (ms)", cdd::Scale::log_log);
  cdd::table_columns("after_send", {"method", "after sending, the sender has", "the echo comes back as"});

  Parent parent{Queue(), Queue(1 << 20), Queue(1 << 20), std::nullopt};
  std::string no_sharing;
  if (cdd::mp::shared_memory_available(&no_sharing))
    parent.memory = SharedMemory::create("payload", 16 + static_cast<std::size_t>(max_size));
  cdd::mp::Process child("echo", std::make_tuple(parent.orders, parent.there, parent.back));
  child.start();
  // One untimed round trip: the child is up (in a browser, a new Web Worker
  // has loaded the program) before any clock starts.
  parent.order(kCopy, 1);
  parent.there.put_bytes(cdd::mp::Bytes(1, 7));
  parent.back.get_bytes();

  std::vector<std::vector<double>> ms;
  for (long long size : sizes) ms.push_back(round_trips_at(parent, size, reps_for(size)));
  parent.order(kCopy, 1);
  show_copy_leaves_the_message(parent.there, parent.back, sizes.back());
  parent.order(kTransfer, 1);
  show_transfer_moves_the_buffer(parent.there, parent.back, sizes.back());
  parent.order(kCopy, 0);  // stop
  if (!child.join().ok()) std::printf("child: %s\n", child.outcome().describe().c_str());
  if (!parent.memory) std::printf("shared: not measured: %s\n", no_sharing.c_str());
  show_round_trips(sizes, ms);
  return 0;
}
