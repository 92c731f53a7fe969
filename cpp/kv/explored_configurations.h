// The checker's memo: configurations (linearized set, register state) the
// search has explored already, so it never searches one twice.
//
// Definite operations are stored compactly: operations are numbered in
// invoke order and, at any point of the search, all of them below some
// `prefix` are linearized, so a set is the prefix plus the few linearized
// operations above it. Indefinite (info) operations used are kept as a list.
//
// A configuration is dominated by an explored one with the same definite set
// and state that used a subset of its indefinite operations: anything that
// can follow the bigger set can follow the smaller one (the unused operations
// can still happen later, or never). Skipping dominated configurations keeps
// histories with many timed-out operations from blowing up the search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace kv::search {

class ExploredConfigurations {
 public:
  // True if no explored configuration equals or dominates this one (and
  // records it). The hashes are Zobrist hashes of the definite and the
  // indefinite operations linearized; `definite_above` and `info_used` are
  // sorted operation numbers.
  bool insert(std::uint64_t definite_hash, std::uint64_t info_hash, std::int64_t state, std::uint32_t prefix,
              const std::vector<std::uint32_t>& definite_above, const std::vector<std::uint32_t>& info_used);
  size_t size() const { return entries_.size(); }

  // How many candidates with the same definite part the dominance check
  // compares: the first few only, to keep each step cheap (pruning less is safe).
  static constexpr size_t kDominanceCandidates = 16;

 private:
  struct Entry {
    std::int64_t state;
    std::uint32_t prefix;
    std::uint32_t definite_at, definite_len, info_at, info_len;  // ranges in pool_
  };
  bool same_definite_part(const Entry& e, std::int64_t state, std::uint32_t prefix,
                          const std::vector<std::uint32_t>& definite_above) const;
  bool same_info_part(const Entry& e, const std::vector<std::uint32_t>& info_used) const;
  bool info_subset_of(const Entry& e, const std::vector<std::uint32_t>& info_used) const;
  std::uint32_t record(std::int64_t state, std::uint32_t prefix, const std::vector<std::uint32_t>& definite_above,
                       const std::vector<std::uint32_t>& info_used);

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> pool_;  // the entries' operation lists, back to back
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> exact_;        // full hash -> entries
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_definite_;  // definite part's hash -> entries
};

}  // namespace kv::search
