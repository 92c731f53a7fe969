// A mutation that keeps JSON valid: one value somewhere in a JSON line is
// replaced (by an edge number, another value from the same line, a string
// from the dictionary, null, a boolean, an empty array or object) or its key
// removed. Byte mutations mostly make text that is not JSON at all, which
// only ever reaches the parser; these reach the code behind it.
#pragma once

#include <string>
#include <vector>

#include "mutator.h"

namespace fuzz {

// Returns false (and leaves `line` alone) if `line` is not JSON.
bool mutate_json_value(std::string& line, const std::vector<std::string>& strings, Random& random);

}  // namespace fuzz
