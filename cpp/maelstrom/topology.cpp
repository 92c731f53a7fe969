#include "topology.h"

#include <algorithm>

#include "router.h"

namespace maelstrom {

namespace {

void link(std::vector<std::vector<int>>& t, int a, int b) {
  if (a == b) return;
  if (std::find(t[a].begin(), t[a].end(), b) == t[a].end()) t[a].push_back(b);
  if (std::find(t[b].begin(), t[b].end(), a) == t[b].end()) t[b].push_back(a);
}

}  // namespace

std::vector<std::vector<int>> make_topology(const std::string& name, int nodes) {
  std::vector<std::vector<int>> t(static_cast<size_t>(nodes));
  if (name == "ring") {
    for (int i = 0; i + 1 < nodes; ++i) link(t, i, i + 1);
    if (nodes > 2) link(t, nodes - 1, 0);
  } else if (name == "grid") {
    int side = 1;
    while (side * side < nodes) ++side;
    for (int i = 0; i < nodes; ++i) {
      if (i % side + 1 < side && i + 1 < nodes) link(t, i, i + 1);
      if (i + side < nodes) link(t, i, i + side);
    }
  } else {
    return {};
  }
  for (auto& list : t) std::sort(list.begin(), list.end());
  return t;
}

Json topology_json(const std::vector<std::vector<int>>& neighbours) {
  Json j = Json::object();
  for (size_t i = 0; i < neighbours.size(); ++i) {
    Json list = Json::array();
    for (int n : neighbours[i]) list.push_back(Router::node_name(n));
    j[Router::node_name(static_cast<int>(i))] = list;
  }
  return j;
}

}  // namespace maelstrom
