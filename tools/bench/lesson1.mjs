#!/usr/bin/env node
// Lesson 1 benchmark: the same programs natively (g++ -O2), as wasm in headless
// Chromium (through the real page), and their Python twins in Pyodide in the
// same page. Also: navigation to the first output line, and the bytes (gzip)
// a learner downloads before Monaco starts loading.
//   node tools/bench/lesson1.mjs [--n 10000000] [--reps 5] [--runs 3]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openSite, openLesson } from '../../tests/e2e/browser.mjs';
import { median, fmt, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const N = option('--n', 1e7);
const REPS = option('--reps', 5);
const RUNS = option('--runs', 3);
const PY_N = option('--python-n', N);
const args = [`n_min=${N}`, `n_max=${N}`, `reps=${REPS}`];

function nativeRun(program) {
  const out = execFileSync(`build/native/programs/${program}`, args, { encoding: 'utf8' });
  const points = out.split('\n').filter((l) => l.startsWith('@cdd ')).map((l) => JSON.parse(l.slice(5)));
  return Object.fromEntries(points.filter((p) => p.kind === 'point' && p.x === N).map((p) => [p.series, p.y]));
}

async function pageRun(site, program, button, params) {
  const cell = `.cell[data-program=${program}]`;
  for (const [k, v] of Object.entries(params)) await site.page.fill(`${cell} input[name=${k}]`, String(v));
  await site.page.click(`${cell} .${button}`);
  await site.page.waitForFunction((s) => ['done', 'error'].includes(document.querySelector(s).dataset.state), cell, { timeout: 600000 });
  return site.page.$eval(cell, (el) => {
    const out = {};
    for (const chart of el.querySelectorAll('.chart-view')) {
      for (const [series, points] of Object.entries(chart.cddChart.seriesData())) out[series] = Object.fromEntries(points);
    }
    return out;
  });
}

function collect(runs) {
  const bySeries = {};
  for (const run of runs) for (const [series, y] of Object.entries(run)) (bySeries[series] ||= []).push(y);
  return Object.fromEntries(Object.entries(bySeries).map(([s, ys]) => [s, median(ys)]));
}

const PAIRS = {
  list_creation: [
    ['vector push_back', 'Python: list.append'],
    ['vector reserve + push_back', 'Python: [0]*n, then assign'],
    ['std::list push_back', 'Python: deque.append'],
  ],
  search_missing: [
    ['linear search', 'Python: linear search'],
    ['binary search (sorted)', 'Python: binary search (bisect)'],
    ['hash set', 'Python: set'],
  ],
};

async function firstOutputAndBytes() {
  const times = [];
  let bytes = null;
  for (let i = 0; i < 5; i++) {
    const site = await openSite();
    const fetched = [];
    let monacoStarted = false;
    site.page.on('request', (r) => {
      if (/monaco|editor\.worker|codicon/.test(r.url())) monacoStarted = true;
    });
    site.page.on('response', async (r) => {
      if (monacoStarted || r.status() !== 200) return;
      try {
        if (!fetched.some((f) => f.url === r.url())) fetched.push({ url: r.url(), gzip: gzipSync(await r.body(), { level: 9 }).length });
      } catch { /* redirected or aborted */ }
    });
    await site.page.goto(`${site.url}#/01-why-performance`);
    // Press Run as soon as the cell exists, from inside the page (no driver latency).
    await site.page.evaluate(() => new Promise((resolve) => {
      const press = () => {
        const button = document.querySelector('.cell[data-program=list_creation] .run');
        if (button) resolve(button.click());
        else requestAnimationFrame(press);
      };
      press();
    }));
    await site.page.waitForFunction(() => document.querySelector('.cell-terminal').cddTerminal.lines.length > 1);
    // performance.now() counts from the start of navigation.
    times.push(await site.page.evaluate(() => document.querySelector('.cell-terminal').cddTerminal.lines[1].time));
    await site.page.waitForTimeout(300);
    if (i === 0) bytes = fetched;
    await site.close();
  }
  return { firstOutputMs: median(times), bytes };
}

const native = {};
for (const program of Object.keys(PAIRS)) native[program] = collect(Array.from({ length: RUNS }, () => nativeRun(program)));

const site = await openSite();
const wasm = {};
const python = {};
for (const program of Object.keys(PAIRS)) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    await openLesson(site, '01-why-performance');
    runs.push(await pageRun(site, program, 'run', { n_min: N, n_max: N, reps: REPS }));
  }
  wasm[program] = collect(runs.map((r) => Object.fromEntries(Object.entries(r).map(([s, p]) => [s, p[N]]))));
  await openLesson(site, '01-why-performance');
  const py = await pageRun(site, program, 'python', { n_min: PY_N, n_max: PY_N, reps: Math.min(REPS, 3) });
  python[program] = Object.fromEntries(Object.entries(py).map(([s, p]) => [s, p[PY_N]]));
}
await site.close();

const rows = [];
for (const [program, pairs] of Object.entries(PAIRS)) {
  for (const [cpp, py] of pairs) {
    const n = native[program][cpp];
    const w = wasm[program][cpp];
    const p = python[program][py];
    rows.push([program, cpp, fmt(n, 4), fmt(w, 4), fmt(w / n), py.replace('Python: ', ''), fmt(p, 3), fmt(p / w, 0)]);
  }
}
printTable(`Lesson 1 at n = ${N} (median ms; wasm in headless Chromium; Python in Pyodide at n = ${PY_N})`,
  ['program', 'C++ way', 'native', 'wasm', 'wasm/native', 'Python way', 'Pyodide', 'Pyodide/wasm'], rows);

const { firstOutputMs, bytes } = await firstOutputAndBytes();
const total = bytes.reduce((sum, b) => sum + b.gzip, 0);
printTable('Page load (localhost, cold profile each time)', ['measure', 'value'], [
  ['navigation to first output line (median of 5)', `${fmt(firstOutputMs, 0)} ms`],
  ['bytes before Monaco loads (gzip -9, each URL once)', `${fmt(total / 1024, 1)} KB in ${bytes.length} files`],
]);
for (const b of bytes.sort((a, c) => c.gzip - a.gzip).slice(0, 8)) console.log(`    ${fmt(b.gzip / 1024, 1)} KB  ${b.url.replace(/^http:\/\/[^/]+/, '')}`);
