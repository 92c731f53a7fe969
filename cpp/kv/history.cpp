#include "history.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace kv {

using nlohmann::json;

const char* event_type_name(EventType t) {
  switch (t) {
    case EventType::invoke: return "invoke";
    case EventType::ok: return "ok";
    case EventType::fail: return "fail";
    case EventType::info: return "info";
  }
  return "?";
}

const char* function_name(Function f) {
  switch (f) {
    case Function::read: return "read";
    case Function::write: return "write";
    case Function::cas: return "cas";
  }
  return "?";
}

namespace {

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace

std::string to_json_line(const HistoryEvent& e) {
  std::string out;
  out.reserve(96);
  out += "{\"process\":";
  out += std::to_string(e.process);
  out += ",\"type\":\"";
  out += event_type_name(e.type);
  out += "\",\"f\":\"";
  out += function_name(e.f);
  out += "\",\"key\":";
  append_json_string(out, e.key);
  out += ",\"value\":";
  if (e.f == Function::cas) {
    out += '[' + std::to_string(e.from) + ',' + std::to_string(e.to) + ']';
  } else if (e.value) {
    out += std::to_string(*e.value);
  } else {
    out += "null";
  }
  out += ",\"time\":";
  out += std::to_string(e.time);
  if (e.type == EventType::fail && e.error >= 0) {
    out += ",\"error\":";
    out += std::to_string(e.error);
  }
  out += '}';
  return out;
}

std::string to_jsonl(const History& history) {
  std::string out;
  out.reserve(history.size() * 96);
  for (const HistoryEvent& e : history) {
    out += to_json_line(e);
    out += '\n';
  }
  return out;
}

namespace {

bool parse_event(const json& j, HistoryEvent& e, std::string& problem) {
  if (!j.is_object()) return problem = "an event must be a JSON object", false;
  auto need = [&](const char* name) -> const json* {
    auto it = j.find(name);
    if (it == j.end()) {
      problem = std::string("missing field '") + name + "'";
      return nullptr;
    }
    return &*it;
  };
  const json* process = need("process");
  if (!process) return false;
  if (!process->is_number_integer()) return problem = "'process' must be an integer", false;
  e.process = process->get<std::int64_t>();

  const json* type = need("type");
  if (!type) return false;
  const std::string t = type->is_string() ? type->get<std::string>() : "";
  if (t == "invoke") e.type = EventType::invoke;
  else if (t == "ok") e.type = EventType::ok;
  else if (t == "fail") e.type = EventType::fail;
  else if (t == "info") e.type = EventType::info;
  else return problem = "'type' must be \"invoke\", \"ok\", \"fail\" or \"info\"", false;

  const json* f = need("f");
  if (!f) return false;
  const std::string fs = f->is_string() ? f->get<std::string>() : "";
  if (fs == "read") e.f = Function::read;
  else if (fs == "write") e.f = Function::write;
  else if (fs == "cas") e.f = Function::cas;
  else return problem = "'f' must be \"read\", \"write\" or \"cas\"", false;

  const json* key = need("key");
  if (!key) return false;
  if (key->is_string()) e.key = key->get<std::string>();
  else if (key->is_number_integer()) e.key = key->dump();
  else return problem = "'key' must be a string or an integer", false;

  const json* value = need("value");
  if (!value) return false;
  if (e.f == Function::cas) {
    if (!value->is_array() || value->size() != 2 || !(*value)[0].is_number_integer() ||
        !(*value)[1].is_number_integer()) {
      return problem = "a cas 'value' must be [from, to] with two integers", false;
    }
    e.from = (*value)[0].get<std::int64_t>();
    e.to = (*value)[1].get<std::int64_t>();
  } else if (value->is_number_integer()) {
    e.value = value->get<std::int64_t>();
  } else if (!value->is_null()) {
    return problem = "'value' must be an integer or null", false;
  } else if (e.f == Function::write && e.type == EventType::invoke) {
    return problem = "a write's invoke must carry the integer value written", false;
  }

  const json* time = need("time");
  if (!time) return false;
  if (!time->is_number_integer()) return problem = "'time' must be an integer (nanoseconds)", false;
  e.time = time->get<std::int64_t>();

  auto err = j.find("error");
  if (err != j.end()) {
    if (!err->is_number_integer()) return problem = "'error' must be an integer error code", false;
    e.error = err->get<int>();
  }
  return true;
}

}  // namespace

bool parse_history(const std::string& text, History& out, HistoryError& error) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    ++line_no;
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      error = {line_no, "not valid JSON"};
      return false;
    }
    HistoryEvent e;
    std::string problem;
    if (!parse_event(j, e, problem)) {
      error = {line_no, problem};
      return false;
    }
    e.line = line_no;
    out.push_back(std::move(e));
  }
  return true;
}

}  // namespace kv
