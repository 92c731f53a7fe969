// The harness's core: a seeded state machine that initialises the nodes, runs
// a workload's clients against them, routes node-to-node messages through the
// Router (with the partition nemesis) and judges the run. Pure: the shell
// (process_cluster.h) feeds it lines, node exits and the time, and writes the
// lines it puts in the outbox to the nodes' stdin.
//
// Which operation op k is (its node, key, value) depends only on the seed and
// k; which client sends it is the lowest-numbered free one. The partition is
// by operation index: node `isolate` is cut off from the other nodes from the
// invoke of op from_op until op to_op + 1 is invoked (or the ops end).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "router.h"
#include "workload.h"

namespace maelstrom {

struct HarnessOptions {
  int nodes = 1;
  long long ops = 100;
  int clients = 0;  // 0: two per node, at least two
  std::uint64_t seed = 1;
  Time op_timeout = 5000 * kMs;    // a hang guard, not a verdict: a late op is info
  Time init_timeout = 5000 * kMs;
  Time settle = 200 * kMs;         // broadcast: wait before each round of final reads
  Time converge = 5000 * kMs;      // broadcast: final reads repeat until this long after the ops
  Time time_limit = 120000 * kMs;
  Time backoff = 50 * kMs;         // a client whose op got error 11 or no definite answer waits this long (e.g. no Raft leader yet)
  int isolate = -1;                // node index; -1: no partition
  long long from_op = 0, to_op = 0;
};

struct Delivery {
  int node;
  std::string line;  // without the newline
};

struct Summary {
  Verdict verdict;
  long long ops = 0, ok = 0, fail = 0, info = 0;
  NetworkCounts network;
  double msgs_per_op = 0;            // node-to-node messages / ops
  Time latency_median = 0, latency_max = 0;  // of ok operations
  std::vector<std::string> problems; // named nodes: crashed, no init, rejected lines, ...
  std::vector<std::string> notes;    // informative: timeouts per node, late replies
};

class Harness {
 public:
  Harness(HarnessOptions options, std::unique_ptr<Workload> workload);

  void start(Time now);
  void on_line(int node, const std::string& line, Time now);
  void on_exit(int node, const std::string& how, Time now);
  void on_tick(Time now);
  Time next_wakeup() const;  // when on_tick has something to do
  bool done() const { return phase_ == Phase::done; }
  std::vector<Delivery> take_outbox() { return std::exchange(outbox_, {}); }
  Summary summary();  // once done
  const Workload& workload() const { return *workload_; }
  const Router& router() const { return router_; }

 private:
  enum class Phase { init, setup, ops, settle, final_reads, done };
  struct Client {
    bool busy = false;
    long long process = 0;
    Time ready_at = 0;  // backing off until then
  };

  HarnessOptions o_;
  std::unique_ptr<Workload> workload_;
  Router router_;
  Phase phase_ = Phase::init;
  std::vector<Delivery> outbox_;
  std::map<long long, Call> pending_;  // msg_id -> call
  std::vector<Client> clients_;
  std::vector<bool> initialised_;
  long long next_msg_id_ = 1, next_process_ = 0, invoked_ = 0;
  long long ok_ = 0, fail_ = 0, info_ = 0, late_replies_ = 0;
  Time start_ = 0, phase_deadline_ = 0, ops_end_ = 0;
  std::vector<Time> latencies_;
  std::vector<long long> timeouts_;  // per node
  std::vector<std::string> problems_;
  long long rejected_reported_ = 0;

  void send(const std::string& client, int node, Json body, long long op, Time now);
  void reply_to_client(const Envelope& e, Time now);
  void finish_call(Call call, const Json* reply, Time now);
  void finish_op(const Call& call, const Json* reply, Time now);
  void enter(Phase phase, Time now);
  void fill_clients(Time now);
  void invoke_op(int client, Time now);
  void update_partition();
  void end_of_round(Time now);
  void problem(std::string text) { problems_.push_back(std::move(text)); }
  void note_route(int from, const RouteResult& r, const std::string& line);
  bool calls_pending(bool ops) const;
};

const char* verdict_name(Verdict::Kind kind);

}  // namespace maelstrom
