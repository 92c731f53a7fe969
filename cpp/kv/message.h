// Messages in Jepsen Maelstrom's node protocol, as typed C++ values.
//
// On the wire a message is one JSON line {"src","dest","body"}; inside the
// library it is this struct, so the simulator can move a million of them a
// second without parsing text. codec.h converts between the two.
//
// One Body type carries every message kind (client requests, replies, and the
// protocols' own traffic); each kind uses only some of the fields, as listed
// next to MsgType. A flat struct keeps the protocol code readable: a Raft
// handler reads body.term, body.entries, ... with no casts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kv {

// Virtual time in nanoseconds (the simulator's clock, or the real clock in kvnode).
using Time = std::int64_t;
constexpr Time kMillisecond = 1'000'000;
constexpr Time kSecond = 1'000 * kMillisecond;

enum class MsgType : std::uint8_t {
  // Maelstrom's init handshake: node_id, node_ids -> init_ok.
  init,
  init_ok,
  // lin-kv workload: key [, value | from, to] -> read_ok value / write_ok / cas_ok.
  read,
  read_ok,
  write,
  write_ok,
  cas,
  cas_ok,
  // code, text.
  error,
  // Raft: term, last_log_index, last_log_term -> term, vote_granted.
  request_vote,
  request_vote_res,
  // Raft: term, prev_log_index, prev_log_term, entries, leader_commit
  //   -> term, success, match_index (on failure: the follower's log length as a hint).
  append_entries,
  append_entries_res,
  // Primary-backup: view, key, value, version -> view, version.
  replicate,
  replicate_ok,
  // Primary-backup: view (the primary's "I am alive").
  heartbeat,
  // Quorum: key -> found, value, version, writer.
  replica_read,
  replica_read_ok,
  // Quorum: key, value, version, writer -> (ack).
  replica_write,
  replica_write_ok,
};

// Maelstrom's error codes (the ones this project uses).
namespace code {
constexpr int timeout = 0;                  // indefinite
constexpr int node_not_found = 1;           // definite
constexpr int not_supported = 10;           // definite
constexpr int temporarily_unavailable = 11; // definite
constexpr int malformed_request = 12;       // definite
constexpr int crash = 13;                   // indefinite
constexpr int abort = 14;                   // definite
constexpr int key_does_not_exist = 20;      // definite
constexpr int key_already_exists = 21;      // definite
constexpr int precondition_failed = 22;     // definite
}  // namespace code

// The operation a Raft log entry carries (a client request, or the no-op a new
// leader appends to commit entries of earlier terms).
enum class OpKind : std::uint8_t { noop, read, write, cas };

struct LogEntry {
  std::int64_t term = 0;
  OpKind op = OpKind::noop;
  std::string key;
  std::int64_t value = 0;  // write: the value; cas: `to`
  std::int64_t from = 0;   // cas only
  // Who asked: lets the state machine answer a duplicate only once.
  std::string client;
  std::int64_t client_msg_id = 0;
  bool operator==(const LogEntry& o) const {
    return term == o.term && op == o.op && key == o.key && value == o.value && from == o.from &&
           client == o.client && client_msg_id == o.client_msg_id;
  }
};

struct Body {
  MsgType type = MsgType::error;
  std::optional<std::int64_t> msg_id;
  std::optional<std::int64_t> in_reply_to;

  // init
  std::string node_id;
  std::vector<std::string> node_ids;

  // lin-kv (keys may be JSON numbers or strings on the wire; kept as text)
  std::string key;
  std::optional<std::int64_t> value;  // absent in a read_ok means "no such key"
  std::int64_t from = 0;
  std::int64_t to = 0;

  // error
  int code = 0;
  std::string text;

  // A request a node forwards on a client's behalf names the client, so the
  // receiver can deduplicate it (present only on forwarded requests).
  std::string client;
  std::int64_t client_msg_id = 0;

  // Raft
  std::int64_t term = 0;
  std::int64_t last_log_index = 0;
  std::int64_t last_log_term = 0;
  std::int64_t prev_log_index = 0;
  std::int64_t prev_log_term = 0;
  std::int64_t leader_commit = 0;
  std::int64_t match_index = 0;
  bool success = false;  // append_entries_res.success, request_vote_res.vote_granted
  std::vector<LogEntry> entries;

  // Primary-backup and quorum
  std::int64_t view = 0;
  std::int64_t version = 0;
  std::int64_t writer = 0;  // quorum: index of the coordinator that wrote (LWW tie-break)
  bool found = false;
};

struct Message {
  std::string src;
  std::string dest;
  Body body;
};

const char* type_name(MsgType type);
std::optional<MsgType> type_from_name(const std::string& name);

// True for the requests a client sends (read, write, cas).
inline bool is_client_request(MsgType t) {
  return t == MsgType::read || t == MsgType::write || t == MsgType::cas;
}

// Maelstrom names clients c1, c2, ... and nodes n1, n2, ...
inline bool is_client_id(const std::string& id) { return !id.empty() && id[0] == 'c'; }

// A reply to `request` from `self` with the given type; copies msg_id into in_reply_to.
Message reply_to(const Message& request, MsgType type);
Message error_reply(const Message& request, int error_code, std::string text);

}  // namespace kv
