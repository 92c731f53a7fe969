// A Maelstrom message (one JSON object a line: {src, dest, body}) and the
// error codes of Maelstrom's protocol. Parsing never throws: the page compiles
// programs without exception support, so a malformed line must be a value
// the node can log, not an exception.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace cdd::maelstrom {

using json = nlohmann::json;

// Maelstrom's error codes (https://github.com/jepsen-io/maelstrom, doc/protocol.md).
// Definite errors (the operation certainly did not happen) are 10-14 and 20-22;
// timeout (0) and crash (13) leave the client unsure, so the checker allows both outcomes.
namespace code {
constexpr int timeout = 0;
constexpr int node_not_found = 1;
constexpr int not_supported = 10;
constexpr int temporarily_unavailable = 11;
constexpr int malformed_request = 12;
constexpr int crash = 13;
constexpr int abort = 14;
constexpr int key_does_not_exist = 20;
constexpr int key_already_exists = 21;
constexpr int precondition_failed = 22;
}  // namespace code

struct Message {
  std::string src;
  std::string dest;
  json body = json::object();

  // "" when the body has no string "type".
  std::string type() const {
    auto it = body.find("type");
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  // A reply carries in_reply_to; an error reply has type "error".
  bool is_error() const { return type() == "error"; }
};

// Serialises without throwing: invalid UTF-8 in a string becomes U+FFFD.
inline std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

inline std::string to_line(const Message& m) {
  return dump(json{{"src", m.src}, {"dest", m.dest}, {"body", m.body}});
}

// The message on a line, or nullopt with `why` set. A message needs string
// src and dest and an object body; everything else in it is the node's business.
inline std::optional<Message> parse_line(const std::string& line, std::string& why) {
  json value = json::parse(line, nullptr, false);
  if (value.is_discarded()) { why = "not JSON"; return std::nullopt; }
  if (!value.is_object()) { why = "not a JSON object"; return std::nullopt; }
  auto src = value.find("src"), dest = value.find("dest"), body = value.find("body");
  if (src == value.end() || !src->is_string()) { why = "no string \"src\""; return std::nullopt; }
  if (dest == value.end() || !dest->is_string()) { why = "no string \"dest\""; return std::nullopt; }
  if (body == value.end() || !body->is_object()) { why = "no object \"body\""; return std::nullopt; }
  return Message{src->get<std::string>(), dest->get<std::string>(), std::move(*body)};
}

}  // namespace cdd::maelstrom
