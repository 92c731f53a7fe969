// kvsim: runs a simulated cluster, records the history, checks it.
//
//   kvsim --protocol raft --nodes 5 --seed 42 --ops 2000 
//         --nemesis partition,crash,drop,dup,reorder --history out.jsonl [--trace msgs.jsonl]
//         [--faults script.json]   (a JSON list of fault steps, see fault_script.h)
//   kvsim --protocol raft --nemesis all --sweep 1000     (seeds 1..1000, one line each + a summary)
//
// Exit status: 0 linearizable (every seed, when sweeping), 1 a violation, 2 bad arguments.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

#include "node_factory.h"
#include "sweep.h"
#include "trace.h"

namespace {

const char* kUsage =
    "usage: kvsim [--protocol single|primary-backup|primary-backup-sync|quorum|raft] [--nodes N]\n"
    "             [--seed S] [--ops N] [--clients N] [--keys N]\n"
    "             [--nemesis partition,crash,drop,dup,reorder|all|none]\n"
    "             [--latency uniform:1ms:5ms|constant:2ms|exponential:3ms]\n"
    "             [--nemesis-interval-ms T] [--client-timeout-ms T]\n"
    "             [--replicas N --r R --w W] (quorum) [--history FILE] [--trace FILE]\n"
    "             [--faults FILE] (a JSON list of fault steps, e.g. [{\"at\":1000,\"do\":\"crash\",\"node\":\"leader\"}])\n"
    "             [--sweep SEEDS] [--first-seed S] [--verbose]\n";

bool parse_int(const std::string& text, long long lo, long long hi, long long& out) {
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno || end == text.c_str() || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

int bad(const std::string& message) {
  std::cerr << "kvsim: " << message << "\n" << kUsage;
  return 2;
}

// The fault script in `path`, checked against the cluster's node count; false with `error` if unusable.
bool read_faults(const std::string& path, kv::SimOptions& options, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  const nlohmann::json steps = nlohmann::json::parse(in, nullptr, false);
  if (steps.is_discarded()) {
    error = path + " is not valid JSON";
    return false;
  }
  if (!kv::parse_fault_script(steps, options.nodes, options.faults, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  kv::SimOptions options;
  std::string history_path, trace_path, faults_path;
  long long sweep_count = 0, first_seed = 1;
  bool verbose = false;
  options.nemesis = kv::Nemesis{};

  std::map<std::string, std::string> values;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--verbose") {
      verbose = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || i + 1 >= argc) return bad("expected --option value, got '" + arg + "'");
    values[arg.substr(2)] = argv[++i];
  }
  for (const auto& [name, value] : values) {
    long long n = 0;
    std::string error;
    if (name == "protocol") {
      options.protocol = value;
      bool known = false;
      for (const auto& p : kv::protocol_names()) known |= p == value;
      if (!known) return bad("unknown protocol '" + value + "'");
    } else if (name == "nodes") {
      if (!parse_int(value, 1, 64, n)) return bad("--nodes must be 1..64");
      options.nodes = static_cast<int>(n);
    } else if (name == "seed") {
      if (!parse_int(value, 0, 1LL << 62, n)) return bad("--seed must be a non-negative integer");
      options.seed = static_cast<std::uint64_t>(n);
    } else if (name == "ops") {
      if (!parse_int(value, 0, 10'000'000, n)) return bad("--ops must be 0..10000000");
      options.ops = static_cast<int>(n);
    } else if (name == "clients") {
      if (!parse_int(value, 1, 1000, n)) return bad("--clients must be 1..1000");
      options.clients = static_cast<int>(n);
    } else if (name == "keys") {
      if (!parse_int(value, 1, 1000, n)) return bad("--keys must be 1..1000");
      options.keys = static_cast<int>(n);
    } else if (name == "nemesis") {
      if (!kv::Nemesis::parse(value, options.nemesis, error)) return bad(error);
    } else if (name == "latency") {
      if (!kv::Latency::parse(value, options.latency, error)) return bad(error);
    } else if (name == "replicas") {
      if (!parse_int(value, 1, 64, n)) return bad("--replicas must be 1..64");
      options.node.replicas = static_cast<int>(n);
    } else if (name == "r") {
      if (!parse_int(value, 1, 64, n)) return bad("--r must be 1..64");
      options.node.read_quorum = static_cast<int>(n);
    } else if (name == "w") {
      if (!parse_int(value, 1, 64, n)) return bad("--w must be 1..64");
      options.node.write_quorum = static_cast<int>(n);
    } else if (name == "nemesis-interval-ms") {
      if (!parse_int(value, 10, 3'600'000, n)) return bad("--nemesis-interval-ms must be 10..3600000");
      options.nemesis_interval = n * kv::kMillisecond;
    } else if (name == "client-timeout-ms") {
      if (!parse_int(value, 10, 3'600'000, n)) return bad("--client-timeout-ms must be 10..3600000");
      options.client_timeout = n * kv::kMillisecond;
    } else if (name == "history") {
      history_path = value;
    } else if (name == "trace") {
      trace_path = value;
    } else if (name == "faults") {
      faults_path = value;
    } else if (name == "sweep") {
      if (!parse_int(value, 1, 1'000'000, sweep_count)) return bad("--sweep must be 1..1000000");
    } else if (name == "first-seed") {
      if (!parse_int(value, 0, 1LL << 62, first_seed)) return bad("--first-seed must be a non-negative integer");
    } else {
      return bad("unknown option --" + name);
    }
  }

  if (std::string error; !faults_path.empty() && !read_faults(faults_path, options, error)) return bad(error);

  try {
    if (sweep_count > 0) {
      auto report = [&](const kv::SeedOutcome& o) {
        const bool bad_seed = o.check.verdict != kv::CheckResult::Verdict::linearizable || o.lost_writes > 0 ||
                              o.logs_diverge || !o.progressed_after_heal();
        if (!verbose && !bad_seed) return;
        std::printf("seed %llu: %s, ok %d fail %d info %d, ok after heal %d", static_cast<unsigned long long>(o.seed),
                    kv::check_result_json(o.check)["verdict"].get<std::string>().c_str(), o.stats.ok, o.stats.fail,
                    o.stats.info, o.stats.ok_after_heal);
        if (o.lost_writes >= 0) std::printf(", lost acknowledged writes %d%s", o.lost_writes, o.logs_diverge ? ", LOGS DIVERGE" : "");
        std::printf("\n");
      };
      const kv::SweepSummary s = kv::sweep(options, static_cast<std::uint64_t>(first_seed), static_cast<int>(sweep_count), report);
      std::printf("sweep: protocol %s, nodes %d, ops %d, nemesis %s, seeds %llu..%llu\n", options.protocol.c_str(),
                  options.nodes, options.ops, options.nemesis.describe().c_str(),
                  static_cast<unsigned long long>(first_seed), static_cast<unsigned long long>(first_seed + sweep_count - 1));
      std::printf("  not linearizable: %d of %d seeds\n", s.not_linearizable, s.seeds);
      std::printf("  checker gave up:  %d\n", s.unknown);
      if (options.protocol == "raft") {
        std::printf("  lost acknowledged writes: %d seeds\n  diverging committed logs: %d seeds\n", s.lost_write_seeds,
                    s.diverged);
      }
      std::printf("  no progress after heal: %d seeds\n", s.no_progress);
      if (!s.bad_seeds.empty()) {
        std::printf("  first bad seeds:");
        for (auto seed : s.bad_seeds) std::printf(" %llu", static_cast<unsigned long long>(seed));
        std::printf("\n");
      }
      std::printf("  time: %.1f s\n", s.seconds);
      return s.bad_seeds.empty() ? 0 : 1;
    }

    kv::Simulator sim(options);
    std::ofstream trace;
    if (!trace_path.empty()) {
      trace.open(trace_path, std::ios::binary);
      if (!trace) return bad("cannot write " + trace_path);
      sim.observer = [&](const kv::SimEvent& e) {
        if (e.kind == kv::SimEvent::Kind::tick) return;
        trace << kv::sim_event_json(e, sim).dump() << '\n';
      };
    }
    sim.run();
    if (!history_path.empty()) {
      std::ofstream out(history_path, std::ios::binary);
      if (!out) return bad("cannot write " + history_path);
      out << kv::to_jsonl(sim.history());
    }
    kv::SeedOutcome outcome;
    outcome.stats = sim.stats();
    outcome.check = kv::check_history(sim.history());
    if (options.protocol == "raft") kv::audit_raft(sim, outcome);

    const kv::SimStats& s = sim.stats();
    std::printf("protocol %s, %d nodes, seed %llu, nemesis %s, latency %s\n", options.protocol.c_str(), options.nodes,
                static_cast<unsigned long long>(options.seed), options.nemesis.describe().c_str(),
                options.latency.describe().c_str());
    std::printf("ops: %d invoked, %d ok, %d fail, %d info", s.invoked, s.ok, s.fail, s.info);
    if (s.heal_time >= 0) std::printf(" (%d ok after the final heal)", s.ok_after_heal);
    std::printf("\nmessages: %llu delivered, %llu dropped, %llu duplicated\n",
                static_cast<unsigned long long>(s.delivered), static_cast<unsigned long long>(s.dropped),
                static_cast<unsigned long long>(s.duplicated));
    std::printf("simulated time: %.3f s\n", static_cast<double>(s.end_time) / kv::kSecond);
    std::printf("event hash: %s (%llu events)\n", kv::event_hash_hex(s.event_hash).c_str(),
                static_cast<unsigned long long>(s.events));
    if (outcome.lost_writes >= 0) {
      std::printf("raft audit: %d acknowledged writes missing from the committed log, committed logs %s\n",
                  outcome.lost_writes, outcome.logs_diverge ? "DIVERGE" : "agree");
    }
    const kv::CheckResult& r = outcome.check;
    if (r.verdict == kv::CheckResult::Verdict::linearizable) {
      std::printf("checker: linearizable (%zu operations on %zu keys)\n", r.operations, r.keys);
      return 0;
    }
    if (r.verdict == kv::CheckResult::Verdict::unknown) {
      std::printf("checker: unknown: %s\n", r.explanation.c_str());
      return 1;
    }
    std::printf("checker: not linearizable on key %s; operations around the problem:\n", r.key.c_str());
    for (const auto& op : r.window) std::printf("  %s\n", kv::describe(op).c_str());
    return 1;
  } catch (const std::invalid_argument& e) {
    return bad(e.what());
  }
}
