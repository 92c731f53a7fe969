// Embind for the consistent-hashing picture (lesson 5): where the quorum
// store's ring (cpp/kv/hash_ring.h) puts nodes and keys. Linked into kv.js.
//
//   JSON.parse(kv.ringLayout(5, 16, 12, 3))
//   -> {nodes: ["n1",...], points: [{position, node}], keys: [{key, position, replicas: [node index...]}]}
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hash_ring.h"

namespace {

// Node ids n1..nN and keys k0..k(K-1), named as the simulator names them.
std::string ring_layout(int nodes, int virtual_nodes, int keys, int replicas) {
  using nlohmann::json;
  if (nodes < 1 || nodes > 64 || virtual_nodes < 1 || virtual_nodes > 256 || keys < 0 || keys > 1000 ||
      replicas < 1 || replicas > nodes) {
    return json{{"error", "nodes 1-64, virtual nodes 1-256, keys 0-1000, replicas 1-nodes"}}.dump();
  }
  std::vector<std::string> ids;
  for (int n = 1; n <= nodes; ++n) ids.push_back("n" + std::to_string(n));
  const kv::HashRing ring(ids, virtual_nodes);
  json points = json::array();
  for (const auto& p : ring.points()) points.push_back({{"position", p.position}, {"node", p.node}});
  json placed = json::array();
  for (int k = 0; k < keys; ++k) {
    const std::string key = "k" + std::to_string(k);
    placed.push_back({{"key", key},
                      {"position", kv::HashRing::position_of(key)},
                      {"replicas", ring.preference_list(key, replicas)}});
  }
  return json{{"nodes", ids}, {"points", std::move(points)}, {"keys", std::move(placed)}}.dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(kv_ring) { emscripten::function("ringLayout", &ring_layout); }
