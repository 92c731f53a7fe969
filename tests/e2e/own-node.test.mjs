// Lesson 5's "Your own node" in headless Chromium, driven as a learner would: pick a template,
// (edit the code,) press Run; the page compiles the C++ with the in-page compiler and runs one
// worker per node behind the live router, clients and checker. Live runs cross real workers on
// real time, so every wait is for a condition (operations answered, a verdict, a problem reported)
// with a generous limit, never for a moment. Compiles take seconds: one page serves every test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, openSite } from './browser.mjs';

const SLUG = '05-distributed-systems';
const ID = 'own-node';
const CLUSTER = `[data-cluster="${ID}"]`;
const COMPILE_AND_RUN_MS = 240000; // the first compile downloads the compiler and builds the header's PCH
let browser;
let site;

before(async () => {
  browser = await launchBrowser();
  site = await openSite({ browser });
  await site.page.goto(`${site.url}#/${SLUG}`);
  await site.page.waitForSelector(`${CLUSTER} .own-editor .code-editor`);
});
after(async () => {
  await site?.close();
  await browser?.close();
});

/** Evaluates `fn(handle, arg)` in the page on the own-node cluster's handle. */
const withCluster = (fn, arg) =>
  site.page.$eval(CLUSTER, (el, [source, a]) => new Function('handle', 'arg', `return (${source})(handle, arg);`)(el.cddCluster, a), [fn.toString(), arg]);

/** Waits until `fn(handle, arg)` holds; on a timeout, says what the page showed (status, verdict, nodes, problems). */
async function waitFor(fn, arg, timeout = 90000) {
  try {
    await site.page.waitForFunction(([sel, source, a]) => new Function('handle', 'arg', `return (${source})(handle, arg);`)(document.querySelector(sel).cddCluster, a),
      [CLUSTER, fn.toString(), arg], { timeout, polling: 200 });
  } catch (error) {
    const shown = await withCluster((h) => JSON.stringify({
      status: document.querySelector('[data-cluster="own-node"] .cluster-status').textContent, verdict: h.session?.verdict,
      nodes: h.session?.model.nodes().map((n) => `${n.id} ${n.status} ${h.session.model.logs(n.id)?.problem?.kind ?? ''}`),
      ops: h.session?.record.ops.length })).catch(() => '');
    throw new Error(`${error.message}\nthe page showed: ${shown}`);
  }
}

/** Picks a template with its radio, as a learner does; the spec follows it (workload, nodes). */
async function pickTemplate(template) {
  await site.page.click(`${CLUSTER} .own-template[data-template="${template}"] input`);
  await waitFor((h, t) => h.spec.template === t, template, 5000);
}

/** Replaces the editor's text (Monaco's model, as typing would), so Run compiles the edit. */
async function editSource(change) {
  await site.page.$eval(`${CLUSTER} .own-editor .code-editor`, async (el, [source]) => {
    const editor = el.cddEditor;
    await editor.upgrade();
    const edit = new Function('text', `return (${source})(text);`);
    editor.models[0].setValue(edit(editor.models[0].getValue()));
  }, [change.toString()]);
}

/** Presses Run and waits until the compiled nodes run (or says why not). */
async function run(spec = {}) {
  await withCluster((h, s) => h.setSpec(s), spec);
  await site.page.click(`${CLUSTER} .run`);
  await waitFor((h) => h.session?.live || /did not compile|could not run|cannot run/.test(document.querySelector('[data-cluster="own-node"] .cluster-status').textContent),
    null, COMPILE_AND_RUN_MS);
  const status = await site.page.$eval(`${CLUSTER} .cluster-status`, (el) => el.textContent);
  assert.ok(await withCluster((h) => Boolean(h.session?.live)), `the nodes started (status: ${status})`);
}

async function stop() {
  await site.page.click(`${CLUSTER} .stop`);
  await waitFor((h) => h.session?.stopped === true, null, 10000);
}


test('the single-node lin-kv template, compiled in the page, serves lin-kv without faults and is judged linearizable', async () => {
  await pickTemplate('lin_kv');
  assert.deepEqual(await withCluster((h) => [h.spec.workload, h.spec.nodes]), ['lin-kv', 1]);
  const shown = await site.page.$eval(`${CLUSTER} .own-editor .code-editor`, (el) => el.cddEditor.files[0].source);
  assert.equal(shown, readFileSync('lessons/05-distributed-systems/nodes/lin_kv.cpp', 'utf8'), 'the editor holds the template file itself');
  await run({ faults: [], rate: 50 });
  await waitFor((h) => h.session.record.ops.filter((o) => o.outcome === 'ok').length >= 100);
  await waitFor((h) => h.session.verdict.verdict === 'linearizable' && h.session.verdict.operations >= 100);
  const seen = await withCluster((h) => h.session.verdicts);
  assert.ok(!seen.includes('not linearizable'), `every verdict during the run: ${[...new Set(seen)].join(', ')}`);
  await site.page.waitForFunction((sel) => /Linearizable/.test(document.querySelector(`${sel} .cluster-verdict`).innerText), CLUSTER);
  assert.deepEqual(await withCluster((h) => h.session.model.nodes().map((n) => n.status)), ['up']);
  await stop();
  // Compare: this run as the first row, then each built-in protocol simulated on its settings.
  await site.page.click(`${CLUSTER} .compare`);
  await site.page.waitForFunction((sel) => document.querySelectorAll(`${sel} .cluster-compareTable tbody tr`).length === 6, CLUSTER, { timeout: 120000 });
  const rows = await site.page.$$eval(`${CLUSTER} .cluster-compareTable tbody tr`, (trs) => trs.map((tr) => tr.dataset.protocol));
  assert.deepEqual(rows, ['own', 'single', 'primary-backup', 'primary-backup-sync', 'quorum', 'raft']);
  assert.match(await site.page.$eval(`${CLUSTER} .cluster-compareTable tbody tr`, (tr) => tr.innerText), /your node.*linearizable/s);
  assert.deepEqual(site.errors, []);
});

test('the primary-backup template is caught by the checker once n1, its primary, is isolated', async () => {
  await pickTemplate('primary_backup');
  assert.deepEqual(await withCluster((h) => [h.spec.workload, h.spec.nodes]), ['lin-kv', 3]);
  // The lesson's exercise: isolate n1 from the other nodes while the workload runs (clients reach every node).
  await run({ faults: [{ at: 1000, do: 'isolate', node: 'n1' }], rate: 50 });
  await waitFor((h) => h.session.verdict.verdict === 'not linearizable', null, 120000);
  const verdict = await withCluster((h) => h.session.verdict);
  assert.ok(verdict.window.length > 0, 'the checker names the operations it could not order');
  assert.ok(verdict.sentence?.length > 20, 'and says what went wrong in a sentence');
  await stop();
});

test('the broadcast template delivers every value to every node', async () => {
  await pickTemplate('broadcast');
  assert.deepEqual(await withCluster((h) => [h.spec.workload, h.spec.nodes]), ['broadcast', 5]);
  await run({ faults: [], rate: 20 });
  // Valid: every value acknowledged (2 s before a node's latest read began) is in that read, on all 5 nodes.
  await waitFor((h) => h.session.verdict.verdict === 'valid' && h.session.verdict.workload === 'broadcast'
    && h.session.verdict.stats.acknowledged >= 20 && /, 5 nodes\)/.test(h.session.verdict.sentence), null, 120000);
  const verdict = await withCluster((h) => h.session.verdict);
  assert.ok(verdict.stats.nodeMessages > 0 && verdict.stats.messagesPerOp > 0, 'values travelled between the nodes');
  await site.page.waitForFunction((sel) => /broadcast: Valid/.test(document.querySelector(`${sel} .cluster-verdict`).innerText), CLUSTER);
  assert.match(await site.page.$eval(`${CLUSTER} .cluster-verdict`, (el) => el.innerText), /messages per operation/);
  await stop();
});

test('an endless loop in one node\'s handler: that node is reported hung by name, the others keep serving', async () => {
  await pickTemplate('echo');
  // n2 never returns from its echo handler; the other nodes are unchanged.
  await editSource((text) => text.replace('node.on("echo", [&](Message& req) {',
    'node.on("echo", [&](Message& req) {\n    if (node.id() == "n2") for (volatile int spin = 0;; spin = spin + 1) {}'));
  assert.equal(await site.page.$eval(`${CLUSTER} .own-edited`, (el) => el.textContent.length > 0), true, 'the edit is noticed');
  await run({ faults: [], rate: 30, nodes: 3 });
  await waitFor((h) => h.session.model.logs('n2')?.problem?.kind === 'hung', null, 120000);
  const hungAt = await withCluster((h) => h.session.model.logs('n2').problem.time);
  const problem = await site.page.$eval(`${CLUSTER} .own-node-log[data-node="n2"] .log-problem`, (el) => el.textContent);
  assert.match(problem, /hung/);
  assert.match(await site.page.$eval(`${CLUSTER} .ring-node[data-node="n2"]`, (el) => el.getAttribute('aria-label')), /n2.*hung/);
  // The others answer echoes invoked after n2 hung.
  await waitFor((h, t) => ['n1', 'n3'].every((n) => h.session.record.ops.some((o) => o.outcome === 'ok' && o.node === n && o.invoke > t)), hungAt);
  assert.deepEqual(await withCluster((h) => ['n1', 'n3'].map((n) => h.session.model.logs(n).problem)), [null, null]);
  await stop();
  await site.page.click(`${CLUSTER} .own-reset`);
  assert.equal(await site.page.$eval(`${CLUSTER} .own-edited`, (el) => el.textContent), '');
});

test('without cross-origin isolation the page says why your node cannot run, and starts nothing', async () => {
  const plain = await openSite({ browser, isolation: false, serviceWorkers: 'block' });
  try {
    await plain.page.goto(`${plain.url}#/${SLUG}`);
    await plain.page.waitForSelector(`${CLUSTER} .run`);
    await plain.page.click(`${CLUSTER} .run`);
    await plain.page.waitForFunction((sel) => /not cross-origin isolated/.test(document.querySelector(`${sel} .cluster-status`).textContent), CLUSTER);
    assert.equal(await plain.page.$eval(CLUSTER, (el) => el.cddCluster.session), null, 'no run was started');
    assert.equal(await plain.page.$eval(`${CLUSTER} .run`, (el) => el.disabled), false);
    const started = plain.page.workers().map((w) => w.url()).filter((url) => /compile|own-node|program-worker|live-/.test(url));
    assert.deepEqual(started, [], 'no compiler, node or router worker');
  } finally {
    await plain.close();
  }
});
