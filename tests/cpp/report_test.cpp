// The report lines are a contract with the page (web/src/report/parse.js) and
// the benchmarks: one "@cdd " prefix, one JSON object, flushed per line.
#include <cdd/report.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

std::string capture(void (*emit)()) {
  testing::internal::CaptureStdout();
  emit();
  return testing::internal::GetCapturedStdout();
}

TEST(Report, PointLineNamesItsChartSeriesAndUnit) {
  std::string out = capture([] {
    cdd::chart("build", "Build time", "n", "time (ms)", cdd::Scale::log_log);
    cdd::report("vector", 1000, 0.25, "ms");
  });
  EXPECT_EQ(out,
            "@cdd {\"kind\":\"chart\",\"id\":\"build\",\"title\":\"Build time\",\"x\":\"n\","
            "\"y\":\"time (ms)\",\"log\":\"xy\"}\n"
            "@cdd {\"kind\":\"point\",\"chart\":\"build\",\"series\":\"vector\",\"x\":1000,"
            "\"y\":0.25,\"unit\":\"ms\"}\n");
}

TEST(Report, StringsAreEscapedAsJson) {
  std::string out = capture([] { cdd::report("say \"hi\"\\\n\x01", 1, 2, "ms"); });
  EXPECT_NE(out.find("\"series\":\"say \\\"hi\\\"\\\\\\n\\u0001\""), std::string::npos) << out;
}

TEST(Report, NonFiniteNumbersBecomeNull) {
  std::string out = capture([] { cdd::report("s", NAN, INFINITY, "ms"); });
  EXPECT_NE(out.find("\"x\":null,\"y\":null"), std::string::npos) << out;
}

TEST(Report, SpanWithALockStateSaysWhetherItHoldsOrWaits) {
  std::string out = capture([] {
    cdd::span("locks", "thread A", 0, 1, "holds m1", "holding");
    cdd::span("locks", "thread A", 1, 2, "holds m1, waits for m2", "waiting");
  });
  EXPECT_NE(out.find("\"label\":\"holds m1\",\"state\":\"holding\"}"), std::string::npos) << out;
  EXPECT_NE(out.find("\"label\":\"holds m1, waits for m2\",\"state\":\"waiting\"}"), std::string::npos) << out;
}

TEST(Report, SpanPixelsAndTableLines) {
  std::string out = capture([] {
    cdd::span("work", "thread 1", 0.5, 1.5, "task 3");
    cdd::pixels("mandelbrot", 3, 2, 1, {0, 1, 1});
    cdd::pixels("shaded", 2, 1, 0, {1, 1}, {0, 15});
    cdd::table_columns("costs", {"what", "time"});
    cdd::table_row("costs", {"start", "1 ms"});
  });
  EXPECT_NE(out.find("{\"kind\":\"span\",\"timeline\":\"work\",\"lane\":\"thread 1\",\"start\":0.5,\"end\":1.5,\"label\":\"task 3\"}"), std::string::npos) << out;
  EXPECT_EQ(out.find("state"), std::string::npos) << "a span without a state is written as before";
  EXPECT_NE(out.find("{\"kind\":\"pixels\",\"image\":\"mandelbrot\",\"width\":3,\"height\":2,\"row\":1,\"values\":[0,1,1]}"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"kind\":\"pixels\",\"image\":\"shaded\",\"width\":2,\"height\":1,\"row\":0,\"values\":[1,1],\"shades\":[0,15]}"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"kind\":\"table\",\"id\":\"costs\",\"columns\":[\"what\",\"time\"]}"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"kind\":\"table\",\"id\":\"costs\",\"row\":[\"start\",\"1 ms\"]}"), std::string::npos) << out;
}

}  // namespace
