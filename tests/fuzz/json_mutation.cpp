#include "json_mutation.h"

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

namespace fuzz {

namespace {

using nlohmann::json;

// Every value in the document, parents before children.
void collect(json& value, std::vector<json*>& all) {
  all.push_back(&value);
  if (value.is_structured()) {
    for (auto& child : value) collect(child, all);
  }
}

json edge_number(Random& random) {
  static const std::int64_t numbers[] = {0, 1, -1, 2, 3, 63, 64, 1000, -1000, 1 << 30,
                                         std::numeric_limits<std::int32_t>::max(),
                                         std::numeric_limits<std::int64_t>::max(),
                                         std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max() - 1,
                                         std::numeric_limits<std::int64_t>::min() + 1};
  switch (random.below(10)) {
    case 0: return std::numeric_limits<std::uint64_t>::max();
    case 1: return 0.5;
    default: return numbers[random.below(sizeof numbers / sizeof numbers[0])];
  }
}

// A string from the dictionary without its quotes, or a made-up one.
json some_string(const std::vector<std::string>& strings, Random& random) {
  if (!strings.empty() && !random.chance(4)) {
    std::string s = strings[random.below(strings.size())];
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
  }
  static const char* made_up[] = {"", "n0", "n4", "n99", "c0", "k1", "\xc3\xa9", "a\nb"};
  return made_up[random.below(sizeof made_up / sizeof made_up[0])];
}

// Mostly a value of the same kind, so the input stays a well-formed message
// with odd contents; sometimes a value of another kind.
bool replace_keeping_kind(json& target, const std::vector<std::string>& strings, Random& random) {
  if (target.is_number()) target = edge_number(random);
  else if (target.is_string()) target = some_string(strings, random);
  else if (target.is_boolean()) target = !target.get<bool>();
  else if (target.is_array() && !target.empty()) {
    if (random.chance(2)) target.push_back(json(target[random.below(target.size())]));
    else target.erase(target.begin() + static_cast<std::ptrdiff_t>(random.below(target.size())));
  } else {
    return false;
  }
  return true;
}

void replace_value(json& target, const std::vector<json*>& all, const std::vector<std::string>& strings,
                   Random& random) {
  if (!random.chance(4) && replace_keeping_kind(target, strings, random)) return;
  switch (random.below(8)) {
    case 0: case 1: case 2: target = edge_number(random); break;
    case 3: target = some_string(strings, random); break;
    case 4: target = random.chance(2) ? json(nullptr) : json(random.chance(2)); break;
    case 5: target = random.chance(2) ? json::array() : json::object(); break;
    case 6: {  // a copy of another value of the same document (not an ancestor of itself)
      const json copy = *all[random.below(all.size())];
      target = copy;
      break;
    }
    default:  // an array grows by a copy of one of its elements
      if (target.is_array() && !target.empty()) target.push_back(json(target[random.below(target.size())]));
      else target = edge_number(random);
      break;
  }
}

bool remove_some_key(std::vector<json*>& all, Random& random) {
  std::vector<json*> objects;
  for (json* v : all) {
    if (v->is_object() && !v->empty()) objects.push_back(v);
  }
  if (objects.empty()) return false;
  json& object = *objects[random.below(objects.size())];
  auto it = object.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(random.below(object.size())));
  object.erase(it.key());
  return true;
}

}  // namespace

bool mutate_json_value(std::string& line, const std::vector<std::string>& strings, Random& random) {
  json document = json::parse(line, nullptr, false);
  if (document.is_discarded()) return false;
  std::vector<json*> all;
  collect(document, all);
  // Mostly a leaf or an array; an object (the message, its body) rarely.
  std::vector<json*> targets;
  for (json* v : all) {
    if (!v->is_object() || random.chance(8)) targets.push_back(v);
  }
  if (targets.empty()) targets.push_back(all[0]);
  if (!random.chance(8) || !remove_some_key(all, random)) {
    replace_value(*targets[random.below(targets.size())], all, strings, random);
  }
  // Dictionary tokens may hold bytes that are not UTF-8; write them as U+FFFD.
  line = document.dump(-1, ' ', false, json::error_handler_t::replace);
  return true;
}

}  // namespace fuzz
