// The seeded fuzz driver shared by every target in tests/fuzz.
//
//   fuzz_<target> --corpus DIR --seed S --runs N [--only I] [--crash-dir DIR]
//   fuzz_<target> FILE...            (replay files, e.g. a saved crash)
//
// Runs the target on the corpus entries, then on mutated entries, N inputs in
// all; input I of seed S is always the same bytes (see mutator.h). Built with
// the sanitizers, a memory error, undefined behaviour or a failed check stops
// the run; the input is first written to the crash folder and the command to
// replay it printed. No coverage feedback: this needs no libFuzzer, only g++.
#pragma once

#include <string>
#include <vector>

namespace fuzz {

struct Target {
  const char* name;
  // Runs one input. Must not throw; calls fail() when a property is violated.
  void (*run)(const std::string& input);
  // Tokens of the input format, for the mutator.
  std::vector<std::string> dictionary;
};

// A property the target checks does not hold: report, save the input, abort.
[[noreturn]] void fail(const std::string& what);

int run_driver(const Target& target, int argc, char** argv);

}  // namespace fuzz
