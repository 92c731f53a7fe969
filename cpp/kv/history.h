// A history of client operations, one event per line (JSON Lines), in the
// format documented in README.md:
//
//   {"process": 3, "type": "invoke"|"ok"|"fail"|"info", "f": "read"|"write"|"cas",
//    "key": "k1", "value": <int | null | [from, to]>, "time": <integer ns>}
//
// plus an optional "error": <Maelstrom code> on fail events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.h"

namespace kv {

enum class EventType : std::uint8_t { invoke, ok, fail, info };
enum class Function : std::uint8_t { read, write, cas };

struct HistoryEvent {
  std::int64_t process = 0;
  EventType type = EventType::invoke;
  Function f = Function::read;
  std::string key;
  std::optional<std::int64_t> value;  // read/write: the value (null for a read's invoke)
  std::int64_t from = 0;              // cas: value is [from, to]
  std::int64_t to = 0;
  Time time = 0;
  int error = -1;   // fail events: the Maelstrom error code, -1 when not recorded
  size_t line = 0;  // 1-based line in the file it was read from (0: not from a file)
};

using History = std::vector<HistoryEvent>;

const char* event_type_name(EventType t);
const char* function_name(Function f);

// One JSON line, without the newline.
std::string to_json_line(const HistoryEvent& e);
std::string to_jsonl(const History& history);

struct HistoryError {
  size_t line = 0;  // 1-based
  std::string message;
};

// Parses JSON Lines text (blank lines are skipped). On the first bad line,
// returns false and fills `error`.
bool parse_history(const std::string& text, History& out, HistoryError& error);

}  // namespace kv
