// Maelstrom wire format <-> Message.
//
// decode() never throws: text that is not a valid message comes back as an
// error with Maelstrom's code (12 malformed-request, 10 not-supported for an
// unknown type) and, when the sender and msg_id could be read, the error reply
// to send back.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "message.h"

namespace kv {

struct Decoded {
  std::optional<Message> message;  // set when the line was a valid message
  int error_code = 0;              // otherwise: 12 or 10
  std::string error_text;
  std::optional<Message> reply;    // the error reply, if the sender is known
};

Decoded decode(const std::string& line);
Decoded decode_json(const nlohmann::json& json);

nlohmann::json to_json(const Message& message);
std::string encode(const Message& message);  // one line, no newline

}  // namespace kv
