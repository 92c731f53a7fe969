// Machine-readable output for lesson programs.
//
// A lesson program talks to the page (and to tools/bench) only through stdout.
// Plain lines are text for the terminal. A line that starts with "@cdd " carries
// one JSON object whose "kind" says what it is; the page turns it into a chart
// point, a timeline bar or an image row, and natively the benchmarks read the
// same lines. Every report line is flushed at once so output streams live.
//
// Kinds (the full list; web/src/report/parse.js is the other side):
//   chart  {id, title, x, y, log}        declares a chart and its axis labels
//   point  {chart, series, x, y, unit}   one measured point on a chart
//   span   {timeline, lane, start, end, label[, state]}  one bar on a per-lane
//          timeline; the optional state, "holding" or "waiting", draws a bar
//          of a lock held (solid) or waited for (hatched), with a legend
//   pixels {image, width, height, row, values[, shades]}  one row of an image
//          (values are small non-negative ints picking a colour; the optional
//          shades, 0..15 per pixel, draw it from near black (0) through the
//          colour itself to a pale tint (15))
//   table  {id, columns|row}             a header, then rows, of a results table
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cdd {

enum class Scale { linear, log_x, log_y, log_log };

namespace detail {

inline std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// JSON has no NaN or infinity; a measurement that produced one becomes null.
inline std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

inline void emit(const std::string& json_object) {
  std::printf("@cdd %s\n", json_object.c_str());
  std::fflush(stdout);
}

inline std::string& current_chart() {
  static std::string id = "main";
  return id;
}

}  // namespace detail

// Declares a chart; later report() calls go to it until the next chart().
inline void chart(const std::string& id, const std::string& title, const std::string& x_label,
                  const std::string& y_label, Scale scale = Scale::linear) {
  detail::current_chart() = id;
  const char* log = scale == Scale::log_log ? "xy" : scale == Scale::log_x ? "x"
                    : scale == Scale::log_y ? "y" : "";
  detail::emit("{\"kind\":\"chart\",\"id\":" + detail::json_string(id) +
               ",\"title\":" + detail::json_string(title) + ",\"x\":" + detail::json_string(x_label) +
               ",\"y\":" + detail::json_string(y_label) + ",\"log\":" + detail::json_string(log) + "}");
}

// One measured point: `series` names the line it belongs to, `unit` is y's unit.
inline void report(const std::string& series, double x, double y, const std::string& unit) {
  detail::emit("{\"kind\":\"point\",\"chart\":" + detail::json_string(detail::current_chart()) +
               ",\"series\":" + detail::json_string(series) + ",\"x\":" + detail::json_number(x) +
               ",\"y\":" + detail::json_number(y) + ",\"unit\":" + detail::json_string(unit) + "}");
}

// One bar on a timeline: `lane` is usually a thread, times are in milliseconds.
// `state` ("holding", "waiting" or "" for none) is written only when given, so
// lines without it read as before.
inline void span(const std::string& timeline, const std::string& lane, double start_ms,
                 double end_ms, const std::string& label = "", const std::string& state = "") {
  detail::emit("{\"kind\":\"span\",\"timeline\":" + detail::json_string(timeline) +
               ",\"lane\":" + detail::json_string(lane) + ",\"start\":" + detail::json_number(start_ms) +
               ",\"end\":" + detail::json_number(end_ms) + ",\"label\":" + detail::json_string(label) +
               (state.empty() ? std::string() : ",\"state\":" + detail::json_string(state)) + "}");
}

// One row of an image; each value picks a colour from the page's palette
// (for example the index of the thread that computed the pixel).
// With `shades` (0..15 per pixel, see the list above) the colour also shows a
// quantity, e.g. a Mandelbrot pixel's iterations under its thread's tint.
inline void pixels(const std::string& image, int width, int height, int row,
                   const std::vector<int>& values, const std::vector<int>& shades = {}) {
  auto join = [](const std::vector<int>& numbers) {
    std::string list;
    list.reserve(numbers.size() * 3);
    for (size_t i = 0; i < numbers.size(); ++i) {
      if (i) list += ',';
      list += std::to_string(numbers[i]);
    }
    return list;
  };
  detail::emit("{\"kind\":\"pixels\",\"image\":" + detail::json_string(image) +
               ",\"width\":" + std::to_string(width) + ",\"height\":" + std::to_string(height) +
               ",\"row\":" + std::to_string(row) + ",\"values\":[" + join(values) + "]" +
               (shades.empty() ? "" : ",\"shades\":[" + join(shades) + "]") + "}");
}

// A results table: first its columns, then one call per row (cells as text).
inline void table_columns(const std::string& id, const std::vector<std::string>& columns) {
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) list += (i ? "," : "") + detail::json_string(columns[i]);
  detail::emit("{\"kind\":\"table\",\"id\":" + detail::json_string(id) + ",\"columns\":[" + list + "]}");
}

inline void table_row(const std::string& id, const std::vector<std::string>& cells) {
  std::string list;
  for (size_t i = 0; i < cells.size(); ++i) list += (i ? "," : "") + detail::json_string(cells[i]);
  detail::emit("{\"kind\":\"table\",\"id\":" + detail::json_string(id) + ",\"row\":[" + list + "]}");
}

}  // namespace cdd
