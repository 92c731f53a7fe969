#include "node_factory.h"

#include "primary_backup_node.h"
#include "quorum_node.h"
#include "raft_node.h"
#include "single_node.h"

namespace kv {

const std::vector<std::string>& protocol_names() {
  static const std::vector<std::string> names = {"single", "primary-backup", "primary-backup-sync", "quorum",
                                                 "raft"};
  return names;
}

std::unique_ptr<Node> make_node(const std::string& protocol, const NodeConfig& config, std::uint64_t seed) {
  if (protocol == "single") return std::make_unique<SingleNode>(config, seed);
  if (protocol == "primary-backup" || protocol == "primary-backup-sync") {
    NodeConfig c = config;
    c.synchronous = protocol == "primary-backup-sync";
    return std::make_unique<PrimaryBackupNode>(c, seed);
  }
  if (protocol == "quorum") return std::make_unique<QuorumNode>(config, seed);
  if (protocol == "raft") return std::make_unique<RaftNode>(config, seed);
  return nullptr;
}

}  // namespace kv
