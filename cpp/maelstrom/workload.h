// What a workload is to the harness: which requests its clients send, how a
// reply is judged, and the verdict at the end. Pure: no I/O, no clock (times
// are given), randomness only from the Rng the harness passes in.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "envelope.h"
#include "random.h"
#include "router.h"

namespace maelstrom {

enum class Outcome { ok, fail, info };  // Jepsen's: took effect, did not, may have

// A request in flight from a client to a node.
struct Call {
  long long msg_id = 0;
  std::string client;      // "c0" for init/setup/final requests, c1.. for the workload's ops
  long long process = 0;   // Jepsen process: a client becomes a new process after an info
  int node = 0;
  long long op = 0;        // 1-based index of a workload operation; 0 for the others
  Json body;
  Time invoke = 0;
};

// Facts about the whole run that a verdict may quote.
struct RunFacts {
  long long ops = 0;  // workload operations invoked
  NetworkCounts network;
  int nodes = 0;
};

struct Verdict {
  enum class Kind { valid, invalid, unknown } kind = Kind::valid;
  std::string sentence;             // why (invalid/unknown), or a one-line confirmation
  std::vector<std::string> stats;   // extra summary lines
};

using Targeted = std::pair<int, Json>;  // a request body for one node

class Workload {
 public:
  virtual ~Workload() = default;
  virtual const char* name() const = 0;
  // Sent (from c0) to the nodes once every node answered init; each must be
  // answered with "<type>_ok" before operations start.
  virtual std::vector<Targeted> setup(int /*nodes*/) { return {}; }
  // The body of operation `op` (1-based); its fields drawn from `rng`, which
  // the harness seeds from (seed, op), so op k is the same in every run.
  virtual Json next_op(long long op, kv::Rng& rng) = 0;
  virtual void invoked(const Call& /*call*/) {}
  // An operation's end: reply is null when there was none (timeout, node down).
  virtual Outcome completed(const Call& call, const Json* reply, Time now) = 0;
  // After the operations (and a settle period): requests to the nodes, in
  // rounds, until final_satisfied() or the convergence deadline.
  virtual bool has_final_reads() const { return false; }
  virtual std::vector<Targeted> final_round(int /*nodes*/) { return {}; }
  virtual void final_reply(const Call& /*call*/, const Json* /*reply*/) {}
  virtual bool final_satisfied() const { return true; }
  virtual Verdict verdict(const RunFacts& facts) = 0;
};

struct WorkloadOptions {
  std::string name;              // echo | broadcast | lin-kv
  std::uint64_t seed = 1;
  std::string topology = "grid";  // broadcast: ring | grid
  int keys = 3;                   // lin-kv
  int values = 5;                 // lin-kv: values 0..values-1
};

// nullptr for an unknown name.
std::unique_ptr<Workload> make_workload(const WorkloadOptions& options);

// The error codes Maelstrom calls definite: the request certainly took no effect.
bool is_definite_error(long long code);

}  // namespace maelstrom
