// The neighbour lists sent in broadcast's `topology` message.
#pragma once

#include <string>
#include <vector>

#include "envelope.h"

namespace maelstrom {

// ring: each node's neighbours are the nodes before and after it.
// grid: nodes laid out row by row in a square of side ceil(sqrt(n)); neighbours
// are the nodes above, below, left and right. Empty for an unknown name.
std::vector<std::vector<int>> make_topology(const std::string& name, int nodes);

// {"n1": ["n2", ...], ...}
Json topology_json(const std::vector<std::vector<int>>& neighbours);

}  // namespace maelstrom
