// The interleaving explorer as JSON: the program spec that comes in, and the
// program, Step-mode state and exploration results that go out, in the shapes
// the page's widget reads (cpp/bindings/explorer_bindings.cpp passes them as
// strings; see cpp/bindings/README.md).
//
// Objects keep their keys in insertion order (ordered_json): the widget lists
// shared variables, locals and mutexes in the order the program declares them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "explore.h"
#include "machine.h"
#include "program.h"

namespace cdd::explorer {

using Json = nlohmann::ordered_json;

// Reads {shared: {name: number, ...}, threads: [{name, lines: [string, ...]}, ...]}.
// Returns "" or what is wrong with it, in words for the learner; never throws.
std::string spec_from_json(const Json& spec, ProgramSpec& out);
std::string spec_from_json_text(const std::string& text, ProgramSpec& out);

// {threads: [{name, lines}]}: the program as compiled.
Json program_json(const Program& program);

// Everything Step mode shows: {threads: [{name, pc, canRun, finished, waiting,
// status, locals}], shared, mutexes (name: owner or null), outcome: {kind,
// label}, schedule}.
Json state_json(const Machine& machine);

// {schedules, states, truncated, deadlockReachable, outcomes: [{kind, label, count, schedule}]}.
Json exploration_json(const Exploration& exploration);

// Compact text; invalid UTF-8 (it cannot come from parsed input) would be replaced, never thrown.
std::string to_text(const Json& json);

}  // namespace cdd::explorer
