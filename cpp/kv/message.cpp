#include "message.h"

#include <array>
#include <utility>

namespace kv {

namespace {
// Wire names, in MsgType order.
constexpr std::array<const char*, 20> kTypeNames = {
    "init",           "init_ok",        "read",         "read_ok",
    "write",          "write_ok",       "cas",          "cas_ok",
    "error",          "request_vote",   "request_vote_res", "append_entries",
    "append_entries_res", "replicate",  "replicate_ok", "heartbeat",
    "replica_read",   "replica_read_ok", "replica_write", "replica_write_ok",
};
static_assert(kTypeNames.size() == static_cast<size_t>(MsgType::replica_write_ok) + 1,
              "every MsgType needs a wire name");
}  // namespace

const char* type_name(MsgType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<MsgType> type_from_name(const std::string& name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (name == kTypeNames[i]) return static_cast<MsgType>(i);
  }
  return std::nullopt;
}

Message reply_to(const Message& request, MsgType type) {
  Message m;
  m.src = request.dest;
  m.dest = request.src;
  m.body.type = type;
  m.body.in_reply_to = request.body.msg_id;
  return m;
}

Message error_reply(const Message& request, int error_code, std::string text) {
  Message m = reply_to(request, MsgType::error);
  m.body.code = error_code;
  m.body.text = std::move(text);
  return m;
}

}  // namespace kv
