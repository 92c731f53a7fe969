// Tokens of Maelstrom messages as this project's nodes speak them: field and
// type names, for the mutator of the codec and kvnode fuzz targets.
#pragma once

#include <string>
#include <vector>

namespace fuzz {

inline std::vector<std::string> maelstrom_dictionary() {
  return {"\"src\"", "\"dest\"", "\"body\"", "\"type\"", "\"msg_id\"", "\"in_reply_to\"", "\"node_id\"",
          "\"node_ids\"", "\"key\"", "\"value\"", "\"from\"", "\"to\"", "\"code\"", "\"text\"", "\"client\"",
          "\"client_msg_id\"", "\"term\"", "\"last_log_index\"", "\"last_log_term\"", "\"vote_granted\"",
          "\"prev_log_index\"", "\"prev_log_term\"", "\"leader_commit\"", "\"entries\"", "\"op\"",
          "\"success\"", "\"match_index\"", "\"view\"", "\"version\"", "\"writer\"", "\"found\"", "\"init\"",
          "\"init_ok\"", "\"read\"", "\"read_ok\"", "\"write\"", "\"write_ok\"", "\"cas\"", "\"cas_ok\"",
          "\"error\"", "\"request_vote\"", "\"request_vote_res\"", "\"append_entries\"",
          "\"append_entries_res\"", "\"replicate\"", "\"replicate_ok\"", "\"heartbeat\"", "\"replica_read\"",
          "\"replica_read_ok\"", "\"replica_write\"", "\"replica_write_ok\"", "\"noop\"", "\"n1\"", "\"n2\"",
          "\"n3\"", "\"c1\""};
}

}  // namespace fuzz
