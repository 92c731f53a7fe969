#!/usr/bin/env node
// Lesson 3 benchmark: every level's speedup and every kernel's time, natively
// (g++ -O2), as wasm under node, and as wasm in headless Chromium through the
// real lesson page. Prints Markdown tables of medians over --runs runs.
//   node tools/bench/parallelism.mjs [--runs 3] [--no-browser] [--no-node]
// Native programs come from build/native/programs (or CDD_NATIVE_DIR), wasm
// from build/public/wasm (or CDD_WASM_DIR); the page from dist/.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { median, fmt, printTable } from './stats.mjs';
import * as programRuns from './program-runs.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const BROWSER = !argv.includes('--no-browser') && existsSync('tests/e2e/browser.mjs') && existsSync('dist/index.html');

// What each program is run with (the lesson's defaults, fixed to the sizes
// the comparisons use, and 2 threads where threads matter).
const RUNS_OF = {
  bit_level: { n_min: 1e7, n_max: 1e7, reps: 5 },
  ilp: { n: 16384, reps: 7 },
  simd: { n_min: 1e5, n_max: 1e5, reps: 5 },
  task_parallel: { sum_n: 2e7, map_n: 2e6, max_threads: 2, reps: 5 },
  false_sharing: { increments: 1e7, max_threads: 2, reps: 5 },
  mandelbrot: { width: 320, height: 200, max_iter: 1000, threads: 2, reps: 3 },
};

// A kernel: [label, program, chart title, series, x, unit]. Times in ms,
// except the throughput of the float sums (turned into ns per element).
const KERNELS = [
  ['set intersection, a byte per member', 'bit_level', 'Time to intersect two sets', 'one byte per member', 1e7, 'ms'],
  ['set intersection, 64-bit words + popcount', 'bit_level', 'Time to intersect two sets', '64 members per word + popcount', 1e7, 'ms'],
  ['sum of doubles, 1 accumulator', 'ilp', 'Time per element vs number of accumulators', 'sum', 1, 'ns/element'],
  ['sum of doubles, 4 accumulators', 'ilp', 'Time per element vs number of accumulators', 'sum', 4, 'ns/element'],
  ['float sum, scalar', 'simd', 'Float sum throughput', 'scalar', 1e5, 'ns/element'],
  ['float sum, 8 lanes auto-vectorized', 'simd', 'Float sum throughput', '8 lanes, auto-vectorized', 1e5, 'ns/element'],
  ['float sum, SIMD intrinsics', 'simd', 'Float sum throughput', 'explicit SIMD intrinsics', 1e5, 'ns/element'],
  ['parallel sum, 1 thread', 'task_parallel', 'Time vs threads', 'parallel sum (reduction)', 1, 'ms'],
  ['parallel sum, 2 threads', 'task_parallel', 'Time vs threads', 'parallel sum (reduction)', 2, 'ms'],
  ['parallel map, 1 thread', 'task_parallel', 'Time vs threads', 'parallel map', 1, 'ms'],
  ['parallel map, 2 threads', 'task_parallel', 'Time vs threads', 'parallel map', 2, 'ms'],
  ['counters, packed, 2 threads', 'false_sharing', 'Each thread increments its own counter', 'packed (one cache line)', 2, 'ms'],
  ['counters, padded, 2 threads', 'false_sharing', 'Each thread increments its own counter', 'padded (a line each)', 2, 'ms'],
  ['Mandelbrot, dynamic, 1 thread', 'mandelbrot', 'Wall time', 'dynamic', 1, 'ms'],
  ['Mandelbrot, static, 2 threads', 'mandelbrot', 'Wall time', 'static', 2, 'ms'],
  ['Mandelbrot, dynamic, 2 threads', 'mandelbrot', 'Wall time', 'dynamic', 2, 'ms'],
];

// Speedups: [label, slower kernel, faster kernel, target].
const SPEEDUPS = [
  ['bit: 64-bit words vs bytes', 'set intersection, a byte per member', 'set intersection, 64-bit words + popcount', ''],
  ['ILP: 4 accumulators vs 1', 'sum of doubles, 1 accumulator', 'sum of doubles, 4 accumulators', ''],
  ['SIMD: intrinsics vs scalar (float sum)', 'float sum, scalar', 'float sum, SIMD intrinsics', '>= 2.5'],
  ['SIMD: auto-vectorized vs scalar', 'float sum, scalar', 'float sum, 8 lanes auto-vectorized', ''],
  ['task: 2 threads vs 1, map (embarrassingly parallel)', 'parallel map, 1 thread', 'parallel map, 2 threads', '>= 1.8'],
  ['task: 2 threads vs 1, sum (reduction)', 'parallel sum, 1 thread', 'parallel sum, 2 threads', ''],
  ['false sharing: padded vs packed, 2 threads', 'counters, packed, 2 threads', 'counters, padded, 2 threads', ''],
  ['Mandelbrot, dynamic: 2 threads vs 1', 'Mandelbrot, dynamic, 1 thread', 'Mandelbrot, dynamic, 2 threads', ''],
  ['load balance: dynamic vs static, 2 threads', 'Mandelbrot, static, 2 threads', 'Mandelbrot, dynamic, 2 threads', ''],
];

const runNative = (program) => programRuns.runNative(program, RUNS_OF[program]);
const runNode = (program) => programRuns.runNode(program, RUNS_OF[program]);
async function browserRunner() {
  const runner = await programRuns.browserRunner('03-parallelism');
  return { run: (program) => runner.run(program, RUNS_OF[program]), close: runner.close };
}

/** Median per kernel over RUNS runs of every program, with `run(program)`. */
async function measure(run) {
  const samples = Object.fromEntries(KERNELS.map(([label]) => [label, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const program of Object.keys(RUNS_OF)) {
      const { charts } = await run(program);
      for (const [label, p, title, series, x, unit] of KERNELS) {
        if (p !== program) continue;
        let y = charts[title]?.[series]?.[x];
        if (y == null) continue;
        if (title === 'Float sum throughput') y = 1 / y; // G additions/s -> ns per addition
        samples[label].push(y);
        void unit;
      }
    }
  }
  const summary = (pick) => Object.fromEntries(Object.entries(samples).map(([label, ys]) => [label, ys.length ? pick(ys) : null]));
  return { median: summary(median), best: summary((ys) => Math.min(...ys)) };
}

const platforms = [['native', () => measure(runNative)]];
if (!argv.includes('--no-node')) platforms.push(['wasm (node)', () => measure(runNode)]);
if (BROWSER) {
  platforms.push(['wasm (Chromium)', async () => {
    const browser = await browserRunner();
    try {
      return await measure(browser.run);
    } finally {
      await browser.close();
    }
  }]);
}

// Parallel speedups need idle cores: say how busy the machine was.
const load = () => loadavg()[0].toFixed(2);
console.log(`${cpus().length} cores; load average ${load()} before the runs`);
const results = {};
for (const [name, measureAll] of platforms) {
  process.stderr.write(`measuring ${name} (${RUNS} runs)...\n`);
  results[name] = await measureAll();
}
const names = platforms.map(([name]) => name);
console.log(`load average ${load()} after the runs (above 0.5 or so, other programs shared the cores)`);

const speedupRows = (stat) =>
  SPEEDUPS.map(([label, slow, fast, target]) => [
    label, ...names.map((n) => `${fmt(results[n][stat][slow] / results[n][stat][fast])}x`), target,
  ]);

printTable(`Lesson 3: speedup of each level (median of ${RUNS} runs)`, ['comparison', ...names, 'target'], speedupRows('median'));

printTable('Lesson 3: each kernel (median), and WebAssembly relative to native (target: within 1.5x)',
  ['kernel', 'unit', ...names, ...names.slice(1).map((n) => `${n}/native`)],
  KERNELS.map(([label, , , , , unit]) => [
    label, unit, ...names.map((n) => fmt(results[n].median[label], 3)),
    ...names.slice(1).map((n) => `${fmt(results[n].median[label] / results.native.median[label])}x`),
  ]));

// On a machine shared with other work the best run is the closest to what
// the hardware can do; shown next to the medians, not instead of them.
printTable(`Lesson 3: speedup of each level, best of ${RUNS} runs (fastest time of each kernel)`,
  ['comparison', ...names, 'target'], speedupRows('best'));

printTable(`Lesson 3: each kernel, best of ${RUNS} runs, and WebAssembly relative to native`,
  ['kernel', 'unit', ...names, ...names.slice(1).map((n) => `${n}/native`)],
  KERNELS.map(([label, , , , , unit]) => [
    label, unit, ...names.map((n) => fmt(results[n].best[label], 3)),
    ...names.slice(1).map((n) => `${fmt(results[n].best[label] / results.native.best[label])}x`),
  ]));
