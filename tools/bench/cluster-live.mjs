#!/usr/bin/env node
// Benchmark of the cluster widget's live engine in headless Chromium: messages
// routed per second (node worker -> router -> node worker, and the clients'
// requests and replies) with detail 'counts', under a flood of clients at a
// high rate, plus the operations completed. Median of --runs runs (3) of
// --seconds (5) each, measured after a 1 s warm-up. Prints a table; not a test.
//   node tools/bench/cluster-live.mjs [--runs 3] [--seconds 5] [--only <text in a case's name>]
// Needs build/public/wasm/kv.{js,wasm}.
import { loadavg } from 'node:os';
import { launchBrowser } from '../../tests/e2e/browser.mjs';
import { serveClusterHarness } from '../../tests/e2e/cluster-harness/serve.mjs';
import { openClusterHarness, startRun, waitForLive } from '../../tests/e2e/cluster-harness/browser.mjs';
import { median, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RUNS = option('--runs', 3);
const SECONDS = option('--seconds', 5);
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : '';

const base = { seed: 1, ops: 20000, keys: 10, latency: 'constant:0ms', clientTimeoutMs: 2000, faults: [] };
const CASES = [
  { name: 'raft, 3 nodes, 50 clients', spec: { ...base, protocol: 'raft', nodes: 3, clients: 50, rate: 1e6 } },
  { name: 'raft, 5 nodes, 50 clients', spec: { ...base, protocol: 'raft', nodes: 5, clients: 50, rate: 1e6 } },
  { name: 'quorum N=3, 5 nodes, 50 clients', spec: { ...base, protocol: 'quorum', nodes: 5, replicas: 3, r: 2, w: 2, clients: 50, rate: 1e6 } },
  { name: 'raft, 3 nodes, 50 clients, detail full', detail: 'full', spec: { ...base, protocol: 'raft', nodes: 3, clients: 50, rate: 1e6 } },
];

const tallies = (page) => page.evaluate(() => ({ at: performance.now(), delivered: window.live.tally.delivered ?? 0, ok: window.live.tally.ok ?? 0 }));

async function measure(browser, url, { spec, detail = 'counts' }) {
  const harness = await openClusterHarness(browser, url);
  try {
    await startRun(harness.page, spec, { detail, keep: false });
    await waitForLive(harness.page, (live) => (live.tally.ok ?? 0) > 0, { what: 'the first completed operation' });
    await harness.page.waitForTimeout(1000);
    const start = await tallies(harness.page);
    await harness.page.waitForTimeout(SECONDS * 1000);
    const end = await tallies(harness.page);
    const problems = await harness.page.evaluate(() => window.live.problems);
    if (problems.length) throw new Error(problems.join('; '));
    const seconds = (end.at - start.at) / 1000;
    return { routed: (end.delivered - start.delivered) / seconds, ok: (end.ok - start.ok) / seconds };
  } finally {
    await harness.page.evaluate(() => window.live?.control.stop()).catch(() => {});
    await harness.close();
  }
}

const server = await serveClusterHarness();
const browser = await launchBrowser();
try {
  const rows = [];
  for (const c of CASES.filter((x) => x.name.includes(ONLY))) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await measure(browser, server.url, c));
    const routed = median(runs.map((r) => r.routed));
    rows.push([c.name, c.detail ?? 'counts', Math.round(routed).toLocaleString('en'),
      Math.round(median(runs.map((r) => r.ok))).toLocaleString('en'), runs.map((r) => Math.round(r.routed)).join(', ')]);
  }
  printTable(`Live engine in Chromium: median of ${RUNS} runs of ${SECONDS} s (load average ${loadavg()[0].toFixed(2)})`,
    ['case', 'detail', 'messages routed/s', 'operations ok/s', 'runs (routed/s)'], rows);
} finally {
  await browser.close();
  await server.close();
}
