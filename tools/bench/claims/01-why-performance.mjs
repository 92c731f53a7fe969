// Lesson 1's claims about what its programs measure, each with the sentence it
// tests (quoted verbatim from lessons/01-why-performance/lesson.md; the unit
// test checks that every quote is still there).
import { allOf, flatSeries, inRange, point, ratio } from './checks.mjs';

const build = (series, x) => point('build', series, x);
const search = (series, x) => point('search', series, x);
const tenthOfLast = (chart, series) => (run) => {
  const xs = run.reports.filter((r) => r.kind === 'point' && r.chart === chart && r.series === series).map((r) => r.x);
  return Math.max(...xs) / 10;
};
// "Ten times more elements, ten times more time": the last decade of the sweep, within 2x of 10x.
const growsInProportion = (chart, series) =>
  inRange(ratio(point(chart, series, 'last'), point(chart, series, tenthOfLast(chart, series))), { min: 5, max: 20 });

export default [
  {
    program: 'list_creation',
    quote: 'That is what all three lines do once `n` is large enough for the fixed costs to stop mattering.',
    says: 'each line: time(n_max) / time(n_max/10) within 5..20',
    check: allOf(
      growsInProportion('build', 'vector reserve + push_back'),
      growsInProportion('build', 'vector push_back'),
      growsInProportion('build', 'std::list push_back'),
    ),
  },
  {
    program: 'list_creation',
    quote: 'so the cost per element stays constant, at most a little higher.',
    says: 'push_back without / with reserve at n_max within 0.8..2 (in the browser often about 1)',
    check: inRange(ratio(build('vector push_back', 'last'), build('vector reserve + push_back', 'last')), { min: 0.8, max: 2 }),
  },
  {
    program: 'list_creation',
    quote: 'One allocation per element, scattered memory, and three times the bytes: in the browser about twenty times slower than the reserved vector.',
    says: 'std::list / vector with reserve at n_max within 12..30',
    check: inRange(ratio(build('std::list push_back', 'last'), build('vector reserve + push_back', 'last')), { min: 12, max: 30 }),
  },
  {
    program: 'search_missing',
    quote: 'So the time of a failed search grows with `n`, just like building the list did.',
    says: 'linear search: time(n_max) / time(n_max/10) within 5..20',
    check: growsInProportion('search', 'linear search'),
  },
  {
    program: 'search_missing',
    quote: 'Two better questions give the same answer much faster:',
    says: 'linear / binary and linear / hash at n_max both >= 100',
    check: allOf(
      inRange(ratio(search('linear search', 'last'), search('binary search (sorted)', 'last')), { min: 100 }),
      inRange(ratio(search('linear search', 'last'), search('hash set', 'last')), { min: 100 }),
    ),
  },
  {
    program: 'search_missing',
    quote: 'so a lookup costs about the same at any size.',
    says: 'hash set: slowest / fastest size <= 3',
    check: flatSeries('search', 'hash set', 3),
  },
  {
    program: 'search_missing',
    title: 'Exercise: predict where the hash set beats the linear scan',
    quote: 'For one or two elements, looking at each one costs about half what hashing does',
    // It said "about what hashing does": timed one search after the other, the scan at n = 1
    // came out at 0.73-1.05x the hash set in Chromium. Taking turns (cdd::medians_ms_in_turns),
    // 0.43-0.55x in 10 runs, natively about 0.5x.
    says: 'at the smallest n: linear search / hash set within 0.3..0.75',
    check: inRange(ratio(search('linear search', 'first'), search('hash set', 'first')), { min: 0.3, max: 0.75 }),
  },
];
