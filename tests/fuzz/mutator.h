// A small, deterministic byte mutator for the seeded fuzz drivers.
//
// Each fuzz input is a corpus entry changed by a few stacked mutations: on
// one line, a JSON value replaced (json_mutation.h) or its bytes changed; on
// the whole text, bit flips, byte changes, insertions of tokens from a
// dictionary, deletions, duplications, splices with another entry, numbers
// swapped for edge values, lines swapped or repeated. All choices come from one seeded generator per
// input, so (seed, input index) names an input exactly: a finding can be
// replayed on its own, on any machine, without the other inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fuzz {

// SplitMix64: tiny, fast, and the same sequence everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned one_in) { return below(one_in) == 0; }

 private:
  std::uint64_t state_;
};

// The generator for input `index` of a run with `seed`.
Random random_for(std::uint64_t seed, std::uint64_t index);

class Mutator {
 public:
  // `dictionary`: tokens the target's format uses (field names, type names).
  Mutator(std::vector<std::string> corpus, std::vector<std::string> dictionary, std::size_t max_size);

  // Input `index` of a run: corpus entries first, unchanged (so a run always
  // replays the corpus), then mutated entries.
  std::string input(std::uint64_t seed, std::uint64_t index) const;

 private:
  void mutate_once(std::string& data, Random& random) const;
  void mutate_one_line(std::string& data, Random& random) const;
  void replace_number(std::string& data, Random& random) const;
  void swap_or_repeat_line(std::string& data, Random& random) const;

  std::vector<std::string> corpus_;
  std::vector<std::string> dictionary_;
  std::size_t max_size_;
};

}  // namespace fuzz
