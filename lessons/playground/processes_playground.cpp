// A starting point with processes: change anything, then press Run (or
// Ctrl/Cmd+Enter). Each process is a fresh copy of this very program - a Web
// Worker with its own memory here, an OS process natively - that runs one
// task: a plain function registered by name with CDD_MP_TASK.
//
// As it stands, a pool of processes counts the primes in pieces of 2..n and
// a table shows which process counted which piece, and how long it took.
#include <cdd/args.h>
#include <cdd/plural.h>
#include <cdd/multiprocessing.h>
#include <cdd/report.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using Piece = std::pair<long long, long long>;  // [first, last)

long long count_primes(Piece piece) {
  long long count = 0;
  for (long long k = piece.first; k < piece.second; ++k) {
    bool prime = k >= 2;
    for (long long d = 2; prime && d * d <= k; ++d)
      if (k % d == 0) prime = false;
    count += prime;
  }
  return count;
}
CDD_MP_TASK(count_primes);

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 2000000, 2, 100000000);
  int processes = static_cast<int>(args.integer("processes", 2, 1, 16));
  long long pieces = args.integer("pieces", 8, 1, 1000);
  if (!args.ok()) return args.fail();

  std::vector<Piece> work;
  for (long long i = 0; i < pieces; ++i) work.push_back({n * i / pieces, n * (i + 1) / pieces});

  cdd::mp::Pool pool(processes);
  std::vector<cdd::mp::TaskResult<long long>> results = pool.map<long long>("count_primes", work);

  cdd::table_columns("pieces", {"piece", "numbers", "primes", "process", "ms"});
  long long total = 0;
  for (const auto& result : results) {
    const Piece& piece = work[result.index];
    std::string primes = result.ok() ? std::to_string(result.value) : result.message;
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", result.finished_ms - result.started_ms);
    cdd::table_row("pieces", {std::to_string(result.index), std::to_string(piece.first) + ".." + std::to_string(piece.second),
                              primes, std::to_string(result.worker), ms});
    if (result.ok()) total += result.value;
  }
  std::printf("%lld primes below %lld, counted by %s in %s.\n", total, n,
              cdd::plural(processes, "process", "processes").c_str(), cdd::plural(pieces, "piece", "pieces").c_str());
  return 0;
}
