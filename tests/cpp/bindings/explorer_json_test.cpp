// The interleaving explorer as JSON (cpp/explorer/explorer_json.h): the program
// spec the page sends, and the program, state and exploration it gets back,
// exactly as the widget reads them (key order included), checked natively.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "explorer_json.h"

namespace cdd::explorer {
namespace {

Machine machine_for(const std::string& spec_text) {
  ProgramSpec spec;
  const std::string error = spec_from_json_text(spec_text, spec);
  EXPECT_EQ(error, "");
  ParseResult r = parse_program(spec);
  EXPECT_TRUE(r.ok()) << r.error;
  return Machine(std::move(r.program));
}

std::string spec_error(const std::string& spec_text) {
  ProgramSpec spec;
  return spec_from_json_text(spec_text, spec);
}

const char* kCounter =
    R"({"shared":{"x":0},"threads":[{"name":"A","lines":["r = x","x = r + 1"]},)"
    R"({"name":"B","lines":["r = x","x = r + 1"]}]})";

TEST(ExplorerJson, SpecKeepsSharedVariablesInTheirOrder) {
  ProgramSpec spec;
  ASSERT_EQ(spec_from_json_text(R"({"shared":{"y":1,"x":-2},"threads":[{"name":"A","lines":["r = y"]}]})", spec),
            "");
  ASSERT_EQ(spec.shared.size(), 2u);
  EXPECT_EQ(spec.shared[0], (std::pair<std::string, long long>{"y", 1}));
  EXPECT_EQ(spec.shared[1], (std::pair<std::string, long long>{"x", -2}));
  ASSERT_EQ(spec.threads.size(), 1u);
  EXPECT_EQ(spec.threads[0].name, "A");
  EXPECT_EQ(spec.threads[0].lines, std::vector<std::string>{"r = y"});
}

TEST(ExplorerJson, BadSpecsGetAClearMessage) {
  EXPECT_EQ(spec_error("{nope"), "the program must be JSON: an object with `shared` and `threads`");
  EXPECT_EQ(spec_error("null"), "the program must be an object with `shared` and `threads`");
  EXPECT_EQ(spec_error(R"({"threads":"nope"})"), "`threads` must be a list of {name, lines}");
  EXPECT_EQ(spec_error(R"({"shared":{"x":0}})"), "`threads` must be a list of {name, lines}");
  EXPECT_EQ(spec_error(R"({"shared":{"x":"a"},"threads":[]})"), "shared variable 'x' needs a number");
  EXPECT_EQ(spec_error(R"({"shared":{"x":1.5},"threads":[]})"),
            "shared variable 'x' needs a whole number between -1e9 and 1e9");
  EXPECT_EQ(spec_error(R"({"shared":{"x":2e9},"threads":[]})"),
            "shared variable 'x' needs a whole number between -1e9 and 1e9");
  EXPECT_EQ(spec_error(R"({"shared":[1],"threads":[]})"), "`shared` must be an object of names and numbers");
  EXPECT_EQ(spec_error(R"({"shared":{"a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0},"threads":[]})"),
            "at most 8 shared variables");
  EXPECT_EQ(spec_error(R"({"threads":[{"name":"A","lines":[42]}]})"), "every line must be a string");
  // A named thread is called by the name the lesson uses, a nameless one by position.
  EXPECT_EQ(spec_error(R"({"threads":[{"name":"A"}]})"), "thread A needs `lines`, a list of strings");
  EXPECT_EQ(spec_error(R"({"threads":[{"lines":[]},null]})"), "thread 2 needs `lines`, a list of strings");
  EXPECT_EQ(spec_error(R"({"threads":[{"lines":[]},{"lines":[]},{"lines":[]},{"lines":[]},{"lines":[]}]})"),
            "at most 4 threads");
  std::string many = R"({"threads":[{"lines":[)";
  for (int i = 0; i < 17; ++i) many += std::string(i ? "," : "") + R"("r = 1")";
  EXPECT_EQ(spec_error(many + "]}]}"), "thread 1 has more than 16 lines");
  // A shared null is no shared variables, as before.
  EXPECT_EQ(spec_error(R"({"shared":null,"threads":[]})"), "");
}

TEST(ExplorerJson, ProgramListsEachThreadsLines) {
  Machine m = machine_for(kCounter);
  EXPECT_EQ(to_text(program_json(m.program())),
            R"({"threads":[{"name":"A","lines":["r = x","x = r + 1"]},{"name":"B","lines":["r = x","x = r + 1"]}]})");
}

TEST(ExplorerJson, StateShowsThreadsSharedMutexesOutcomeAndSchedule) {
  Machine m = machine_for(
      R"j({"shared":{"y":0,"x":0},"threads":[{"name":"A","lines":["lock(m)","r = x","x = r + 1","unlock(m)"]},)j"
      R"j({"name":"B","lines":["lock(m)","s = y","unlock(m)"]}]})j");
  ASSERT_EQ(m.step(0), "");
  ASSERT_EQ(m.step(0), "");
  EXPECT_EQ(to_text(state_json(m)),
            R"({"threads":[)"
            R"({"name":"A","pc":2,"canRun":true,"finished":false,"waiting":false,"status":"ready","locals":{"r":0}},)"
            R"({"name":"B","pc":0,"canRun":false,"finished":false,"waiting":false,)"
            R"("status":"blocked: m is held by A","locals":{"s":0}}],)"
            R"("shared":{"y":0,"x":0},"mutexes":{"m":"A"},)"
            R"("outcome":{"kind":"running","label":"running"},"schedule":[0,0]})");
  ASSERT_EQ(m.step(0), "");
  ASSERT_EQ(m.step(0), "");
  const Json after = state_json(m);
  EXPECT_EQ(after["shared"]["x"], 1);
  EXPECT_TRUE(after["mutexes"]["m"].is_null());
  EXPECT_EQ(after["threads"][0]["status"], "finished");
}

TEST(ExplorerJson, ExplorationCountsSchedulesPerOutcome) {
  Machine m = machine_for(kCounter);
  const Json e = exploration_json(explore_all(m.program()));
  EXPECT_EQ(e["schedules"], 6);
  EXPECT_EQ(e["truncated"], false);
  EXPECT_EQ(e["deadlockReachable"], false);
  std::vector<std::string> keys;
  for (const auto& [key, value] : e.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"schedules", "states", "truncated", "deadlockReachable", "outcomes"}));
  ASSERT_EQ(e["outcomes"].size(), 2u);
  std::map<std::string, int> count;
  for (const Json& o : e["outcomes"]) {
    EXPECT_EQ(o["kind"], "finished");
    EXPECT_EQ(o["schedule"].size(), 4u);
    count[o["label"].get<std::string>()] = o["count"].get<int>();
  }
  EXPECT_EQ(count["x=1"], 4);
  EXPECT_EQ(count["x=2"], 2);
}

TEST(ExplorerJson, TextNeverThrowsOnBrokenUtf8) {
  const Json broken = {{"label", std::string("x\xff")}};
  EXPECT_EQ(to_text(broken), "{\"label\":\"x\xef\xbf\xbd\"}");
}

}  // namespace
}  // namespace cdd::explorer
