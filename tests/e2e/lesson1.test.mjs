// Lesson 1 in headless Chromium, as a learner uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSite, openLesson as open, terminalText, stopAndTime } from './browser.mjs';

const LIST = '.cell[data-program=list_creation]';
const SEARCH = '.cell[data-program=search_missing]';
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

const openLesson = () => open(site, '01-why-performance');

async function setParameter(cell, name, value) {
  await site.page.fill(`${cell} input[name=${name}]`, String(value));
}

function waitForState(cell, states, timeout = 60000) {
  return site.page.waitForFunction(
    ([selector, wanted]) => wanted.includes(document.querySelector(selector).dataset.state),
    [cell, states],
    { timeout },
  );
}

const chartPoints = (cell) =>
  site.page.$$eval(`${cell} .chart-view`, (charts) => charts.reduce((n, c) => n + Number(c.dataset.points || 0), 0));

test('the lesson loads, cross-origin isolated, with its menu and cells', async () => {
  await openLesson();
  const { page } = site;
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.match(await page.title(), /Why performance matters/);
  assert.equal(await page.$$eval('.cell', (cells) => cells.length), 2);
  assert.equal(await page.$eval('.lesson-nav a[aria-current=page]', (a) => a.getAttribute('href')), '#/01-why-performance');
  // The editor holds the program's real source file, byte for byte.
  const shown = await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.sources()['list_creation.cpp']);
  assert.equal(shown, readFileSync('lessons/01-why-performance/list_creation.cpp', 'utf8'));
  assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'on');
});

test('Run streams lines while running and plots points on a labelled chart', async () => {
  await openLesson();
  const { page } = site;
  await setParameter(LIST, 'n_max', 2000000);
  await setParameter(LIST, 'reps', 3);
  await page.click(`${LIST} .run`);
  // Lines arrive while the program is still running.
  await page.waitForFunction((s) => document.querySelector(`${s} .cell-terminal`).cddTerminal.text().includes('vector push_back'), LIST);
  assert.equal(await page.$eval(LIST, (el) => el.dataset.state), 'running');
  await waitForState(LIST, ['done', 'error']);
  assert.equal(await page.$eval(LIST, (el) => el.dataset.state), 'done');
  assert.equal(await chartPoints(LIST), 3 * 11); // 1e3..2e6 in 1-2-5 steps: 11 sizes
  const chart = await page.$eval(`${LIST} .chart-view`, (el) => ({ ...el.dataset }));
  assert.equal(chart.xLabel, 'n (elements)');
  assert.equal(chart.yLabel, 'time (ms)');
  assert.match(await terminalText(page, LIST), /Finished in/);
});

test('changing n changes the run', async () => {
  await openLesson();
  await setParameter(LIST, 'n_max', 5000);
  await site.page.click(`${LIST} .run`);
  await waitForState(LIST, ['done', 'error']);
  const text = await terminalText(site.page, LIST);
  assert.match(text, /\$ list_creation n_min=1000 n_max=5000 reps=5/);
  assert.equal(await chartPoints(LIST), 3 * 3); // 1000, 2000, 5000
  assert.doesNotMatch(text, /10000 /);
});

test('Stop ends a long run within 200 ms and keeps the output so far', async () => {
  await openLesson();
  const { page } = site;
  await setParameter(SEARCH, 'reps', 50);
  await page.click(`${SEARCH} .run`);
  await page.waitForFunction((s) => /\d+\s+[\d.]+\s+[\d.]+/.test(document.querySelector(`${s} .cell-terminal`).cddTerminal.text()), SEARCH);
  const before = await terminalText(page, SEARCH);
  const elapsed = await stopAndTime(page, SEARCH);
  assert.ok(elapsed < 200, `stop took ${elapsed} ms`);
  const after = await terminalText(page, SEARCH);
  assert.ok(after.startsWith(before.trimEnd().split('\n')[0]), 'earlier output kept');
  assert.match(after, /Stopped after/);
  // The page still works: the cell runs again.
  await setParameter(SEARCH, 'reps', 1);
  await setParameter(SEARCH, 'n_max', 1000);
  await page.click(`${SEARCH} .run`);
  await waitForState(SEARCH, ['done']);
});

test('bad sizes get a clear message and the page keeps working', async () => {
  await openLesson();
  const { page } = site;
  for (const [value, message] of [
    ['-5', /n_max must be a whole number from 1 to 100000000, got '-5'/],
    ['many', /got 'many'/],
    ['100000000', /needs about 2\.4 GB, more than the 1\.9 GB this runtime can give/],
  ]) {
    await setParameter(LIST, 'n_max', value);
    await page.click(`${LIST} .run`);
    await waitForState(LIST, ['error', 'done']);
    assert.match(await terminalText(page, LIST), message);
    assert.equal(await page.$eval(LIST, (el) => el.dataset.state), 'error');
  }
  await page.click(`${LIST} .reset`);
  await setParameter(LIST, 'n_max', 1000);
  await page.keyboard.press('Control+Enter'); // focus is still in the cell
  await waitForState(LIST, ['done']);
});

test('edits are kept across reloads, flagged, and Reset restores the original', async () => {
  await openLesson();
  const { page } = site;
  await page.click(`${LIST} .cell-editor .editor-body`);
  await page.waitForSelector(`${LIST} .cell-editor[data-monaco=ready]`, { timeout: 30000 });
  await page.click(`${LIST} .monaco-host .view-lines`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('// my note\n');
  await page.waitForFunction((s) => !document.querySelector(`${s} .cell-notice`).hidden, LIST);
  await page.reload();
  await page.waitForSelector(`${LIST} .run`);
  assert.match(await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.sources()['list_creation.cpp']), /^\/\/ my note\n/);
  assert.equal(await page.$eval(`${LIST} .cell-notice`, (el) => el.hidden), false);
  await page.click(`${LIST} .reset`);
  const source = () => page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.sources()['list_creation.cpp']);
  assert.doesNotMatch(await source(), /my note/);
  await page.reload();
  await page.waitForSelector(`${LIST} .run`);
  assert.doesNotMatch(await source(), /my note/);
  assert.equal(await page.$eval(`${LIST} .cell-notice`, (el) => el.hidden), true);
});

test('Compare with Python plots Python next to C++ on one chart', async () => {
  await openLesson();
  const { page } = site;
  await setParameter(LIST, 'n_max', 10000);
  await page.click(`${LIST} .run`);
  await waitForState(LIST, ['done']);
  await page.click(`${LIST} .python`);
  await waitForState(LIST, ['done', 'error'], 120000);
  assert.equal(await page.$eval(LIST, (el) => el.dataset.state), 'done', await terminalText(page, LIST));
  const series = await page.$$eval(`${LIST} .u-legend .u-label`, (labels) => labels.map((l) => l.textContent));
  assert.ok(series.includes('Python: list.append'), series.join());
  assert.ok(series.includes('std::list push_back'), series.join());
  assert.equal(await chartPoints(LIST), 2 * 3 * 4);
});

test('site.errors stayed empty', () => {
  assert.deepEqual(site.errors.map(String), []);
});
