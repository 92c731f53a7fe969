#!/usr/bin/env node
// Why do 2-thread speedups trail node's in Chromium? The same wasm
// (task_parallel with max_threads=2: map and sum; mandelbrot with threads=2:
// the dynamic schedule) three ways, alternating, N runs each:
//   - node: tools/run-wasm.mjs (worker_threads);
//   - Chromium, bare page: a page holding only a worker that runs the program
//     (tools/bench/bare-page/), no lesson, editor, charts or terminal;
//   - Chromium, lesson page: dist/, lesson 3, press Run (as learners do).
// For both pages it also reads how busy the page's main thread was while the
// program ran (Chrome DevTools Protocol Performance.getMetrics: TaskDuration,
// ScriptDuration, LayoutDuration + RecalcStyleDuration, as a share of the run's
// wall time). Prints Markdown tables of medians, and the load average.
// With --trace FILE it also records a Chromium trace of the lesson page's
// last run (of task_parallel, or --trace-program) and prints where the page's
// main thread spent that time.
//   node tools/bench/chromium-gap.mjs [--runs 5] [--trace FILE [--trace-program mandelbrot]]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { launchBrowser } from '../../tests/e2e/browser.mjs';
import { serveStatic } from '../static-server.mjs';
import { runFromLines, point } from './claims/checks.mjs';
import { pageRunner } from './claims/page-runs.mjs';
import { median, fmt, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const TRACE = argv.includes('--trace') ? argv[argv.indexOf('--trace') + 1] : '';
const TRACED = argv.includes('--trace-program') ? argv[argv.indexOf('--trace-program') + 1] : 'task_parallel';

// Each program, its arguments (lesson 3's defaults, 2 threads), and the 2-thread speedups read from a run.
const ratio = (chart, series) => (run) => point(chart, series, 1)(run) / point(chart, series, 2)(run);
const PROGRAMS = [
  { program: 'task_parallel', args: { max_threads: 2, reps: 5 }, speedups: {
    map: point('task-speedup', 'parallel map', 2),
    sum: point('task-speedup', 'parallel sum (reduction)', 2),
  } },
  { program: 'mandelbrot', args: { threads: 2 }, speedups: { 'Mandelbrot dynamic': ratio('mandelbrot-time', 'dynamic') } },
];
const JOBS = PROGRAMS.flatMap((p) => Object.keys(p.speedups));
const argList = (args) => Object.entries(args).map(([k, v]) => `${k}=${v}`);

function speedups({ speedups: of }, lines, cores) {
  const run = runFromLines(lines, cores);
  return Object.fromEntries(Object.entries(of).map(([job, measure]) => [job, measure(run)]));
}

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

const samples = { node: [], bare: [], lesson: [] }; // per run: {job: speedup}
const busy = { bare: {}, lesson: {} }; // page -> program -> per run: busy shares

// One run of `entry` in each of the three places, in turn; `tracing`: record the lesson page's run.
async function runEach(entry, tracing) {
  const args = argList(entry.args);
  const out = execFileSync(process.execPath, ['tools/run-wasm.mjs', entry.program, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  samples.node.push(speedups(entry, out.split('\n'), 2));

  let before = await metricsOf(bareCdp);
  const started = Date.now();
  const { lines, code } = await bare.evaluate(([p, a]) => window.runBare(p, a), [entry.program, args]);
  if (code !== 0) throw new Error(`the bare page's run of ${entry.program} ended with ${code}`);
  (busy.bare[entry.program] ??= []).push(busyShare(before, await metricsOf(bareCdp), (Date.now() - started) / 1000));
  samples.bare.push(speedups(entry, lines, 2));

  const beforeRun = async () => {
    if (tracing) await browser0(lesson).startTracing(lesson.page, { path: TRACE, categories: TRACE_CATEGORIES });
    before = await metricsOf(lessonCdp);
  };
  const run = await lesson.run('03-parallelism', entry.program, entry.args, '', { beforeRun });
  if (tracing) await browser0(lesson).stopTracing();
  if (run.state !== 'done') throw new Error(`the lesson page's run of ${entry.program} ended ${run.state}`);
  (busy.lesson[entry.program] ??= []).push(busyShare(before, await metricsOf(lessonCdp), run.seconds));
  samples.lesson.push(speedups(entry, run.lines, run.cores));
}

const loadBefore = loadavg()[0];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const entry of PROGRAMS) await runEach(entry, TRACE && i === RUNS - 1 && entry.program === TRACED);
    console.error(`run ${i + 1}/${RUNS} done`);
  }
} finally {
  await lesson.close();
  await browser.close();
  await server.close();
}

console.log(`load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (2 cores: above 0.5 or so, other programs shared them)`);
const med = (list, key) => median(list.map((s) => s[key]).filter((v) => v !== undefined && Number.isFinite(v)));
const ofNode = (place, job) => `${fmt(med(samples[place], job) / med(samples.node, job))}`;
printTable(`2-thread speedups (median of ${RUNS}; same wasm), and Chromium's relative to node's (target: 0.9 or more)`,
  ['job', 'node', 'Chromium, bare page', 'Chromium, lesson page', 'bare / node', 'lesson / node'],
  JOBS.map((k) => [k, `${fmt(med(samples.node, k))}x`, `${fmt(med(samples.bare, k))}x`, `${fmt(med(samples.lesson, k))}x`,
    ofNode('bare', k), ofNode('lesson', k)]));
printTable(`Page main thread busy while the program ran (share of the run's wall time, median of ${RUNS})`,
  ['page', 'program', 'all tasks', 'script', 'style + layout'],
  ['bare', 'lesson'].flatMap((p) => PROGRAMS.map(({ program }) => {
    const runs = busy[p][program];
    return [p, program, fmt(med(runs, 'task')), fmt(med(runs, 'script')), fmt(med(runs, 'layout'))];
  })));

// Where the traced run's renderer main thread spent its time: per event name, wall
// time (dur) and the thread's CPU time (tdur). On a loaded machine the thread is
// often preempted inside a task, so CPU time is the figure that compares runs.
if (TRACE) {
  const { readFileSync } = await import('node:fs');
  const events = JSON.parse(readFileSync(TRACE, 'utf8')).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byName = new Map(); // name -> [wall ms, CPU ms]
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`) || !e.dur) continue;
    const [wall, cpu] = byName.get(e.name) ?? [0, 0];
    byName.set(e.name, [wall + e.dur / 1000, cpu + (e.tdur ?? 0) / 1000]);
  }
  const top = [...byName].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20);
  printTable(`Renderer main threads during the last lesson-page run of ${TRACED} (trace ${TRACE}; nested events overlap)`,
    ['event', 'wall ms', 'CPU ms'], top.map(([name, [wall, cpu]]) => [name, fmt(wall, 1), fmt(cpu, 1)]));
}
