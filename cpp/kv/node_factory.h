// Builds a node of a protocol by name: "single", "primary-backup" (asynchronous),
// "primary-backup-sync", "quorum", "raft".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "node.h"

namespace kv {

const std::vector<std::string>& protocol_names();
// nullptr for an unknown name.
std::unique_ptr<Node> make_node(const std::string& protocol, const NodeConfig& config, std::uint64_t seed);

}  // namespace kv
