// Lesson 3's claims about what its programs measure, each with the sentence it
// tests (quoted from lessons/03-parallelism/lesson.md, whitespace aside).
import { allOf, everyPoint, flatSeries, inRange, point, ratio, seriesOf, tableNumber } from './checks.mjs';

const branches = (series, x) => point('branches', series, x);
// The largest y(a) / y(b) over the x both series have ("a hump several times higher").
const peakRatio = (chart, a, b) => (run) => {
  const ya = seriesOf(run, chart, a);
  const yb = seriesOf(run, chart, b);
  const ratios = [...ya.keys()].filter((x) => yb.get(x) > 0).map((x) => ya.get(x) / yb.get(x));
  return ratios.length ? Math.max(...ratios) : undefined;
};
const IN_CACHE = 10000; // floats: 40 KB, in every cache level that matters
const simdLead = (series, x) => point('simd-speedup', series, x);
const speedup = (series, x) => point('task-speedup', series, x);
// threads=0 runs the team on the cores, at least 2.
const team = (run) => Math.max(2, run.cores);
const mandel = (chart, series, x = team) => point(chart, series, x);

export default [
  {
    program: 'bit_level',
    quote: 'Expect the word version to be dozens of times faster, often close to the 64 the arithmetic promises',
    says: 'words vs bytes >= 24x at every size',
    check: everyPoint('bits-speedup', 'words vs bytes', { min: 24 }),
  },
  {
    program: 'ilp',
    quote: 'Going from one accumulator to two or four should give roughly 2x to 4x.',
    says: '2 accumulators 1.6..2.4x, 4 accumulators 3..4.8x',
    check: allOf(
      inRange(point('ilp-speedup', 'speedup', 2), { min: 1.6, max: 2.4 }),
      inRange(point('ilp-speedup', 'speedup', 4), { min: 3, max: 4.8 }),
    ),
  },
  {
    program: 'branch_prediction',
    quote: 'the time only creeps up with the share kept (each kept value is one more store), to at most about twice its lowest.',
    says: 'sorted: slowest / fastest threshold <= 2.5',
    check: flatSeries('branches', 'sorted', 2.5),
  },
  {
    program: 'branch_prediction',
    quote: 'expect the shuffled curve to rise into a hump several times higher than the sorted one, and to fall back at 0% and 100%',
    says: 'peak shuffled / sorted >= 3; at 0% and 100% shuffled / sorted <= 1.5',
    check: allOf(
      inRange(peakRatio('branches', 'shuffled', 'sorted'), { min: 3 }),
      inRange(ratio(branches('shuffled', 'first'), branches('sorted', 'first')), { max: 1.5 }),
      inRange(ratio(branches('shuffled', 'last'), branches('sorted', 'last')), { max: 1.5 }),
    ),
  },
  {
    program: 'branch_prediction',
    quote: 'It is slower where the prediction would have been easy, most of all at 0% (two to three times: there the branchy loop stores nothing at all), and flat everywhere else',
    says: 'branchless / sorted at 0% within 1..3.5 and at 100% within 1..2; branchless slowest / fastest <= 1.3',
    check: allOf(
      inRange(ratio(branches('shuffled, branchless', 'first'), branches('sorted', 'first')), { min: 1, max: 3.5 }),
      inRange(ratio(branches('shuffled, branchless', 'last'), branches('sorted', 'last')), { min: 1, max: 2 }),
      flatSeries('branches', 'shuffled, branchless', 1.3),
    ),
  },
  {
    program: 'simd',
    quote: 'While the array fits in the cache, the vector versions should run several times faster than the scalar loop',
    says: `at n=${IN_CACHE}: both vector versions >= 3x scalar`,
    check: allOf(
      inRange(simdLead('auto-vectorized vs scalar', IN_CACHE), { min: 3 }),
      inRange(simdLead('intrinsics vs scalar', IN_CACHE), { min: 3 }),
    ),
  },
  {
    program: 'simd',
    quote: 'so in the browser the hand-written version is usually ahead.',
    says: `at n=${IN_CACHE}: intrinsics >= auto-vectorized`,
    check: inRange(ratio(simdLead('intrinsics vs scalar', IN_CACHE), simdLead('auto-vectorized vs scalar', IN_CACHE)), { min: 1 }),
  },
  {
    program: 'simd',
    quote: 'In the SIMD chart, the vector sums lose much of their lead once the array outgrows the cache',
    says: `intrinsics' lead at n_max <= 0.75 of its lead at n=${IN_CACHE}`,
    check: inRange(ratio(simdLead('intrinsics vs scalar', 'last'), simdLead('intrinsics vs scalar', IN_CACHE)), { max: 0.75 }),
  },
  {
    program: 'simd',
    quote: 'all the vector lines drop towards the same ceiling.',
    // "Towards" the same ceiling, not onto it: at n_max the intrinsics stayed 1.03-1.18x ahead
    // in Chromium (idle, 2026-11-30), and 1.18 is no evidence against the sentence.
    says: 'at n_max: intrinsics / auto-vectorized throughput within 0.8..1.25',
    check: inRange(ratio(point('simd', 'explicit SIMD intrinsics', 'last'), point('simd', '8 lanes, auto-vectorized', 'last')), { min: 0.8, max: 1.25 }),
  },
  {
    program: 'task_parallel',
    // Since the page stopped drawing during a run (render-pacer.js) Chromium measures 1.8-2.0x
    // (2.01 once: the two timings' noise); the sentence said "somewhat less, about 1.7x". With
    // medians, 3 of 80 runs came out at 1.57-1.61x; with the fastest run (by_threads.h),
    // 1.90-1.99x in 15 of 15.
    quote: 'natively and in a browser tab alike (we measured 1.9x to 2.0x in Chromium on a 2-core machine).',
    says: 'map speedup at `cores` threads within 1.7..2.1 (a claim about 2 cores)',
    check: inRange(speedup('parallel map', 'cores'), { min: 1.7, max: 2.1 }),
  },
  {
    program: 'task_parallel',
    // It said "expect the reduction to trail the map (1.2x to 1.8x)": with the median of 9 and
    // Run pressed on a quiet machine the reduction reached 1.86-1.98x, within 0.07 of the map,
    // but 10 of 80 runs came out at 1.21-1.74x. With the fastest run (by_threads.h), 1.88-2.01x
    // in 15 of 15, 0.95-1.05x the map's speedup.
    quote: 'so on a 2-core machine expect the reduction to keep up with the map (we measured 1.9x to 2.0x in Chromium).',
    says: 'at `cores` threads: reduction speedup within 1.75..2.1 and >= 0.9x the map speedup',
    check: allOf(
      inRange(speedup('parallel sum (reduction)', 'cores'), { min: 1.75, max: 2.1 }),
      inRange(ratio(speedup('parallel sum (reduction)', 'cores'), speedup('parallel map', 'cores')), { min: 0.9 }),
    ),
  },
  {
    program: 'task_parallel',
    quote: 'Past the core count both lines flatten',
    says: 'map and reduction speedup at the most threads <= 1.15x their speedup at `cores`',
    check: allOf(
      inRange(ratio(speedup('parallel map', 'last'), speedup('parallel map', 'cores')), { max: 1.15 }),
      inRange(ratio(speedup('parallel sum (reduction)', 'last'), speedup('parallel sum (reduction)', 'cores')), { max: 1.15 }),
    ),
  },
  {
    program: 'amdahl',
    quote: 'The fitted fraction often comes out a little *above* the one you set.',
    // "Often": one run may land a hair below 0.2 by noise in the 1-thread time; far below or far above is wrong.
    says: 'fitted serial fraction within 0.18..0.35 (0.2 set)',
    check: inRange(tableNumber('amdahl-fit', '0.200', 1), { min: 0.18, max: 0.35 }),
  },
  {
    program: 'amdahl',
    quote: 'its speedup keeps growing with the cores instead of hitting the `1/s` ceiling.',
    says: "scaled workload at `cores` threads >= 0.85x Gustafson's law there",
    check: inRange(ratio(point('gustafson', 'measured (scaled workload)', 'cores'), point('gustafson', "Gustafson's law", 'cores')), { min: 0.85 }),
  },
  {
    program: 'false_sharing',
    quote: 'With one thread both layouts cost the same.',
    says: 'packed / padded at 1 thread within 0.8..1.25',
    check: inRange(point('false-sharing-ratio', 'packed / padded', 1), { min: 0.8, max: 1.25 }),
  },
  {
    program: 'false_sharing',
    quote: 'With two threads on two cores the packed counters are typically several times slower than the padded ones',
    says: 'packed / padded at 2 threads >= 2',
    check: inRange(point('false-sharing-ratio', 'packed / padded', 2), { min: 2 }),
  },
  {
    program: 'mandelbrot',
    quote: 'For the static split both approach 2 on two threads',
    says: 'static, 2 threads: work and busy-time imbalance within 1.7..2',
    check: allOf(
      inRange(mandel('mandelbrot-balance', 'work imbalance, static'), { min: 1.7, max: 2 }),
      inRange(mandel('mandelbrot-balance', 'busy-time imbalance, static'), { min: 1.7, max: 2 }),
    ),
  },
  {
    program: 'mandelbrot',
    quote: "the wall time is barely better than one thread's",
    says: 'static: wall time at 2 threads / at 1 within 0.75..1.05',
    check: inRange(ratio(mandel('mandelbrot-time', 'static'), mandel('mandelbrot-time', 'static', 1)), { min: 0.75, max: 1.05 }),
  },
  {
    program: 'mandelbrot',
    quote: 'both threads stay busy until the end, and the busy-time imbalance is close to 1.',
    says: 'dynamic, 2 threads: busy-time imbalance <= 1.15',
    check: inRange(mandel('mandelbrot-balance', 'busy-time imbalance, dynamic'), { max: 1.15 }),
  },
  {
    program: 'mandelbrot',
    quote: 'The work imbalance usually is too, but not always: a thread that loses its core for a moment takes fewer rows',
    // Measured 1.01-1.07 in most idle runs, 1.20 and 1.36 when a thread was held up; static's is near 2.
    says: 'dynamic, 2 threads: work imbalance <= 1.5 (static: about 2)',
    check: inRange(mandel('mandelbrot-balance', 'work imbalance, dynamic'), { max: 1.5 }),
  },
  {
    program: 'mandelbrot',
    quote: 'Dynamic hand-out fixes that at a small synchronization cost',
    says: 'wall time at 2 threads: dynamic / static <= 0.8',
    check: inRange(ratio(mandel('mandelbrot-time', 'dynamic'), mandel('mandelbrot-time', 'static')), { max: 0.8 }),
  },
  {
    program: 'mandelbrot',
    args: { chunk: 100 },
    quote: 'with `chunk=100` on a 200-row image the dynamic schedule is no better than the static one.',
    says: 'chunk=100: wall time at 2 threads, dynamic / static >= 0.9',
    check: inRange(ratio(mandel('mandelbrot-time', 'dynamic'), mandel('mandelbrot-time', 'static')), { min: 0.9 }),
  },
  {
    program: 'reduction_exercise',
    title: 'Exercise: reach 1.7x on the reduction with 2 threads',
    quote: "so the threads fight over that total's cache line all the time: two threads are *slower* than one.",
    says: 'as shipped: speedup at 2 threads < 1',
    check: inRange(point('reduction-exercise', 'speedup', 2), { max: 0.999 }),
  },
  {
    program: 'reduction_exercise',
    title: 'Exercise: reach 1.7x on the reduction with 2 threads',
    quote: 'As shipped, each of these programs fails its check: that is the point.',
    says: 'reduction as shipped: speedup at 2 threads < 1.7 (its check fails)',
    check: inRange(point('reduction-exercise', 'speedup', 2), { max: 1.699 }),
  },
  {
    program: 'false_sharing',
    title: 'Exercise: remove the false sharing',
    quote: 'As shipped, each of these programs fails its check: that is the point.',
    says: 'false sharing as shipped: packed / padded at 2 threads > 1.5 (its check fails)',
    check: inRange(point('false-sharing-ratio', 'packed / padded', 2), { min: 1.501 }),
  },
  {
    program: 'mandelbrot',
    title: 'Exercise: balance the load with a static split',
    quote: 'As shipped, each of these programs fails its check: that is the point.',
    says: 'Mandelbrot as shipped: static work imbalance at 2 threads > 1.15 (its check fails)',
    check: inRange(point('mandelbrot-balance', 'work imbalance, static', 2), { min: 1.151 }),
  },
];
