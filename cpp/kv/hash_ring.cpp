#include "hash_ring.h"

#include <algorithm>
#include <cmath>

namespace kv {

std::uint64_t ring_hash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

HashRing::HashRing(const std::vector<std::string>& nodes, int virtual_nodes)
    : node_count_(static_cast<int>(nodes.size())) {
  for (int n = 0; n < node_count_; ++n) {
    for (int v = 0; v < virtual_nodes; ++v) {
      points_.push_back({ring_hash(nodes[n] + "#" + std::to_string(v)), n});
    }
  }
  std::sort(points_.begin(), points_.end());
}

std::vector<int> HashRing::preference_list(const std::string& key, int replicas) const {
  std::vector<int> result;
  if (points_.empty()) return result;
  replicas = std::min(replicas, node_count_);
  const Point probe{ring_hash(key), -1};
  size_t i = static_cast<size_t>(std::lower_bound(points_.begin(), points_.end(), probe) - points_.begin());
  for (size_t step = 0; step < points_.size() && static_cast<int>(result.size()) < replicas; ++step) {
    const int node = points_[(i + step) % points_.size()].node;
    if (std::find(result.begin(), result.end(), node) == result.end()) result.push_back(node);
  }
  return result;
}

namespace {
// hash / 2^64 as a fraction of the turn. Hashes within 2^10 of 2^64 round up
// to 2^64 as doubles; they are kept below one full turn.
double turn_fraction(std::uint64_t hash) {
  return std::min(static_cast<double>(hash) / 18446744073709551616.0, std::nextafter(1.0, 0.0));
}
}  // namespace

std::vector<HashRing::Placement> HashRing::points() const {
  std::vector<Placement> out;
  out.reserve(points_.size());
  for (const Point& p : points_) out.push_back({turn_fraction(p.hash), p.node});
  return out;
}

double HashRing::position_of(const std::string& key) { return turn_fraction(ring_hash(key)); }

}  // namespace kv
