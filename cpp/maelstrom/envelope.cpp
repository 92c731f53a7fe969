#include "envelope.h"

namespace maelstrom {

bool parse_envelope(const std::string& line, Envelope& out, std::string& why) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    why = "not JSON";
    return false;
  }
  if (!j.is_object()) {
    why = "not a JSON object";
    return false;
  }
  const auto src = j.find("src"), dest = j.find("dest"), body = j.find("body");
  if (src == j.end() || !src->is_string() || dest == j.end() || !dest->is_string()) {
    why = "no string src and dest";
    return false;
  }
  if (body == j.end() || !body->is_object()) {
    why = "no body object";
    return false;
  }
  const auto type = body->find("type");
  if (type == body->end() || !type->is_string()) {
    why = "body has no string type";
    return false;
  }
  out.src = src->get<std::string>();
  out.dest = dest->get<std::string>();
  out.body = std::move(*body);
  return true;
}

std::string to_line(const Envelope& e) {
  return Json{{"src", e.src}, {"dest", e.dest}, {"body", e.body}}.dump();
}

long long in_reply_to(const Json& body) {
  const auto it = body.find("in_reply_to");
  if (it == body.end() || !it->is_number_integer()) return -1;
  return it->get<long long>();
}

}  // namespace maelstrom
