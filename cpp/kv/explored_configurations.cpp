#include "explored_configurations.h"

#include <algorithm>

namespace kv::search {

namespace {

// A 64-bit mixing function: spreads state and prefix over all bits of the hash.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ull;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dull;
  x ^= x >> 33;
  return x;
}

}  // namespace

bool ExploredConfigurations::insert(std::uint64_t definite_hash, std::uint64_t info_hash, std::int64_t state,
                                    std::uint32_t prefix, const std::vector<std::uint32_t>& definite_above,
                                    const std::vector<std::uint32_t>& info_used) {
  const std::uint64_t same_definite = definite_hash ^ mix(static_cast<std::uint64_t>(state) + prefix);
  const std::uint64_t exact = same_definite ^ mix(info_hash);
  // Exactly this configuration?
  auto found = exact_.find(exact);
  if (found != exact_.end()) {
    for (std::uint32_t id : found->second) {
      const Entry& e = entries_[id];
      if (same_definite_part(e, state, prefix, definite_above) && same_info_part(e, info_used)) return false;
    }
  }
  // Dominated by one that used fewer indefinite operations?
  std::vector<std::uint32_t>& candidates = by_definite_[same_definite];
  if (!info_used.empty()) {
    const size_t limit = std::min(candidates.size(), kDominanceCandidates);
    for (size_t k = 0; k < limit; ++k) {
      const Entry& e = entries_[candidates[k]];
      if (e.info_len < info_used.size() && same_definite_part(e, state, prefix, definite_above) &&
          info_subset_of(e, info_used)) {
        return false;
      }
    }
  }
  const std::uint32_t id = record(state, prefix, definite_above, info_used);
  candidates.push_back(id);
  exact_[exact].push_back(id);
  return true;
}

bool ExploredConfigurations::same_definite_part(const Entry& e, std::int64_t state, std::uint32_t prefix,
                                                const std::vector<std::uint32_t>& definite_above) const {
  return e.state == state && e.prefix == prefix && e.definite_len == definite_above.size() &&
         std::equal(definite_above.begin(), definite_above.end(), pool_.begin() + e.definite_at);
}

bool ExploredConfigurations::same_info_part(const Entry& e, const std::vector<std::uint32_t>& info_used) const {
  return e.info_len == info_used.size() && std::equal(info_used.begin(), info_used.end(), pool_.begin() + e.info_at);
}

// True if every indefinite operation `e` used is in `info_used` (both lists are sorted).
bool ExploredConfigurations::info_subset_of(const Entry& e, const std::vector<std::uint32_t>& info_used) const {
  return std::includes(info_used.begin(), info_used.end(), pool_.begin() + e.info_at,
                       pool_.begin() + e.info_at + e.info_len);
}

std::uint32_t ExploredConfigurations::record(std::int64_t state, std::uint32_t prefix,
                                             const std::vector<std::uint32_t>& definite_above,
                                             const std::vector<std::uint32_t>& info_used) {
  Entry e{state, prefix, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(definite_above.size()),
          0, static_cast<std::uint32_t>(info_used.size())};
  pool_.insert(pool_.end(), definite_above.begin(), definite_above.end());
  e.info_at = static_cast<std::uint32_t>(pool_.size());
  pool_.insert(pool_.end(), info_used.begin(), info_used.end());
  entries_.push_back(e);
  return static_cast<std::uint32_t>(entries_.size() - 1);
}

}  // namespace kv::search
