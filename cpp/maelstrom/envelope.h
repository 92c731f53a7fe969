// One Maelstrom message as the harness sees it: {src, dest, body}, read from a
// node's stdout line or written to a node's stdin line.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace maelstrom {

using Json = nlohmann::json;
using Time = std::int64_t;  // nanoseconds since the run started
constexpr Time kMs = 1'000'000;

struct Envelope {
  std::string src;
  std::string dest;
  Json body;  // an object with a string "type"
};

// Parses one stdout line. On a line that is not a Maelstrom message returns
// false and says why in `why` (the harness reports it as a rejected line).
bool parse_envelope(const std::string& line, Envelope& out, std::string& why);

// The line to write to a node's stdin, without the newline.
std::string to_line(const Envelope& e);

// body["in_reply_to"] as an integer, or -1.
long long in_reply_to(const Json& body);

}  // namespace maelstrom
