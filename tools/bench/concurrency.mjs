#!/usr/bin/env node
// Lesson 2 benchmark: the lesson's own programs natively (g++ -O2) and as
// WebAssembly under node (tools/run-wasm.mjs, real threads = worker_threads),
// medians over several runs of each program:
//   - what a thread costs: start + join an empty thread, a blocking hand-off
//   - counting with a mutex, an atomic and partial sums at 1, 2, 4 threads
//   - queue throughput, 1/2/4 producers and consumers, with and without work per item
//   node tools/bench/concurrency.mjs [--runs 3] [--chromium]
// With --chromium the wasm column is measured in headless Chromium instead,
// through the real lesson page (dist/, served with COOP/COEP), so the threads
// are Web Workers of the browser.
// CDD_NATIVE_DIR overrides where the native programs are (build/native/programs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, fmt, printTable } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const CHROMIUM = argv.includes('--chromium');
const WASM = CHROMIUM ? 'wasm (Chromium)' : 'wasm (node)';
const nativeDir = process.env.CDD_NATIVE_DIR || join(root, 'build', 'native', 'programs');

function reportsOf(output) {
  return output.split('\n').filter((l) => l.startsWith('@cdd ')).map((l) => JSON.parse(l.slice(5)));
}

let site = null;
if (CHROMIUM) {
  const { openSite } = await import('../../tests/e2e/browser.mjs');
  site = await openSite();
}

// Runs a lesson cell in the page with `args` and rebuilds the report lines it
// drew: chart points from the charts' series, table rows from the tables.
async function runInPage(program, args) {
  const { openLesson } = await import('../../tests/e2e/browser.mjs');
  await openLesson(site, '02-concurrency');
  const cell = `.cell[data-program=${program}]:not(:has(.cell-title:not([hidden])))`;
  for (const arg of args) {
    const [key, value] = arg.split('=');
    const select = await site.page.$(`${cell} select[name=${key}]`);
    if (select) await select.selectOption(value);
    else await site.page.fill(`${cell} input[name=${key}]`, value);
  }
  await site.page.click(`${cell} .run`);
  await site.page.waitForFunction((s) => ['done', 'error'].includes(document.querySelector(s).dataset.state), cell, { timeout: 600000 });
  return site.page.$eval(cell, (el) => {
    const reports = [];
    for (const chart of el.querySelectorAll('.chart-view')) {
      for (const [series, points] of Object.entries(chart.cddChart.seriesData())) {
        for (const [x, y] of points) reports.push({ kind: 'point', series, x, y });
      }
    }
    for (const tr of el.querySelectorAll('.table-view tbody tr')) {
      reports.push({ kind: 'table', row: [...tr.cells].map((c) => c.textContent) });
    }
    return reports;
  });
}

async function run(where, program, args) {
  if (where === 'wasm' && CHROMIUM) return runInPage(program, args);
  const output = where === 'native'
    ? execFileSync(join(nativeDir, program), args, { encoding: 'utf8', maxBuffer: 1 << 26 })
    : execFileSync(process.execPath, [join(root, 'tools', 'run-wasm.mjs'), program, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return reportsOf(output);
}

// Runs `program` RUNS times in each runtime; `pick(reports)` returns {key: value}.
async function measure(program, args, pick) {
  const result = {};
  for (const where of ['native', 'wasm']) {
    const samples = {};
    for (let i = 0; i < RUNS; i++) {
      for (const [key, value] of Object.entries(pick(await run(where, program, args)))) (samples[key] ||= []).push(value);
    }
    result[where] = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  }
  return result;
}

const ratio = (w, n) => (n > 0 ? `${(w / n).toFixed(2)}x` : '–');

// 1. What a thread costs (the timeline program's table, in microseconds).
const costs = await measure('timeline', ['tasks=1', 'work_ms=1'], (reports) =>
  Object.fromEntries(reports.filter((r) => r.kind === 'table' && r.row).map((r) => [r.row[0], parseFloat(r.row[1])])));
printTable('What a thread costs (median, microseconds)', ['operation', 'native', WASM, 'wasm / native (time)'],
  Object.keys(costs.native).map((k) => [k, fmt(costs.native[k], 1), fmt(costs.wasm[k], 1), ratio(costs.wasm[k], costs.native[k])]));

// 2. Counting hits: every thread does the same work (2e6 numbers).
// The time chart's series are named after the methods (the lost-update chart's end in "lost updates").
const methods = ['racy', 'mutex', 'atomic', 'partial sums'];
const counting = await measure('races', ['method=all', 'threads=4', 'n=10000000', 'runs=5'], (reports) =>
  Object.fromEntries(reports.filter((r) => r.kind === 'point' && methods.includes(r.series)).map((r) => [`${r.series}|${r.x}`, r.y])));
printTable('Counting 1e7 numbers per thread (median ms; same work per thread, so flat = perfect scaling)',
  ['method', 'threads', 'native', WASM, 'wasm / native (time)'],
  methods.flatMap((m) => [1, 2, 4].map((t) => {
    const key = `${m}|${t}`;
    return [m, t, fmt(counting.native[key]), fmt(counting.wasm[key]), ratio(counting.wasm[key], counting.native[key])];
  })));

// 3. Queue throughput (items per ms), equal numbers of producers and consumers.
for (const work of [0, 200]) {
  const queue = await measure('queue', ['threads=4', 'items=100000', 'runs=3', `work=${work}`], (reports) =>
    Object.fromEntries(reports.filter((r) => r.kind === 'point' && / producers?$/.test(r.series))
      .filter((r) => Number.parseInt(r.series, 10) === r.x).map((r) => [r.x, r.y])));
  printTable(`Queue throughput, ${work} work steps per item (median items/ms, p producers + p consumers)`,
    ['p', 'native', WASM, 'wasm / native (throughput: above 1, wasm is faster)'],
    [1, 2, 4].map((p) => [p, fmt(queue.native[p], 0), fmt(queue.wasm[p], 0), ratio(queue.wasm[p], queue.native[p])]));
}

// 4. One operation, no contention: explains the single-thread gaps above.
// WebAssembly's atomics are all sequentially consistent, so a "relaxed"
// store cannot be the plain store it is natively.
try {
  const dir = mkdtempSync(join(tmpdir(), 'cdd-ops-'));
  const source = join(root, 'tools', 'bench', 'concurrency_ops.cpp');
  execFileSync('g++', ['-O2', '-std=c++17', '-pthread', source, '-o', join(dir, 'ops')]);
  execFileSync('em++', ['-O2', '-std=c++17', '-pthread', '-sPROXY_TO_PTHREAD', '-sEXIT_RUNTIME=1', source, '-o', join(dir, 'ops.js')],
    { env: { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' }, stdio: 'ignore' });
  const parse = (text) => Object.fromEntries(text.trim().split('\n').map((l) => {
    const at = l.lastIndexOf(' ');
    return [l.slice(0, at), Number(l.slice(at + 1))];
  }));
  const native = parse(execFileSync(join(dir, 'ops'), { encoding: 'utf8' }));
  const wasm = parse(execFileSync(process.execPath, ['--no-experimental-fetch', join(dir, 'ops.js')], { encoding: 'utf8' }));
  printTable('One operation, one thread (ns; wasm under node)', ['operation', 'native', 'wasm', 'wasm / native (time)'],
    Object.keys(native).map((k) => [k, fmt(native[k]), fmt(wasm[k]), ratio(wasm[k], native[k])]));
} catch (error) {
  console.log(`\n(one-operation table skipped: ${error.message.split('\n')[0]})`);
}

await site?.close();
