#!/usr/bin/env node
// Benchmark of a learner's own node program in headless Chromium (the live
// engine's protocol 'own', through tests/e2e/cluster-harness):
//   - warm compile of a node program in the page (after one cold compile that
//     downloads the compiler): the echo template when it exists
//     (lessons/05-distributed-systems/nodes/echo.cpp), and the browser test's
//     echo node without a JSON library (tests/e2e/fixtures/own_echo_node.cpp);
//   - start of 5 compiled nodes: from startLive to every node's init_ok at the
//     router (events reach the page every 50 ms: that is the resolution);
//   - messages per second through compiled nodes: an echo flood (many
//     clients, one request in flight each, no latency) with detail 'counts'.
// Medians of --runs runs (5). Targets (issue 16): compile <= 2 s, start <= 1 s,
// >= 20,000 messages/s. Prints tables; not a test.
//   node tools/bench/own-node.mjs [--runs 5] [--seconds 5]
// Needs build/public/compiler (tools/build.sh assets).
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchBrowser } from '../../tests/e2e/browser.mjs';
import { serveClusterHarness } from '../../tests/e2e/cluster-harness/serve.mjs';
import { openClusterHarness, startRun, waitForLive } from '../../tests/e2e/cluster-harness/browser.mjs';
import { fmt, median, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RUNS = option('--runs', 5);
const SECONDS = option('--seconds', 5);

const FIXTURE = new URL('../../tests/e2e/fixtures/own_echo_node.cpp', import.meta.url);
const TEMPLATE = new URL('../../lessons/05-distributed-systems/nodes/echo.cpp', import.meta.url);
const PROGRAMS = [
  ...(existsSync(TEMPLATE) ? [{ name: 'echo template (nodes/echo.cpp)', source: readFileSync(TEMPLATE, 'utf8') }] : []),
  { name: 'echo node without JSON library (test fixture)', source: readFileSync(FIXTURE, 'utf8') },
];
const base = { protocol: 'own', workload: 'echo', seed: 1, ops: 1000, keys: 1, latency: 'constant:0ms', clientTimeoutMs: 5000, faults: [] };

// Compiles `source` once cold, then RUNS times warm (each a different text, so nothing is reused); ms.
async function compileTimes(page, source) {
  const compile = (text) => page.evaluate((s) => window.compileOwn({ 'main.cpp': s }), text);
  const cold = await compile(source);
  if (!cold.ok) return { error: cold.log.split('\n')[0] };
  const warm = [];
  for (let i = 0; i < RUNS; i += 1) warm.push((await compile(`${source}\n// run ${i}\n`)).ms);
  return { cold: cold.ms, warm };
}

// From runLive to every node's init_ok delivered to the router's client (ms).
const startTime = (page, spec) => page.evaluate((s) => new Promise((resolve) => {
  const t0 = performance.now();
  window.runLive(s);
  const check = () => {
    const inits = new Set(window.live.events.filter((e) => e.event === 'deliver' && e.message.body.type === 'init_ok').map((e) => e.message.src));
    if (inits.size === s.nodes) resolve(performance.now() - t0);
    else setTimeout(check, 2);
  };
  check();
}), spec);

async function floodRate(page, spec) {
  await startRun(page, spec, { detail: 'counts', keep: false });
  await waitForLive(page, (live) => (live.tally.ok ?? 0) > 0, { what: 'the first echo', timeout: 90000 });
  await page.waitForTimeout(1000);
  const tallies = () => page.evaluate(() => ({ at: performance.now(), delivered: window.live.tally.delivered ?? 0, ok: window.live.tally.ok ?? 0 }));
  const start = await tallies();
  await page.waitForTimeout(SECONDS * 1000);
  const end = await tallies();
  const problems = await page.evaluate(() => window.live.problems);
  await page.evaluate(() => window.live.control.stop());
  if (problems.length) throw new Error(problems.join('; '));
  const seconds = (end.at - start.at) / 1000;
  return { messages: (end.delivered - start.delivered) / seconds, ok: (end.ok - start.ok) / seconds };
}

const server = await serveClusterHarness();
const browser = await launchBrowser();
try {
  const harness = await openClusterHarness(browser, server.url);
  const compileRows = [];
  for (const { name, source } of PROGRAMS) {
    const t = await compileTimes(harness.page, source);
    compileRows.push(t.error ? [name, '–', '–', `does not compile here: ${t.error}`]
      : [name, fmt(t.cold / 1000), fmt(median(t.warm) / 1000), t.warm.map((ms) => fmt(ms / 1000)).join(', ')]);
  }
  printTable(`Compile of a node program in the page, s (target warm <= 2 s; load average ${loadavg()[0].toFixed(2)})`,
    ['program', 'first (download)', 'warm median', 'warm runs'], compileRows);

  await harness.page.evaluate((s) => window.compileOwn({ 'main.cpp': s }), readFileSync(FIXTURE, 'utf8'));
  const starts = [];
  for (let i = 0; i < RUNS; i += 1) {
    starts.push(await startTime(harness.page, { ...base, nodes: 5, clients: 1, rate: 1 }));
    await harness.page.evaluate(() => window.live.control.stop());
  }
  printTable('Start of 5 compiled nodes, until every init_ok (target <= 1 s; 50 ms resolution)',
    ['nodes', 'median ms', 'runs (ms)'], [['5', fmt(median(starts), 0), starts.map((ms) => fmt(ms, 0)).join(', ')]]);

  const floodRows = [];
  for (const [nodes, clients] of [[3, 60], [5, 100]]) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await floodRate(harness.page, { ...base, nodes, clients, rate: 1e6 }));
    floodRows.push([`${nodes} nodes, ${clients} clients`, Math.round(median(runs.map((r) => r.messages))).toLocaleString('en'),
      Math.round(median(runs.map((r) => r.ok))).toLocaleString('en'), runs.map((r) => Math.round(r.messages)).join(', ')]);
  }
  printTable(`Echo flood through compiled nodes: median of ${RUNS} runs of ${SECONDS} s (target >= 20,000 messages/s)`,
    ['case', 'messages/s', 'echoes ok/s', 'runs (messages/s)'], floodRows);
  await harness.close();
} finally {
  await browser.close();
  await server.close();
}
