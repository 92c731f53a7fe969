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
#include <vector>

using cdd::mp::Buffer;
using cdd::mp::Queue;
using cdd::mp::SharedMemory;

// The child side of each method: answer until an empty message says stop.
// Returns how many round trips it answered.
long long echo_copy(std::pair<Queue, Queue> queues) {
  auto& [in, out] = queues;
  long long answered = 0;
  for (cdd::mp::Bytes message; !(message = in.get_bytes()).empty(); ++answered) out.put_bytes(message);
  return answered;
}
CDD_MP_TASK(echo_copy);

long long echo_transfer(std::pair<Queue, Queue> queues) {
  auto& [in, out] = queues;
  long long answered = 0;
  for (Buffer buffer; !(buffer = in.get_buffer()).empty(); ++answered) out.put_buffer(std::move(buffer));
  return answered;
}
CDD_MP_TASK(echo_transfer);

// Word 0: the parent's request number (-1: stop); word 1: the child's answer.
long long echo_shared(SharedMemory memory) {
  long long answered = 0;
  for (long long last = 0;;) {
    long long request;
    while ((request = memory.load(0)) == last) memory.wait(0, request);
    if (request < 0) return answered;
    memory.store(1, request);
    memory.notify_all(1);
    last = request;
    ++answered;
  }
}
CDD_MP_TASK(echo_shared);

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

// The three children, one per way, alive side by side so that the ways can
// take turns (cdd::medians_ms_in_turns): timed one way after the other, a
// busy moment of the machine could fall on all of one way's samples. (It did:
// at 1 KB the three ways came out up to 3.7x apart in Chromium.)
class Echoes {
 public:
  explicit Echoes(long long max_size) : sharing_(cdd::mp::shared_memory_available(&no_sharing_)) {
    if (!sharing_) return;
    memory_.emplace(SharedMemory::create("payload", 16 + static_cast<std::size_t>(max_size)));
    shared_child_.emplace("echo_shared", SharedMemory::attach("payload"));
  }

  // Starts the children, with one untimed round trip each: they are up (in a
  // browser, a new Web Worker has loaded the program) before any clock starts.
  void start() {
    copy_child_.start();
    transfer_child_.start();
    copy_there_.put_bytes(cdd::mp::Bytes(1, 7));
    copy_back_.get_bytes();
    transfer_there_.put_buffer(Buffer(1));
    transfer_back_.get_buffer();
    if (!sharing_) return;
    shared_child_->start();
    shared_trip();
  }

  const char* no_sharing() const { return sharing_ ? nullptr : no_sharing_.c_str(); }

  // One round trip per way at `size` bytes (copy, transfer, and shared if
  // available), its data put in place before any clock starts.
  std::vector<std::function<void()>> ways_at(long long size) {
    message_.assign(static_cast<std::size_t>(size), 7);
    buffer_ = Buffer(static_cast<std::size_t>(size));
    buffer_.write(0, message_.data(), message_.size());
    std::vector<std::function<void()>> ways = {
        [this] {
          copy_there_.put_bytes(message_);
          message_ = copy_back_.get_bytes();
        },
        [this] {
          transfer_there_.put_buffer(std::move(buffer_));
          buffer_ = transfer_back_.get_buffer();
        }};
    if (sharing_) {
      memory_->write(16, message_.data(), message_.size());
      ways.push_back([this] { shared_trip(); });
    }
    return ways;
  }

  // The "after_send" table (one more round trip each), then every child told to stop and joined.
  void show_after_send_and_stop(long long size) {
    cdd::table_columns("after_send", {"method", "after sending, the sender has", "the echo comes back as"});
    show_copy_leaves_the_message(copy_there_, copy_back_, size);
    show_transfer_moves_the_buffer(transfer_there_, transfer_back_, size);
    copy_there_.put_bytes({});  // stop
    transfer_there_.put_bytes({});
    if (sharing_) {
      memory_->store(0, -1);
      memory_->notify_all(0);
    }
    report_failure("copy", copy_child_);
    report_failure("transfer", transfer_child_);
    if (sharing_) report_failure("shared", *shared_child_);
  }

 private:
  void shared_trip() {
    memory_->store(0, ++request_);
    memory_->notify_all(0);
    for (long long seen; (seen = memory_->load(1)) != request_;) memory_->wait(1, seen);
  }
  static void report_failure(const char* way, cdd::mp::Process& child) {
    if (!child.join().ok()) std::printf("%s child: %s\n", way, child.outcome().describe().c_str());
  }

  Queue copy_there_{1 << 20}, copy_back_{1 << 20};
  cdd::mp::Process copy_child_{"echo_copy", std::make_pair(copy_there_, copy_back_)};
  Queue transfer_there_, transfer_back_;
  cdd::mp::Process transfer_child_{"echo_transfer", std::make_pair(transfer_there_, transfer_back_)};
  std::string no_sharing_;
  bool sharing_;
  std::optional<SharedMemory> memory_;
  std::optional<cdd::mp::Process> shared_child_;
  long long request_ = 0;  // the shared way's last request number
  cdd::mp::Bytes message_;
  Buffer buffer_;
};

struct Measured {
  const char* way;
  long long size;
  double ms;
};

// Every way's round trip at every size, way by way (the order they are printed in).
std::vector<Measured> measure(Echoes& echoes, const std::vector<long long>& sizes, int reps) {
  const char* names[] = {"copy", "transfer", "shared"};
  std::vector<Measured> measured;
  for (long long size : sizes) {
    // Small messages are cheap and noisy: more repetitions, the same for all ways.
    int repetitions = size <= (1 << 20) ? reps * 10 : reps;
    std::vector<double> ms = cdd::medians_ms_in_turns(repetitions, echoes.ways_at(size));
    for (std::size_t way = 0; way < ms.size(); ++way) measured.push_back({names[way], size, ms[way]});
  }
  auto rank = [&](const Measured& m) { return std::find(std::begin(names), std::end(names), std::string(m.way)) - std::begin(names); };
  std::stable_sort(measured.begin(), measured.end(), [&](const Measured& a, const Measured& b) { return rank(a) < rank(b); });
  return measured;
}

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long min_size = args.integer("min_size", 1024, 1, 1 << 30);
  long long max_size = args.integer("max_size", 64 << 20, 1, 1 << 30);
  int reps = static_cast<int>(args.integer("reps", 5, 1, 1000));
  if (min_size > max_size) args.error("min_size must not be larger than max_size");
  // The parent's message, the child's copy, the transferred buffer and the shared block.
  args.require_memory(4.0 * static_cast<double>(max_size), "messages of max_size bytes");
  if (!args.ok()) return args.fail();
  std::string why;
  if (!cdd::mp::processes_available(&why)) {
    std::fprintf(stderr, "error: %s\n", why.c_str());
    return 1;
  }

  std::vector<long long> sizes;
  for (long long s = min_size; s <= max_size; s *= 4) sizes.push_back(s);
  Echoes echoes(max_size);
  echoes.start();
  if (echoes.no_sharing()) std::printf("shared: not measured: %s\n", echoes.no_sharing());
  // The round trips are shown once all are measured: in a browser, drawing
  // printed rows and chart points keeps a core busy for a while, and a small
  // message's round trip measured meanwhile (a wake-up of the other side)
  // would wait for that core.
  std::vector<Measured> measured = measure(echoes, sizes, reps);
  echoes.show_after_send_and_stop(sizes.back());

  cdd::chart("round_trip", "Round trip of one message", "message size (bytes)", "time (ms)", cdd::Scale::log_log);
  std::printf("%12s %10s %14s %14s\n", "size", "method", "round trip ms", "throughput MB/s");
  double copy_last = 0, transfer_last = 0;
  for (const Measured& m : measured) {
    double mb_per_s = 2.0 * static_cast<double>(m.size) / 1e6 / (m.ms / 1e3);  // there and back
    std::printf("%12lld %10s %14.4f %14.1f\n", m.size, m.way, m.ms, mb_per_s);
    cdd::report(m.way, static_cast<double>(m.size), m.ms, "ms");
    if (m.size == sizes.back() && std::string(m.way) == "copy") copy_last = m.ms;
    if (m.size == sizes.back() && std::string(m.way) == "transfer") transfer_last = m.ms;
  }
  std::printf("\nAt %lld bytes a transfer took %.4f ms and a copy %.4f ms: %.0fx faster.\n", sizes.back(),
              transfer_last, copy_last, copy_last / transfer_last);
  return 0;
}
