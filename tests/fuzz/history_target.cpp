// Fuzz target: the history reader behind kvcheck (cpp/kv/kvcheck_main.cpp):
// parse the JSON Lines, pair invokes with completions, check
// linearizability, and format the verdict as kvcheck does. The checker's
// budget is small here (a fuzz input is small; the search is bounded anyway).
// Properties beyond "no sanitizer finding":
//   - nothing throws;
//   - a parse error names a line of the input;
//   - the written form is a fixed point: parsing what to_jsonl() wrote and
//     writing it again gives the same text.
#include <algorithm>
#include <exception>

#include "fuzz_driver.h"
#include "history.h"
#include "linearizability.h"
#include "trace.h"

namespace {

void check_written_form(const kv::History& history) {
  const std::string once = kv::to_jsonl(history);
  kv::History again;
  kv::HistoryError error;
  if (!kv::parse_history(once, again, error)) {
    fuzz::fail("to_jsonl wrote a line parse_history refuses (line " + std::to_string(error.line) +
               ": " + error.message + ")");
  }
  if (kv::to_jsonl(again) != once) fuzz::fail("the written form of a history is not stable");
}

void run(const std::string& input) {
  try {
    kv::History history;
    kv::HistoryError error;
    if (!kv::parse_history(input, history, error)) {
      const auto lines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1;
      if (error.line < 1 || error.line > lines) fuzz::fail("a parse error names line " + std::to_string(error.line));
      return;
    }
    check_written_form(history);
    std::vector<kv::Operation> ops;
    if (!kv::pair_operations(history, ops, error)) return;
    kv::CheckOptions budget;
    budget.max_steps_per_key = 20'000;
    budget.max_configurations_per_key = 20'000;
    const kv::CheckResult result = kv::check_operations(ops, budget);
    std::string text = kv::check_result_json(result).dump(2);
    for (const kv::Operation& op : result.window) text += kv::describe(op);
  } catch (const std::exception& e) {
    fuzz::fail(std::string("the history reader threw: ") + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const fuzz::Target target{
      "history", run,
      {"\"process\"", "\"type\"", "\"invoke\"", "\"ok\"", "\"fail\"", "\"info\"", "\"f\"", "\"read\"",
       "\"write\"", "\"cas\"", "\"key\"", "\"value\"", "\"time\"", "\"error\"", "\"k1\"", "[1,2]", "[0,0]"}};
  return fuzz::run_driver(target, argc, argv);
}
