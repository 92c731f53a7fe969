#!/usr/bin/env node
// Lesson 2 benchmark: the lesson's own programs natively (g++ -O2) and as
// WebAssembly under node (tools/run-wasm.mjs, real threads = worker_threads),
// medians over several runs of each program:
//   - what a thread costs: start + join an empty thread, a blocking hand-off
//   - counting with a mutex, an atomic and partial sums at 1, 2, 4 threads
//   - queue throughput, 1/2/4 producers and consumers, with and without work per item
//   node tools/bench/concurrency.mjs [--runs 3]
// CDD_NATIVE_DIR overrides where the native programs are (build/native/programs).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, fmt, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const nativeDir = process.env.CDD_NATIVE_DIR || join('build', 'native', 'programs');

function reportsOf(output) {
  return output.split('\n').filter((l) => l.startsWith('@cdd ')).map((l) => JSON.parse(l.slice(5)));
}

function run(where, program, args) {
  const output = where === 'native'
    ? execFileSync(join(nativeDir, program), args, { encoding: 'utf8', maxBuffer: 1 << 26 })
    : execFileSync(process.execPath, ['tools/run-wasm.mjs', program, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return reportsOf(output);
}

// Runs `program` RUNS times in each runtime; `pick(reports)` returns {key: value}.
function measure(program, args, pick) {
  const result = {};
  for (const where of ['native', 'wasm']) {
    const samples = {};
    for (let i = 0; i < RUNS; i++) {
      for (const [key, value] of Object.entries(pick(run(where, program, args)))) (samples[key] ||= []).push(value);
    }
    result[where] = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  }
  return result;
}

const ratio = (w, n) => (n > 0 ? `${(w / n).toFixed(2)}x` : '–');

// 1. What a thread costs (the timeline program's table, in microseconds).
const costs = measure('timeline', ['tasks=1', 'work_ms=1'], (reports) =>
  Object.fromEntries(reports.filter((r) => r.kind === 'table' && r.row).map((r) => [r.row[0], parseFloat(r.row[1])])));
printTable('What a thread costs (median, microseconds)', ['operation', 'native', 'wasm (node)', 'wasm / native'],
  Object.keys(costs.native).map((k) => [k, fmt(costs.native[k], 1), fmt(costs.wasm[k], 1), ratio(costs.wasm[k], costs.native[k])]));

// 2. Counting hits: every thread does the same work (2e6 numbers).
const counting = measure('races', ['method=all', 'threads=4', 'n=10000000', 'runs=5'], (reports) =>
  Object.fromEntries(reports.filter((r) => r.kind === 'point' && r.chart === 'time').map((r) => [`${r.series}|${r.x}`, r.y])));
const methods = ['racy', 'mutex', 'atomic', 'partial sums'];
printTable('Counting 1e7 numbers per thread (median ms; same work per thread, so flat = perfect scaling)',
  ['method', 'threads', 'native', 'wasm (node)', 'wasm / native'],
  methods.flatMap((m) => [1, 2, 4].map((t) => {
    const key = `${m}|${t}`;
    return [m, t, fmt(counting.native[key]), fmt(counting.wasm[key]), ratio(counting.wasm[key], counting.native[key])];
  })));

// 3. Queue throughput (items per ms), equal numbers of producers and consumers.
for (const work of [0, 200]) {
  const queue = measure('queue', ['threads=4', 'items=100000', 'runs=3', `work=${work}`], (reports) =>
    Object.fromEntries(reports.filter((r) => r.kind === 'point' && r.chart === 'throughput')
      .filter((r) => Number.parseInt(r.series, 10) === r.x).map((r) => [r.x, r.y])));
  printTable(`Queue throughput, ${work} work steps per item (median items/ms, p producers + p consumers)`,
    ['p', 'native', 'wasm (node)', 'wasm / native'],
    [1, 2, 4].map((p) => [p, fmt(queue.native[p], 0), fmt(queue.wasm[p], 0), ratio(queue.wasm[p], queue.native[p])]));
}
