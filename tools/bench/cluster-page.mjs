#!/usr/bin/env node
// Lesson 5's page in headless Chromium (issue 13's targets), medians of --runs (3):
//   frame time:   the built lesson page, a live 5-node Raft cluster with animation on at about
//                 200 delivered messages per second: 95th percentile of the time between frames;
//   verdict:      the live checker worker fed a linearizable history of n operations at once:
//                 time from the last operation's arrival to the verdict (pacing included);
//   replay speed: the replay worker running a 5-node Raft spec detached (views detached):
//                 simulated messages delivered per second of wall time.
// The messages-routed figure is tools/bench/cluster-live.mjs. Needs `npm run build`.
//   node tools/bench/cluster-page.mjs [--runs 3]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchBrowser, openSite } from '../../tests/e2e/browser.mjs';
import { serveClusterHarness } from '../../tests/e2e/cluster-harness/serve.mjs';
import { median, fmt, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 3);
const SLUG = '05-distributed-systems';

async function frameTimes(browser) {
  const site = await openSite({ browser });
  try {
    await site.page.goto(`${site.url}#/${SLUG}`);
    await site.page.waitForSelector('[data-cluster="raft"] .run');
    await site.page.$eval('[data-cluster="raft"]', (el) => {
      el.cddCluster.setMode('live');
      el.cddCluster.setSpec({ faults: [], rate: 5 });
      return el.cddCluster.run();
    });
    await site.page.waitForTimeout(3000); // elected, warmed up
    return await site.page.$eval('[data-cluster="raft"]', (el) => new Promise((resolve) => {
      const gaps = [];
      const series = () => el.cddCluster.session.model.series();
      const delivered = (v) => v.messagesPerOp.reduce((sum, m, i) => sum + (m ?? 0) * (v.okPerSecond[i] + v.failedPerSecond[i]), 0);
      const before = delivered(series());
      const start = performance.now();
      let last = start;
      const frame = (now) => {
        gaps.push(now - last);
        last = now;
        if (now - start < 8000) return requestAnimationFrame(frame);
        const seconds = (now - start) / 1000;
        el.cddCluster.stop();
        gaps.sort((a, b) => a - b);
        resolve({ p95: gaps[Math.floor(gaps.length * 0.95)], perSecond: (delivered(series()) - before) / seconds });
      };
      requestAnimationFrame(frame);
    }));
  } finally {
    await site.close();
  }
}

function historyOps(n) {
  const kvjs = createRequire(import.meta.url)('../../build/public/wasm/kv.js');
  delete globalThis.fetch;
  return kvjs({ wasmBinary: readFileSync(new URL('../../build/public/wasm/kv.wasm', import.meta.url)) })
    .then((kv) => kv.generateHistory(n, 1).trim().split('\n').map((line) => JSON.parse(line)));
}

async function verdictLatency(browser, server, ops) {
  const page = await (await browser.newContext()).newPage();
  try {
    await page.goto(`${server.url}index.html`);
    return await page.evaluate(async (history) => {
      const worker = new Worker('./src/widgets/cluster/engines/live-checker-worker.js', { type: 'module' });
      const replies = new Map();
      worker.onmessage = ({ data }) => replies.get(data.call)?.(data);
      const call = (id, method, args, transfer = []) => new Promise((resolve) => {
        replies.set(id, resolve);
        worker.postMessage({ call: id, method, args }, transfer);
      });
      await call(1, 'load', { wasmBase: new URL('wasm/', document.baseURI).href });
      const channel = new MessageChannel();
      // The whole history arrives in one message, so the first verdict covers all of it.
      const verdict = new Promise((resolve, reject) => replies.set(2, (d) => (d.event ? resolve(d.event) : reject(new Error(d.error?.message ?? 'no verdict')))));
      worker.postMessage({ call: 2, method: 'watch', args: { port: channel.port2 } }, [channel.port2]);
      const start = performance.now();
      channel.port1.postMessage(history);
      const v = await verdict;
      const ms = performance.now() - start;
      worker.terminate();
      return { ms, check: v.ms, verdict: v.verdict, operations: v.operations };
    }, ops);
  } finally {
    await page.context().close();
  }
}

async function replaySpeed(browser) {
  const site = await openSite({ browser });
  try {
    await site.page.goto(`${site.url}#/${SLUG}`);
    await site.page.waitForSelector('[data-cluster="raft"] .run');
    return await site.page.$eval('[data-cluster="raft"]', async (el) => {
      await el.cddCluster.run();
      const spec = { ...el.cddCluster.spec, ops: 20000, faults: [] };
      const result = await el.cddCluster.session.engine.runDetached(spec);
      el.cddCluster.stop();
      return result.messagesPerSecond;
    });
  } finally {
    await site.close();
  }
}

const browser = await launchBrowser();
const server = await serveClusterHarness();
try {
  const frames = [];
  for (let i = 0; i < RUNS; i++) frames.push(await frameTimes(browser));
  const verdicts = [];
  for (const n of [1000, 5000, 10000]) {
    const history = await historyOps(n);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await verdictLatency(browser, server, history));
    verdicts.push([n, runs]);
  }
  const replays = [];
  for (let i = 0; i < RUNS; i++) replays.push(await replaySpeed(browser));
  printTable(`Lesson 5 in Chromium: medians of ${RUNS} runs (load average ${loadavg()[0].toFixed(2)})`,
    ['measurement', 'value', 'target', 'runs'], [
      ['frame time p95, live Raft 5 nodes, animation on', `${fmt(median(frames.map((f) => f.p95)), 1)} ms at ${fmt(median(frames.map((f) => f.perSecond)), 0)} msg/s`, '≤ 16.7 ms at 200 msg/s', frames.map((f) => fmt(f.p95, 1)).join(', ')],
      ...verdicts.map(([n, runs]) => [`verdict after the last of ${n} operations`, `${fmt(median(runs.map((r) => r.ms)), 0)} ms (check ${fmt(median(runs.map((r) => r.check)), 0)} ms)`, '≤ 1000 ms', runs.map((r) => `${fmt(r.ms, 0)} ${r.verdict}`).join(', ')]),
      ['replay detached, Raft 5 nodes, 20,000 ops', `${fmt(median(replays) / 1e6, 2)} M msg/s`, '≥ 1 M msg/s', replays.map((r) => fmt(r / 1e6, 2)).join(', ')],
    ]);
} finally {
  await server.close();
  await browser.close();
}
