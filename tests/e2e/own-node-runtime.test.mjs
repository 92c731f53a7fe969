// A learner's own node program in Chromium: compiled in the page (the
// in-page compiler, threaded), then run as 3 nodes of a live cluster
// (engines/own-node-worker.js per node, each with a program worker reading a
// stdin pipe) under the echo workload. Served unbundled by
// tests/e2e/cluster-harness. Every wait is for a condition with a generous
// timeout; no assertion depends on the machine's speed (the hang limit is
// 2 s of a node not reading, far beyond a healthy node's pauses).
// Needs build/public/compiler (tools/build.sh assets).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser } from './browser.mjs';
import { serveClusterHarness } from './cluster-harness/serve.mjs';
import { openClusterHarness, startRun, waitForLive } from './cluster-harness/browser.mjs';

const NODE_SOURCE = readFileSync(new URL('./fixtures/own_echo_node.cpp', import.meta.url), 'utf8');
const spec = { protocol: 'own', workload: 'echo', template: 'echo', nodes: 3, seed: 11, ops: 1000, rate: 40, clients: 3, keys: 1,
  latency: 'uniform:1ms:3ms', clientTimeoutMs: 5000, faults: [] };
// Installed in the page for the predicates of waitForLive (which run there): echoes answered, by node.
const installHelpers = () => {
  window.okEchoes = (live, node) => live.events.filter((e) => e.event === 'complete' && e.op.type === 'ok' && e.message.src === node);
};

let server;
let browser;
let harness;
before(async () => {
  server = await serveClusterHarness();
  browser = await launchBrowser();
  harness = await openClusterHarness(browser, server.url);
  await harness.page.evaluate(installHelpers);
  const compiled = await harness.page.evaluate((source) => window.compileOwn({ 'main.cpp': source }), NODE_SOURCE);
  assert.equal(compiled.ok, true, `the node compiles: ${compiled.log}`);
});
after(async () => {
  await harness?.close();
  await browser?.close();
  await server?.close();
});

test('3 compiled echo nodes: each answers init, every echo reply matches, the verdict is valid', async (t) => {
  const { page } = harness;
  t.after(() => page.evaluate(() => window.live.control.stop()));
  await startRun(page, spec);
  await waitForLive(page, (live) => ['n1', 'n2', 'n3'].every((n) => live.events.some((e) => e.event === 'deliver'
    && e.message.src === n && e.message.body.type === 'init_ok')), { what: 'init_ok from every node', timeout: 90000 });
  await waitForLive(page, (live) => ['n1', 'n2', 'n3'].every((n) => window.okEchoes(live, n).length >= 5), { what: '5 echoes answered by each node' });
  await waitForLive(page, (live) => live.verdicts.some((v) => v.verdict === 'valid' && v.stats.ok >= 15), { what: 'a valid verdict' });
  const run = await page.evaluate(() => ({
    completes: window.live.events.filter((e) => e.event === 'complete'),
    invokes: window.live.events.filter((e) => e.event === 'invoke'),
    logs: window.live.events.filter((e) => e.event === 'log'),
    problems: window.live.events.filter((e) => e.event === 'problem'),
    verdict: window.live.verdicts.at(-1),
    errors: window.live.problems,
  }));
  const oks = run.completes.filter((c) => c.op.type === 'ok');
  assert.ok(oks.length >= 15 && run.invokes.length >= oks.length);
  for (const e of oks) {
    assert.equal(e.message.body.type, 'echo_ok');
    assert.equal(e.message.body.echo, e.op.value, 'the reply carries the text that was sent');
  }
  assert.equal(run.verdict.workload, 'echo');
  assert.equal(run.verdict.stats.mismatched, 0);
  assert.ok(run.verdict.stats.medianMs > 0);
  assert.deepEqual(run.logs.filter((l) => l.stream === 'err').map((l) => l.text).sort(),
    ['n1 initialized', 'n2 initialized', 'n3 initialized'], "each node's stderr reaches the stream as a log, by node");
  assert.ok(run.logs.filter((l) => l.stream === 'err').every((l) => l.text === `${l.node} initialized`));
  assert.deepEqual(run.problems, []);
  assert.deepEqual(run.errors, []);
  assert.deepEqual(harness.errors, []);
});

test('a handler that loops forever: that node is reported hung and shown down, the others keep answering', async (t) => {
  const { page } = harness;
  t.after(() => page.evaluate(() => window.live.control.stop()));
  await startRun(page, spec);
  await waitForLive(page, (live) => ['n1', 'n2', 'n3'].every((n) => window.okEchoes(live, n).length >= 2), { what: 'echoes from every node', timeout: 90000 });
  await page.evaluate(() => window.live.control.clientOp({ node: 'n2', f: 'echo', value: 'hang' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'problem' && e.node === 'n2'), { what: "n2's problem" });
  const found = await page.evaluate(() => ({
    problems: window.live.events.filter((e) => e.event === 'problem'),
    traps: window.live.events.filter((e) => e.event === 'trap'),
    okBefore: ['n1', 'n3'].map((n) => window.okEchoes(window.live, n).length),
  }));
  assert.deepEqual(found.problems.map((p) => [p.node, p.kind]), [['n2', 'hung']]);
  assert.match(found.problems[0].text, /n2 has not read its input for \d+\.\d s/);
  assert.deepEqual(found.traps.map((e) => e.node), ['n2'], 'n2 is shown down, like a trap');
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'drop' && e.message.dest === 'n2' && e.text === 'node down'),
    { what: 'a message to n2 dropped as node down' });
  await page.waitForFunction((before) => ['n1', 'n3'].every((n, i) => window.okEchoes(window.live, n).length >= before[i] + 5),
    found.okBefore, { timeout: 60000, polling: 100 });
  const others = await page.evaluate(() => window.live.events.filter((e) => e.event === 'problem' && e.node !== 'n2'));
  assert.deepEqual(others, [], 'the other nodes have no problem');
});

test('a line on stdout that is not JSON: a log event of that node, marked rejected with why', async (t) => {
  const { page } = harness;
  t.after(() => page.evaluate(() => window.live.control.stop()));
  await startRun(page, { ...spec, rate: 5 });
  await waitForLive(page, (live) => window.okEchoes(live, 'n3').length >= 1 || live.events.some((e) => e.event === 'deliver'
    && e.message.src === 'n3' && e.message.body.type === 'init_ok'), { what: "n3's init_ok", timeout: 90000 });
  await page.evaluate(() => window.live.control.clientOp({ node: 'n3', f: 'echo', value: 'garbage' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'log' && e.rejected), { what: 'a rejected line' });
  const [log] = await page.evaluate(() => window.live.events.filter((e) => e.event === 'log' && e.rejected));
  assert.equal(log.node, 'n3');
  assert.equal(log.stream, 'out');
  assert.equal(log.text, 'this is not JSON');
  assert.match(log.rejected, /^not JSON/);
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'complete' && e.message?.body.echo === 'garbage'),
    { what: "n3's reply after the bad line" });
});

test("poll() on stdin with a timeout: it returns 'nothing' after waiting when no message comes", async (t) => {
  const { page } = harness;
  t.after(() => page.evaluate(() => window.live.control.stop()));
  const started = Date.now();
  await startRun(page, { ...spec, rate: 3 }); // about one message a second per node: idle gaps of 200 ms are certain
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'complete' && e.message?.body.idle >= 1),
    { what: 'a reply after an idle poll timeout', timeout: 90000 });
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'complete' && e.message?.body.idle >= 1).length >= 3,
    { what: 'three replies after idle timeouts' });
  const idle = await page.evaluate(() => Math.max(...window.live.events.filter((e) => e.event === 'complete').map((e) => e.message.body.idle)));
  const runSeconds = (Date.now() - started) / 1000; // longer than any node has run
  assert.ok(idle <= runSeconds * 5 + 1, `${idle} idle wake-ups in ${runSeconds} s: each poll(200 ms) waited before returning 0`);
});

test('crash ends a node\'s program (its memory is gone); restart starts a fresh one that answers init and echoes again', async (t) => {
  const { page } = harness;
  t.after(() => page.evaluate(() => window.live.control.stop()));
  await startRun(page, spec);
  await waitForLive(page, (live) => window.okEchoes(live, 'n1').length >= 3, { what: 'echoes from n1', timeout: 90000 });
  await page.evaluate(() => window.live.control.fault({ do: 'crash', node: 'n1' }));
  await waitForLive(page, (live) => live.events.some((e) => e.event === 'crash' && e.node === 'n1'), { what: "n1's crash" });
  await page.evaluate(() => window.live.control.fault({ do: 'restart', node: 'n1' }));
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'deliver' && e.message.src === 'n1'
    && e.message.body.type === 'init_ok').length === 2, { what: "n1's second init_ok" });
  const restartedAt = await page.evaluate(() => window.live.events.find((e) => e.event === 'restart').time);
  await page.evaluate((at) => { window.restartedAt = at; }, restartedAt);
  await waitForLive(page, (live) => live.events.filter((e) => e.event === 'complete' && e.op.type === 'ok'
    && e.message.src === 'n1' && e.time > window.restartedAt).length >= 3, { what: 'echoes from the restarted n1' });
  const inits = await page.evaluate(() => window.live.events.filter((e) => e.event === 'deliver' && e.message.src === 'n1'
    && e.message.body.type === 'init_ok').map((e) => e.message.body.msg_id));
  assert.deepEqual(inits, [1, 1], 'the fresh program counts its messages from 1 again: nothing of the old memory is left');
  const problems = await page.evaluate(() => window.live.events.filter((e) => e.event === 'problem' || e.event === 'trap'));
  assert.deepEqual(problems, [], 'a crash step is no problem of the program');
});

test('broadcast: 4 compiled gossip nodes (blocking std::getline) get the topology; every value reaches every node', async (t) => {
  const { page } = harness;
  const source = readFileSync(new URL('./fixtures/own_broadcast_node.cpp', import.meta.url), 'utf8');
  const compiled = await page.evaluate((s) => window.compileOwn({ 'main.cpp': s }), source);
  assert.equal(compiled.ok, true, `the node compiles: ${compiled.log}`);
  t.after(() => page.evaluate(() => window.live.control.stop()));
  await startRun(page, { ...spec, workload: 'broadcast', template: 'broadcast', nodes: 4, rate: 20 });
  // Reads come every second; a value must be in every read that began 2 s after it was acknowledged.
  await waitForLive(page, (live) => live.verdicts.some((v) => v.verdict === 'valid' && v.stats.acknowledged >= 20 && v.stats.reads >= 8),
    { what: 'a valid broadcast verdict after 20 values', timeout: 90000 });
  const run = await page.evaluate(() => ({
    verdict: window.live.verdicts.findLast((v) => v.verdict === 'valid'),
    invalid: window.live.verdicts.filter((v) => v.verdict === 'invalid'),
    logs: window.live.events.filter((e) => e.event === 'log').map((e) => e.text).sort(),
    reads: window.live.events.filter((e) => e.event === 'complete' && e.op.f === 'read' && e.op.type === 'ok').map((e) => e.op.value),
  }));
  assert.deepEqual(run.logs, ['n1 has 2 neighbours', 'n2 has 2 neighbours', 'n3 has 2 neighbours', 'n4 has 2 neighbours'], 'a 2x2 grid');
  assert.deepEqual(run.invalid, []);
  assert.ok(run.verdict.stats.messagesPerOp >= 2, `values are gossiped: ${run.verdict.stats.messagesPerOp} messages per broadcast`);
  assert.ok(run.reads.some((values) => values.length >= 10), 'reads return the values');
});
