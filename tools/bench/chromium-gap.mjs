#!/usr/bin/env node
// Why do 2-thread speedups trail node's in Chromium? The same wasm
// (task_parallel, max_threads=2) three ways, alternating, N runs each:
//   - node: tools/run-wasm.mjs (worker_threads);
//   - Chromium, bare page: a page holding only a worker that runs the program
//     (tools/bench/bare-page/), no lesson, editor, charts or terminal;
//   - Chromium, lesson page: dist/, lesson 3, press Run (as learners do).
// For both pages it also reads how busy the page's main thread was while the
// program ran (Chrome DevTools Protocol Performance.getMetrics: TaskDuration,
// ScriptDuration, LayoutDuration + RecalcStyleDuration, as a share of the run's
// wall time). Prints Markdown tables of medians.
// With --trace FILE it also records a Chromium trace of the lesson page's
// last run and prints where the page's main thread spent that time.
//   node tools/bench/chromium-gap.mjs [--runs 3] [--trace FILE]
import { execFileSync } from 'node:child_process';
import { launchBrowser } from '../../tests/e2e/browser.mjs';
import { serveStatic } from '../static-server.mjs';
import { runFromLines, point } from './claims/checks.mjs';
import { pageRunner } from './claims/page-runs.mjs';
import { median, fmt, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const TRACE = argv.includes('--trace') ? argv[argv.indexOf('--trace') + 1] : '';
const ARGS = { max_threads: 2, reps: 5 };
const argList = Object.entries(ARGS).map(([k, v]) => `${k}=${v}`);

const speedups = (lines, cores) => {
  const run = runFromLines(lines, cores);
  return { map: point('task-speedup', 'parallel map', 2)(run), sum: point('task-speedup', 'parallel sum (reduction)', 2)(run) };
};

// The page main thread's busy seconds (CDP metrics) between two readings.
async function metricsOf(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
const busyShare = (before, after, seconds) => ({
  task: (after.TaskDuration - before.TaskDuration) / seconds,
  script: (after.ScriptDuration - before.ScriptDuration) / seconds,
  layout: (after.LayoutDuration + after.RecalcStyleDuration - before.LayoutDuration - before.RecalcStyleDuration) / seconds,
});

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'gpu'];
const browser0 = (runner) => runner.page.context().browser();
const lesson = await pageRunner();
const lessonCdp = await lesson.page.context().newCDPSession(lesson.page);
await lessonCdp.send('Performance.enable');

const server = await serveStatic({ mounts: [['/bare/wasm/', 'dist/wasm'], ['/bare/', 'tools/bench/bare-page'], ['/', 'dist']] });
const browser = await launchBrowser();
const bare = await (await browser.newContext()).newPage();
await bare.goto(`${server.url}bare/index.html`);
const bareCdp = await bare.context().newCDPSession(bare);
await bareCdp.send('Performance.enable');

const samples = { node: [], bare: [], lesson: [] };
const busy = { bare: [], lesson: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['tools/run-wasm.mjs', 'task_parallel', ...argList], { encoding: 'utf8' });
    samples.node.push(speedups(out.split('\n'), 2));

    let before = await metricsOf(bareCdp);
    const started = Date.now();
    const { lines, code } = await bare.evaluate(([p, a]) => window.runBare(p, a), ['task_parallel', argList]);
    if (code !== 0) throw new Error(`the bare page's run ended with ${code}`);
    busy.bare.push(busyShare(before, await metricsOf(bareCdp), (Date.now() - started) / 1000));
    samples.bare.push(speedups(lines, 2));

    const tracing = TRACE && i === RUNS - 1;
    const beforeRun = async () => {
      if (tracing) await browser0(lesson).startTracing(lesson.page, { path: TRACE, categories: TRACE_CATEGORIES });
      before = await metricsOf(lessonCdp);
    };
    const run = await lesson.run('03-parallelism', 'task_parallel', ARGS, '', { beforeRun });
    if (tracing) await browser0(lesson).stopTracing();
    busy.lesson.push(busyShare(before, await metricsOf(lessonCdp), run.seconds));
    samples.lesson.push(speedups(run.lines, run.cores));
    console.error(`run ${i + 1}/${RUNS} done`);
  }
} finally {
  await lesson.close();
  await browser.close();
  await server.close();
}

const med = (list, key) => median(list.map((s) => s[key]).filter((v) => v !== undefined));
printTable(`2-thread speedup of task_parallel (median of ${RUNS}; same wasm)`, ['job', 'node', 'Chromium, bare page', 'Chromium, lesson page'],
  ['map', 'sum'].map((k) => [k, `${fmt(med(samples.node, k))}x`, `${fmt(med(samples.bare, k))}x`, `${fmt(med(samples.lesson, k))}x`]));
printTable('Page main thread busy while the program ran (share of the run\'s wall time, median)', ['page', 'all tasks', 'script', 'style + layout'],
  ['bare', 'lesson'].map((p) => [p, fmt(med(busy[p], 'task')), fmt(med(busy[p], 'script')), fmt(med(busy[p], 'layout'))]));

if (TRACE) {
  const { readFileSync } = await import('node:fs');
  const events = JSON.parse(readFileSync(TRACE, 'utf8')).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`) || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20);
  printTable(`Renderer main threads during the last lesson-page run (trace ${TRACE}; nested events overlap)`, ['event', 'ms'],
    top.map(([name, ms]) => [name, fmt(ms, 1)]));
}
