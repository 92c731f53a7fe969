// Native benchmark of the key-value engine: the linearizability checker on
// 10,000-operation histories and the simulator's delivered messages per second
// for a 5-node Raft cluster. Prints medians, and one JSON line at the end
// (`{"bench":"kv", ...}`) that tools/bench/kv/kv-bench.mjs compares with wasm.
//
//   kv_bench [reps=7]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "history_generator.h"
#include "linearizability.h"
#include "simulator.h"

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

kv::SimOptions raft_options(int ops, bool faults) {
  kv::SimOptions o;
  o.protocol = "raft";
  o.nodes = 5;
  o.seed = 42;
  o.ops = ops;
  if (faults) {
    std::string error;
    kv::Nemesis::parse("all", o.nemesis, error);
  }
  return o;
}

// Median milliseconds to parse and check `text` (what kvcheck and the wasm binding do).
double time_check(const std::string& text, int reps, std::string& verdict, size_t& operations) {
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) {
    const double t0 = now_ms();
    kv::History h;
    kv::HistoryError error;
    std::vector<kv::Operation> ops;
    if (!kv::parse_history(text, h, error) || !kv::pair_operations(h, ops, error)) {
      std::fprintf(stderr, "bad history: line %zu: %s\n", error.line, error.message.c_str());
      std::exit(1);
    }
    const kv::CheckResult result = kv::check_operations(ops);
    times.push_back(now_ms() - t0);
    verdict = result.verdict == kv::CheckResult::Verdict::linearizable ? "linearizable" : "NOT linearizable";
    operations = result.operations;
  }
  return median(times);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 7;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("reps=", 0) == 0) reps = std::max(1, std::min(100, std::atoi(a.c_str() + 5)));
    else {
      std::fprintf(stderr, "usage: kv_bench [reps=7]\n");
      return 2;
    }
  }

  // 1. Checker on a generated 10,000-operation history (3 keys, 10 processes, 2% info).
  kv::GeneratorOptions g;
  g.ops = 10'000;
  g.seed = 1;
  const std::string generated = kv::to_jsonl(kv::generate_linearizable_history(g));
  std::string verdict;
  size_t operations = 0;
  const double check_generated = time_check(generated, reps, verdict, operations);
  std::printf("checker, generated 10,000-op history: %.1f ms (median of %d; %zu ops checked, %s)\n", check_generated,
              reps, operations, verdict.c_str());
  {
    // How much of that is the search itself (the history already parsed and paired)?
    kv::History h;
    kv::HistoryError error;
    std::vector<kv::Operation> ops;
    kv::parse_history(generated, h, error);
    kv::pair_operations(h, ops, error);
    std::vector<double> times;
    for (int r = 0; r < reps; ++r) {
      const double t0 = now_ms();
      kv::check_operations(ops);
      times.push_back(now_ms() - t0);
    }
    std::printf("  of which the search alone: %.1f ms\n", median(times));
  }

  // 2. Checker on a 10,000-operation history of a 5-node Raft run with every fault.
  kv::Simulator recorded(raft_options(10'000, true));
  recorded.run();
  const std::string raft_history = kv::to_jsonl(recorded.history());
  const double check_raft = time_check(raft_history, reps, verdict, operations);
  std::printf("checker, Raft 10,000-op history with faults: %.1f ms (median of %d; %zu ops checked, %s)\n",
              check_raft, reps, operations, verdict.c_str());

  // 3. Simulator throughput: delivered messages per second of wall time.
  auto throughput = [&](bool faults, std::uint64_t& delivered) {
    std::vector<double> rates;
    for (int r = 0; r < reps; ++r) {
      kv::Simulator sim(raft_options(20'000, faults));
      const double t0 = now_ms();
      sim.run();
      const double ms = now_ms() - t0;
      delivered = sim.stats().delivered;
      rates.push_back(static_cast<double>(delivered) / (ms / 1000.0));
    }
    return median(rates);
  };
  std::uint64_t delivered_clean = 0, delivered_faults = 0;
  const double rate_clean = throughput(false, delivered_clean);
  const double rate_faults = throughput(true, delivered_faults);
  std::printf("simulator, 5-node Raft, 20,000 ops, no faults: %.0f delivered messages/s (%llu messages)\n", rate_clean,
              static_cast<unsigned long long>(delivered_clean));
  std::printf("simulator, 5-node Raft, 20,000 ops, all faults: %.0f delivered messages/s (%llu messages)\n",
              rate_faults, static_cast<unsigned long long>(delivered_faults));

  std::printf(
      "{\"bench\":\"kv\",\"reps\":%d,\"check_generated_ms\":%.3f,\"check_raft_ms\":%.3f,"
      "\"sim_msgs_per_s\":%.0f,\"sim_faults_msgs_per_s\":%.0f}\n",
      reps, check_generated, check_raft, rate_clean, rate_faults);
  return 0;
}
