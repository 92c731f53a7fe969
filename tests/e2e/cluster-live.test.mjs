// The cluster widget's live engine in Chromium: a worker per node, the
// router and the checker, wired by engines/live-client.js, served unbundled
// by tests/e2e/cluster-harness. Every wait is for a condition, with a
// generous timeout; no assertion depends on how fast the machine is.
// Needs build/public/wasm/kv.{js,wasm}.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launchBrowser } from './browser.mjs';
import { serveClusterHarness } from './cluster-harness/serve.mjs';
import { openClusterHarness, startRun, waitForLive } from './cluster-harness/browser.mjs';

const spec = { protocol: 'raft', nodes: 3, seed: 7, ops: 1000, rate: 50, clients: 4, keys: 3,
  latency: 'uniform:1ms:5ms', clientTimeoutMs: 2000, faults: [] };
const nodeWorkers = (page) => page.workers().filter((w) => w.url().includes('live-node-worker'));

let server;
let browser;
let kvHas; // which optional KvNode methods this kv.wasm has
before(async () => {
  delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
  const kv = await createRequire(import.meta.url)('../../build/public/wasm/kv.js')({
    wasmBinary: readFileSync(new URL('../../build/public/wasm/kv.wasm', import.meta.url)) });
  kvHas = { state: typeof kv.KvNode.prototype.state === 'function', trap: typeof kv.KvNode.prototype.trap === 'function' };
  server = await serveClusterHarness();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('3 Raft nodes in their own workers: messages between them, completions, a linearizable verdict', async (t) => {
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  const { page } = harness;
  await startRun(page, spec);
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'deliver' && /^n/.test(e.message.src) && /^n/.test(e.message.dest)).length >= 20,
    { what: '20 deliveries between nodes' });
  assert.equal(nodeWorkers(page).length, 3, 'one worker per node');
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'complete' && e.op.type === 'ok').length >= 10,
    { what: '10 completed operations' });
  await waitForLive(page, (live) => live.verdicts.some((v) => v.operations > 0), { what: 'a verdict on some operations' });
  const verdict = await page.evaluate(() => window.live.verdicts.find((v) => v.operations > 0));
  assert.equal(verdict.verdict, 'linearizable');
  assert.equal(typeof verdict.ms, 'number');
  const invokes = await page.evaluate(() => window.live.events.filter((e) => e.event === 'invoke').map((e) => e.op));
  assert.ok(invokes.every((op) => op.type === 'invoke' && /^k[0-2]$/.test(op.key) && Number.isInteger(op.time)));
  assert.deepEqual(await page.evaluate(() => window.live.problems), []);
  assert.deepEqual(harness.errors, []);
});

test('the nodes report their state: one leader after the election', async (t) => {
  if (!kvHas.state) {
    t.skip('this kv.wasm has no KvNode.state() yet (helper A1 adds it): no state events');
    return;
  }
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  await startRun(harness.page, spec);
  await waitForLive(harness.page, (live) => {
    const latest = new Map(live.events.filter((e) => e.event === 'state').map((e) => [e.node, e.state]));
    return latest.size === 3 && [...latest.values()].filter((s) => s.role === 'leader').length === 1;
  }, { what: 'state events from all 3 nodes with exactly one leader' });
});

test('a node made to trap is reported, its worker ends, and the other two go on', async (t) => {
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  const { page } = harness;
  await startRun(page, { ...spec, nodes: 3 });
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'complete').length >= 5, { what: '5 completions' });
  const closed = new Promise((resolve) => nodeWorkers(page).forEach((w) => w.once('close', resolve)));
  await page.evaluate(() => window.live.control.fault({ do: 'trap', node: 'n2' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'trap' && e.node === 'n2'), { what: 'a trap event for n2' });
  const trap = await page.evaluate(() => window.live.events.find((e) => e.event === 'trap'));
  assert.match(trap.text, kvHas.trap ? /RuntimeError/ : /has no KvNode\.trap\(\)/);
  await closed;
  assert.equal(nodeWorkers(page).length, 2, "n2's worker closed itself");
  await waitForLive(page, (live) => {
    const trapAt = live.events.find((e) => e.event === 'trap').time;
    const later = live.events.filter((e) => e.time > trapAt);
    return later.filter((e) => e.event === 'complete' && e.op.type === 'ok').length >= 10 &&
      later.some((e) => e.event === 'deliver' && ['n1', 'n3'].includes(e.message.src) && ['n1', 'n3'].includes(e.message.dest));
  }, { what: '10 more operations and n1 <-> n3 traffic after the trap' });
  assert.deepEqual(await page.evaluate(() => window.live.problems), []);
});

test('steps from the page take effect and are recorded with their times as a replayable script', async (t) => {
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  const { page } = harness;
  await startRun(page, { ...spec, faults: [{ at: 300, do: 'set', drop: 0.1 }] });
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'fault' && e.step?.do === 'set'), { what: 'the scripted step' });
  await page.evaluate(() => window.live.control.fault({ do: 'pause', node: 'n3' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'pause' && e.node === 'n3'), { what: 'the pause' });
  await page.evaluate(() => window.live.control.fault({ do: 'resume', node: 'n3' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'resume' && e.node === 'n3'), { what: 'the resume' });
  const script = await page.evaluate(() => window.live.control.faultScript());
  assert.deepEqual(script.map((s) => [s.do, s.node]), [['set', undefined], ['pause', 'n3'], ['resume', 'n3']]);
  assert.equal(script[0].at, 300, 'a scripted step is recorded at its planned time');
  assert.ok(script[1].at >= 300 && script[2].at >= script[1].at);
  await page.evaluate(() => window.live.control.setDetail('counts'));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'counts' && e.sent > 0), { what: 'a counts event' });
});

test('a learner\'s client operation and click-to-drop go through the router; stop ends every worker', async (t) => {
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  const { page } = harness;
  await startRun(page, { ...spec, rate: 5 });
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'complete' && e.op.type === 'ok'), { what: 'a completion' });
  await page.evaluate(() => window.live.control.clientOp({ node: 'n1', f: 'write', key: 'k1', value: 4 }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'complete' && e.op.process >= 1e6),
    { what: 'the manual operation completed' });
  const manual = await page.evaluate(() => window.live.events.filter((e) => e.op?.process >= 1e6).map((e) => [e.event, e.op.f, e.op.key]));
  assert.deepEqual(manual[0], ['invoke', 'write', 'k1']);
  assert.equal(manual[1][0], 'complete');

  // Slow messages (up to 2 s extra) so that one is surely still in flight when dropped.
  await page.evaluate(() => window.live.control.fault({ do: 'set', delayMs: 2000 }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'send' && e.arrive - e.time > 1e9 && /^n/.test(e.message.dest)),
    { what: 'a message between nodes with more than 1 s to go' });
  const id = await page.evaluate(() => window.live.events.findLast((e) => e.event === 'send' && e.arrive - e.time > 1e9 && /^n/.test(e.message.dest)).id);
  const dropped = await page.evaluate((i) => window.live.control.dropMessage(i), id);
  await waitForLive(page, new Function('live', `return live.events.some((e) => e.id === ${id} && ['deliver', 'drop'].includes(e.event))`),
    { what: 'the message delivered or dropped' });
  const fate = await page.evaluate((i) => window.live.events.filter((e) => e.id === i && e.event !== 'send').map((e) => [e.event, e.text]), id);
  // Whether it was still in flight depends on the machine's speed; each answer has its consequence.
  if (dropped) assert.deepEqual(fate, [['drop', 'dropped by you']]);
  else assert.deepEqual(fate.map(([event]) => event), ['deliver']);

  assert.equal(page.workers().length, 5, '3 nodes, the router, the checker');
  await page.evaluate(() => window.live.control.stop());
  const deadline = Date.now() + 30000;
  while (page.workers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(page.workers().length, 0, 'stop() terminated every worker');
});

// Appended to kv.js for the next test: n2's worker throws outside any call of
// the wasm, as a bug in a node worker would, and so dies with an error event.
const DYING_N2 = `
;createKv = (function (create) {
  return function (options) {
    return create(options).then(function (kv) {
      var handle = kv.KvNode.prototype.handle;
      kv.KvNode.prototype.handle = function (text, time) {
        if (text.indexOf('"node_id":"n2"') >= 0) setTimeout(function () { throw new Error('n2 died outside the wasm'); }, 300);
        return handle.call(this, text, time);
      };
      return kv;
    });
  };
})(createKv);
`;

test('a node worker that dies of an uncaught error is reported as a trap, and the others go on', async (t) => {
  const harness = await openClusterHarness(browser, server.url);
  t.after(() => harness.close());
  const { page, context } = harness;
  await context.route('**/wasm/kv.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()) + DYING_N2 });
  });
  await startRun(page, spec);
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'trap' && e.node === 'n2'), { what: 'a trap event for n2' });
  const trap = await page.evaluate(() => window.live.events.find((e) => e.event === 'trap'));
  assert.match(trap.text, /n2 died outside the wasm/);
  await waitForLive(page, (live) => {
    const trapAt = live.events.find((e) => e.event === 'trap').time;
    return live.events.filter((e) => e.time > trapAt && e.event === 'complete' && e.op.type === 'ok').length >= 10;
  }, { what: '10 operations after n2 died' });
  assert.deepEqual(await page.evaluate(() => window.live.problems), [], 'the run itself goes on');
});
