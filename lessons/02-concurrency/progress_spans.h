// Turns "moments a thread made progress" into timeline bars.
//
// A worker does its task in many small slices and records the time after
// each one. While it holds a core, those moments follow each other closely;
// when the operating system takes the core away (time-slicing), a gap opens.
// Merging moments that are closer than `max_gap_ms` gives one bar per stretch
// of uninterrupted progress, so the gaps on the timeline are the time the
// thread was waiting for a core.
#pragma once

#include <algorithm>
#include <vector>

namespace lesson {

struct Span {
  double start_ms;
  double end_ms;
};

// The typical time between two moments: the median step, which ignores the
// few long gaps where the thread was descheduled.
inline double typical_step(double start_ms, const std::vector<double>& moments) {
  std::vector<double> steps;
  double previous = start_ms;
  for (double t : moments) {
    steps.push_back(t - previous);
    previous = t;
  }
  if (steps.empty()) return 0;
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  return steps[steps.size() / 2];
}

// `start_ms` is when the work began; `moments` are the non-decreasing times
// after each slice. A gap longer than `max_gap_ms` ends a bar. The slice that
// ends a gap ran at its end (it took about one typical step), so the next bar
// starts one typical step before that moment.
inline std::vector<Span> merge_progress(double start_ms, const std::vector<double>& moments,
                                        double max_gap_ms) {
  std::vector<Span> spans;
  if (moments.empty()) return spans;
  double step = typical_step(start_ms, moments);
  Span current{start_ms, start_ms};
  for (double t : moments) {
    if (t - current.end_ms > max_gap_ms) {
      spans.push_back(current);
      current = Span{std::max(current.end_ms, t - step), t};
      continue;
    }
    current.end_ms = t;
  }
  spans.push_back(current);
  // A bar of zero length (a thread that was descheduled before its first
  // slice finished) carries no information.
  spans.erase(std::remove_if(spans.begin(), spans.end(),
                             [](const Span& s) { return s.end_ms <= s.start_ms; }),
              spans.end());
  return spans;
}

}  // namespace lesson
