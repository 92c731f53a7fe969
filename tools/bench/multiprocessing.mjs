#!/usr/bin/env node
// Lesson 4 benchmark: processes natively (fork, pipes, mmap) vs as Web
// Workers (wasm under node's worker_threads, and in headless Chromium through
// the real lesson page): start-up, small-message round trip, 64 MB round
// trips by copy / transfer / shared memory, and the pool's speedup with 2
// processes; in Chromium also the longest gap between animation frames while
// the failure demo runs (its workers abort, run out of memory and get
// killed). Prints Markdown tables of medians over --runs runs.
//   node tools/bench/multiprocessing.mjs [--runs 3] [--no-browser]
// Native programs from build/native/programs (or CDD_NATIVE_DIR), wasm from
// build/public/wasm (or CDD_WASM_DIR), the page from dist/.
import { existsSync } from 'node:fs';
import { median, fmt, printTable } from './stats.mjs';
import * as programRuns from './program-runs.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const BROWSER = !argv.includes('--no-browser') && existsSync('tests/e2e/browser.mjs') && existsSync('dist/index.html');
const BIG = 64 * 1024 * 1024;

const RUNS_OF = {
  pool_speedup: { n: 4000000, pieces: 64, processes: 2, chunk_processes: 2, reps: 3 },
  communication_costs: { min_size: BIG, max_size: BIG, reps: 5 },
  threads_vs_processes: { units: 1, reps: 10, round_trips: 2000 },
};
const runNative = (program) => programRuns.runNative(program, RUNS_OF[program]);
const runNode = (program) => programRuns.runNode(program, RUNS_OF[program]);
async function browserRunner() {
  const runner = await programRuns.browserRunner('04-multiprocessing');
  return { run: (program) => runner.run(program, RUNS_OF[program]), close: runner.close };
}

// The numbers: each is read off one program's output.
const METRICS = [
  ['process start + join (ms)', 'threads_vs_processes', ({ charts }) => charts['Start n units and wait for all']?.processes?.[1]],
  ['thread start + join (ms)', 'threads_vs_processes', ({ charts }) => charts['Start n units and wait for all']?.threads?.[1]],
  ['64-byte round trip, processes (ms)', 'threads_vs_processes', ({ text }) => Number(/64-byte round trip\s+\S+ ms\s+([\d.]+) ms/.exec(text)?.[1])],
  ['64-byte round trip, threads (ms)', 'threads_vs_processes', ({ text }) => Number(/64-byte round trip\s+([\d.]+) ms/.exec(text)?.[1])],
  ['64 MB round trip, copy (ms)', 'communication_costs', ({ charts }) => charts['Round trip of one message']?.copy?.[BIG]],
  ['64 MB round trip, transfer (ms)', 'communication_costs', ({ charts }) => charts['Round trip of one message']?.transfer?.[BIG]],
  ['64 MB round trip, shared memory (ms)', 'communication_costs', ({ charts }) => charts['Round trip of one message']?.shared?.[BIG]],
  ['pool speedup, 2 processes (x)', 'pool_speedup', ({ charts }) => charts['Speedup of the map over processes']?.measured?.[2]],
];

async function measure(run) {
  const samples = Object.fromEntries(METRICS.map(([label]) => [label, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const program of Object.keys(RUNS_OF)) {
      const output = await run(program);
      for (const [label, p, read] of METRICS) {
        if (p !== program) continue;
        const value = read(output);
        if (Number.isFinite(value)) samples[label].push(value);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([label, ys]) => [label, ys.length ? median(ys) : null]));
}

const platforms = [['native', () => measure(runNative)], ['wasm (node)', () => measure(runNode)]];
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

// The longest gap between two animation frames of the page, measured in the
// page, from Run until the failure demo (at its defaults) is done.
async function slowestFrameDuringFailures() {
  const { openSite, openLesson } = await import('../../tests/e2e/browser.mjs');
  const site = await openSite();
  const slowest = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      await openLesson(site, '04-multiprocessing');
      const cell = '.cell[data-program=failures] >> nth=0';
      const handle = await site.page.locator(cell).elementHandle();
      const gaps = handle.evaluate((el) => new Promise((resolve) => {
        const seen = [];
        let last = performance.now();
        const frame = (now) => {
          const running = el.dataset.state === 'running';
          if (running) seen.push(now - last);
          last = now;
          if (seen.length && !running) resolve(seen);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }));
      await site.page.click(`${cell} >> .run`);
      slowest.push(Math.max(...(await gaps)));
    }
  } finally {
    await site.close();
  }
  return median(slowest);
}

const results = {};
for (const [name, measureAll] of platforms) {
  process.stderr.write(`measuring ${name} (${RUNS} runs)...\n`);
  results[name] = await measureAll();
}
const names = platforms.map(([name]) => name);

printTable(`Lesson 4: processes, medians of ${RUNS} runs`, ['measurement', ...names],
  METRICS.map(([label]) => [label, ...names.map((n) => fmt(results[n][label], 3))]));

const mbPerS = (ms) => (2 * BIG) / 1e6 / (ms / 1e3);
printTable('Lesson 4: 64 MB throughput (there and back) and targets', ['measurement', ...names, 'target'], [
  ['copy (MB/s)', ...names.map((n) => fmt(mbPerS(results[n]['64 MB round trip, copy (ms)']), 0)), ''],
  ['transfer (MB/s)', ...names.map((n) => fmt(mbPerS(results[n]['64 MB round trip, transfer (ms)']), 0)), ''],
  ['shared memory (MB/s)', ...names.map((n) => fmt(mbPerS(results[n]['64 MB round trip, shared memory (ms)']), 0)), ''],
  ['transfer vs copy, 64 MB', ...names.map((n) => `${fmt(results[n]['64 MB round trip, copy (ms)'] / results[n]['64 MB round trip, transfer (ms)'], 0)}x`), '>= 100x'],
  ['pool speedup, 2 processes', ...names.map((n) => `${fmt(results[n]['pool speedup, 2 processes (x)'])}x`), '>= 1.8x'],
  ['process start vs native', ...names.map((n) => `${fmt(results[n]['process start + join (ms)'] / results.native['process start + join (ms)'], 1)}x`), ''],
]);

if (BROWSER) {
  process.stderr.write(`measuring animation frames during the failure demo (${RUNS} runs)...\n`);
  printTable('Lesson 4: the page while the failure demo runs (Chromium)', ['measurement', 'median', 'target'], [
    ['slowest animation frame gap (ms)', fmt(await slowestFrameDuringFailures(), 0), '< 1000'],
  ]);
}
