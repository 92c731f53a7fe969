// The simulated network between nodes: latency, loss, duplication, extra
// delay that reorders messages, and partitions (one-way or both ways).
//
// It only decides the fate of each message; the simulator owns the clock.
#pragma once

#include <string>
#include <vector>

#include "message.h"
#include "random.h"

namespace kv {

struct Latency {
  enum class Kind { constant, uniform, exponential } kind = Kind::uniform;
  Time a = 1 * kMillisecond;  // constant: the delay; uniform: minimum; exponential: mean
  Time b = 5 * kMillisecond;  // uniform: maximum
  Time sample(Rng& rng) const;
  std::string describe() const;
  // "constant:2ms", "uniform:1ms:5ms", "exponential:3ms" (units ns, us, ms, s).
  static bool parse(const std::string& text, Latency& out, std::string& error);
};

class Network {
 public:
  explicit Network(int nodes = 0) { reset(nodes); }
  void reset(int nodes);

  // Faults.
  void block(int from, int to) { blocked_[from * nodes_ + to] = true; }
  void unblock_all();
  bool blocked(int from, int to) const { return blocked_[from * nodes_ + to]; }
  // Nodes in `side` cannot talk to the others, in either direction.
  void split(const std::vector<int>& side);
  double drop_rate = 0;
  double duplicate_rate = 0;
  Time reorder_delay = 0;  // extra uniform delay in [0, reorder_delay): later messages overtake earlier ones
  Latency latency;

  // Delays for copies of a node-to-node message: none (dropped), one, or two (duplicated).
  // `dropped_by_partition` tells the caller why an empty answer was empty.
  int route(int from, int to, Rng& rng, Time delays[2], bool& dropped_by_partition) const;
  // Client links only have latency (Maelstrom's clients are not partitioned).
  Time client_delay(Rng& rng) const { return latency.sample(rng); }

 private:
  int nodes_ = 0;
  std::vector<bool> blocked_;
};

}  // namespace kv
