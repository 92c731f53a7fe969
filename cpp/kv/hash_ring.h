// Consistent hashing with virtual nodes: where a key lives in a Dynamo-style store.
//
// Each node owns `virtual_nodes` points on a 64-bit ring; a key's replicas are
// the first N distinct nodes met walking clockwise from the key's hash.
// Adding or removing a node moves only the keys next to its points.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kv {

// FNV-1a then a final mix: a fixed hash, identical on every platform.
std::uint64_t ring_hash(const std::string& text);

class HashRing {
 public:
  HashRing() = default;
  HashRing(const std::vector<std::string>& nodes, int virtual_nodes);
  // Indices (into `nodes`) of the replicas for `key`, in ring order.
  std::vector<int> preference_list(const std::string& key, int replicas) const;

  // Where things sit on the ring, as a fraction of a full turn in [0, 1): for
  // drawing it (the page's consistent-hashing picture).
  struct Placement {
    double position;
    int node;
  };
  std::vector<Placement> points() const;  // every virtual node, in ring order
  static double position_of(const std::string& key);

 private:
  struct Point {
    std::uint64_t hash;
    int node;
    bool operator<(const Point& o) const { return hash < o.hash || (hash == o.hash && node < o.node); }
  };
  std::vector<Point> points_;
  int node_count_ = 0;
};

}  // namespace kv
