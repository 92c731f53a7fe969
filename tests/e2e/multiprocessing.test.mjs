// Lesson 4 in headless Chromium: processes as real Web Workers started from
// the program's own pthread (Blob-URL bootstrap, synchronous compile of the
// .wasm, SharedArrayBuffer arena on a cross-origin isolated page). The pool
// speedup chart fills, the failure demo reports its three failures and
// completes the rest, and the page stays responsive while processes run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSite, openLesson as open, terminalText, waitForCell } from './browser.mjs';

const SLUG = '04-multiprocessing';
const cellOf = (program) => `.cell[data-program=${program}] >> nth=0`;
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

async function setParameters(cell, values) {
  for (const [name, value] of Object.entries(values)) await site.page.fill(`${cell} >> input[name=${name}]`, String(value));
}

async function runAndWait(cell, whileRunning = async () => {}) {
  await site.page.click(`${cell} >> .run`);
  const handle = await site.page.locator(cell).elementHandle();
  // Until the program runs, or has already ended (a short run can end before
  // a poll sees it running; waiting for "running" alone would time out then).
  await site.page.waitForFunction((el) => el.dataset.state === 'running' || !el.querySelector('.run').disabled, handle);
  await whileRunning();
  await waitForCell(site.page, cell);
  return handle;
}

const tableRows = (handle) =>
  handle.evaluate((el) => [...el.querySelectorAll('.table-view tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)));

test('the lesson loads with its eight cells (two of them exercises), showing the real sources', async () => {
  await open(site, SLUG);
  const { page } = site;
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.match(await page.title(), /Multiprocessing/);
  assert.equal(await page.$$eval('.cell', (cells) => cells.length), 8);
  const sources = await page.$eval('.cell[data-program=failures] .cell-editor', (el) => el.cddEditor.sources());
  assert.equal(sources['failures.cpp'], readFileSync('lessons/04-multiprocessing/failures.cpp', 'utf8'));
});

test('a child process keeps its own copy of a global', async () => {
  await open(site, SLUG);
  const handle = await runAndWait(cellOf('isolation'));
  assert.equal(await handle.evaluate((el) => el.dataset.state), 'done');
  const rows = await tableRows(handle);
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['thread', '42', '42'], ['process', '43', '0']]);
});

test('the pool speedup chart gets a point per process count', async () => {
  await open(site, SLUG);
  const cell = cellOf('pool_speedup');
  await setParameters(cell, { n: 400000, pieces: 32, processes: 2, chunk_processes: 2, reps: 1 });
  const handle = await runAndWait(cell);
  assert.equal(await handle.evaluate((el) => el.dataset.state), 'done');
  const charts = await handle.evaluate((el) =>
    [...el.querySelectorAll('.chart-view')].map((c) => ({ title: c.dataset.title, series: c.cddChart.seriesData() })),
  );
  const speedup = charts.find((c) => c.title === 'Speedup of the map over processes');
  assert.ok(speedup, `no speedup chart among ${charts.map((c) => c.title)}`);
  assert.deepEqual(speedup.series.measured.map(([x]) => x), [1, 2]);
  for (const [, y] of speedup.series.measured) assert.ok(y > 0);
});

// Each failure kind where no other limit races it: out of memory without a
// time limit (it is slow on a busy machine), the endless loop without a
// memory limit.
test('the failure demo reports abort, out of memory and an endless loop, completes the rest, and the page stays responsive', async () => {
  await open(site, SLUG);
  const cell = cellOf('failures');
  const outcomes = async (handle) => {
    assert.equal(await handle.evaluate((el) => el.dataset.state), 'done');
    const rows = await tableRows(handle);
    assert.equal(rows.length, 8);
    assert.equal(rows.filter((r) => r[2] === 'done').length, 6);
    return Object.fromEntries(rows.map(([, what, how]) => [what, how]));
  };
  await setParameters(cell, { processes: 2, jobs: 8, timeout_ms: 0, memory_limit_mb: 64 });
  const memory = await outcomes(await runAndWait(cell));
  assert.equal(memory.abort, 'aborted');
  assert.equal(memory['out of memory'], 'out of memory');

  await setParameters(cell, { processes: 2, jobs: 8, timeout_ms: 2000, memory_limit_mb: 0 });
  const element = await site.page.locator(cell).elementHandle();
  const frames = [];
  const handle = await runAndWait(cell, async () => {
    // While workers crash, run away and get killed, the page must keep painting.
    for (let i = 0; i < 10; i++) {
      const start = Date.now();
      const state = await site.page.evaluate((el) => new Promise((resolve) => requestAnimationFrame(() => resolve(el.dataset.state))), element);
      frames.push({ ms: Date.now() - start, state });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  const time = await outcomes(handle);
  assert.equal(time.abort, 'aborted');
  assert.equal(time['endless loop'], 'timeout');
  // Responsiveness as behaviour: frames were painted while the run (at least
  // the 2 s of the endless loop) was in progress. How fast is for the bench.
  assert.ok(frames.some((f) => f.state === 'running'), `no frame during the run: ${JSON.stringify(frames)}`);
  assert.ok(Math.max(...frames.map((f) => f.ms)) < 10000, `a frame took ${Math.max(...frames.map((f) => f.ms))} ms`);
});

test('an edited program is compiled in the page and its child processes run the edit', async () => {
  await open(site, SLUG);
  const { page } = site;
  const cell = '.cell[data-program=isolation]'; // the lesson's only isolation cell
  const original = readFileSync('lessons/04-multiprocessing/isolation.cpp', 'utf8');
  const edited = original.replace('long long child_value = value + 1;', 'long long child_value = value + 100;');
  assert.notEqual(edited, original);
  await page.$eval(`${cell} .cell-editor`, (el) => el.cddEditor.upgrade());
  await page.$eval(`${cell} .cell-editor`, (el, text) => el.cddEditor.models[0].setValue(text), edited);
  const handle = await runAndWait(cellOf('isolation'));
  const text = await terminalText(page, cell);
  assert.equal(await handle.evaluate((el) => el.dataset.state), 'done', text);
  assert.match(text, /your edited version/);
  const rows = await tableRows(handle);
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['thread', '42', '42'], ['process', '142', '0']]);
});
