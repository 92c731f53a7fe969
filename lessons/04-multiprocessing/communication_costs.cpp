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
  // Small messages are cheap and noisy: more repetitions, the same for all methods.
  auto reps_for = [&](long long size) { return size <= (1 << 20) ? reps * 10 : reps; };

  cdd::chart("round_trip", "Round trip of one message", "message size (bytes)", "time (ms)", cdd::Scale::log_log);
  // The round trips are shown once all are measured: in a browser, drawing
  // printed rows and chart points keeps a core busy for a while, and a small
  // message's round trip measured meanwhile (a wake-up of the other side)
  // would wait for that core.
  struct Measured {
    const char* method;
    long long size;
    double ms;
  };
  std::vector<Measured> measured;
  auto show = [&](const char* method, long long size, double ms) { measured.push_back({method, size, ms}); };

  std::vector<double> copy_ms, transfer_ms;
  cdd::table_columns("after_send", {"method", "after sending, the sender has", "the echo comes back as"});
  {
    Queue there(1 << 20), back(1 << 20);
    cdd::mp::Process child("echo_copy", std::make_pair(there, back));
    child.start();
    // One untimed round trip: the child is up (in a browser, a new Web Worker
    // has loaded the program) before any clock starts.
    there.put_bytes(cdd::mp::Bytes(1, 7));
    back.get_bytes();
    for (long long size : sizes) {
      cdd::mp::Bytes message(static_cast<std::size_t>(size), 7);
      double ms = cdd::median_ms(reps_for(size), [&] {
        there.put_bytes(message);
        message = back.get_bytes();
      });
      copy_ms.push_back(ms);
      show("copy", size, ms);
    }
    show_copy_leaves_the_message(there, back, sizes.back());
    there.put_bytes({});  // stop
    if (!child.join().ok()) std::printf("copy child: %s\n", child.outcome().describe().c_str());
  }
  {
    Queue there, back;
    cdd::mp::Process child("echo_transfer", std::make_pair(there, back));
    child.start();
    there.put_buffer(Buffer(1));  // untimed: the child is up before any clock starts
    back.get_buffer();
    for (long long size : sizes) {
      Buffer buffer(static_cast<std::size_t>(size));
      std::vector<char> fill(static_cast<std::size_t>(size), 7);
      buffer.write(0, fill.data(), fill.size());
      double ms = cdd::median_ms(reps_for(size), [&] {
        there.put_buffer(std::move(buffer));
        buffer = back.get_buffer();
      });
      transfer_ms.push_back(ms);
      show("transfer", size, ms);
    }
    show_transfer_moves_the_buffer(there, back, sizes.back());
    there.put_bytes({});  // stop
    if (!child.join().ok()) std::printf("transfer child: %s\n", child.outcome().describe().c_str());
  }
  if (std::string no_sharing; !cdd::mp::shared_memory_available(&no_sharing)) {
    std::printf("shared: not measured: %s\n", no_sharing.c_str());
  } else {
    SharedMemory memory = SharedMemory::create("payload", 16 + static_cast<std::size_t>(max_size));
    cdd::mp::Process child("echo_shared", SharedMemory::attach("payload"));
    child.start();
    long long request = 0;
    auto round_trip = [&] {
      memory.store(0, ++request);
      memory.notify_all(0);
      for (long long seen; (seen = memory.load(1)) != request;) memory.wait(1, seen);
    };
    round_trip();  // untimed: the child is up before any clock starts
    for (long long size : sizes) {
      std::vector<char> fill(static_cast<std::size_t>(size), 7);
      memory.write(16, fill.data(), fill.size());  // the data is in place before the clock starts
      double ms = cdd::median_ms(reps_for(size), round_trip);
      show("shared", size, ms);
    }
    memory.store(0, -1);  // stop
    memory.notify_all(0);
    if (!child.join().ok()) std::printf("shared child: %s\n", child.outcome().describe().c_str());
  }
  std::printf("%12s %10s %14s %14s\n", "size", "method", "round trip ms", "throughput MB/s");
  for (const Measured& m : measured) {
    double mb_per_s = 2.0 * static_cast<double>(m.size) / 1e6 / (m.ms / 1e3);  // there and back
    std::printf("%12lld %10s %14.4f %14.1f\n", m.size, m.method, m.ms, mb_per_s);
    cdd::report(m.method, static_cast<double>(m.size), m.ms, "ms");
  }
  std::printf("\nAt %lld bytes a transfer took %.4f ms and a copy %.4f ms: %.0fx faster.\n", sizes.back(),
              transfer_ms.back(), copy_ms.back(), copy_ms.back() / transfer_ms.back());
  return 0;
}
