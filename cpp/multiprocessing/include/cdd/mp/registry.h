// Tasks registered by name: what a child process can be asked to run.
//
// A new process cannot be handed a C++ lambda: natively fork() would allow it,
// but in a browser a "process" is a fresh Web Worker that loads the program
// again from its .wasm file and shares nothing with the parent. What both
// sides do share is the program's code, so a task is named, and the child
// looks the name up in this registry and runs the function with the decoded
// argument. Register a function at namespace scope:
//
//   long long count_primes(std::pair<long long, long long> range) { ... }
//   CDD_MP_TASK(count_primes);
//
// The function takes one argument of any type the codec handles (use a
// std::tuple for several) and returns such a value (or void).
#pragma once

#include <cdd/mp/serialize.h>

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace cdd::mp {

using TaskBody = std::function<Bytes(const Bytes& input)>;

// Returns true so it can initialise a static (that is how CDD_MP_TASK runs it
// before main). Registering the same name twice is a program bug: it throws.
bool register_task(const std::string& name, TaskBody body);
const TaskBody* find_task(const std::string& name);
std::vector<std::string> task_names();

template <class R, class A>
TaskBody typed_task(R (*fn)(A)) {
  return [fn](const Bytes& input) -> Bytes {
    using Arg = std::decay_t<A>;
    if constexpr (std::is_void_v<R>) {
      fn(decode<Arg>(input));
      return {};
    } else {
      return encode(fn(decode<Arg>(input)));
    }
  };
}

}  // namespace cdd::mp

#define CDD_MP_TASK(fn) \
  [[maybe_unused]] static const bool cdd_mp_registered_##fn = ::cdd::mp::register_task(#fn, ::cdd::mp::typed_task(&fn))
