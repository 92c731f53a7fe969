#include <cdd/mp/registry.h>

#include <map>
#include <stdexcept>

namespace cdd::mp {
namespace {

// A function-local static: tasks register from other files' static
// initialisers, whose order relative to this file is unspecified.
std::map<std::string, TaskBody>& tasks() {
  static std::map<std::string, TaskBody> registry;
  return registry;
}

}  // namespace

bool register_task(const std::string& name, TaskBody body) {
  if (!tasks().emplace(name, std::move(body)).second)
    throw std::logic_error("task '" + name + "' is registered twice");
  return true;
}

const TaskBody* find_task(const std::string& name) {
  auto it = tasks().find(name);
  return it == tasks().end() ? nullptr : &it->second;
}

std::vector<std::string> task_names() {
  std::vector<std::string> names;
  for (const auto& entry : tasks()) names.push_back(entry.first);
  return names;
}

}  // namespace cdd::mp
