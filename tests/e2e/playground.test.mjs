// The playground in headless Chromium: both starting programs run as built,
// and a program written from scratch in its threads cell compiles and runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLesson, terminalText, waitForCell } from './browser.mjs';

const THREADS = '.cell[data-program=threads_playground]';
const PROCESSES = '.cell[data-program=processes_playground]';
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

async function runCell(cell, values = {}) {
  const { page } = site;
  for (const [name, value] of Object.entries(values)) await page.fill(`${cell} input[name=${name}]`, String(value));
  await page.click(`${cell} .run`);
  return waitForCell(page, cell);
}

test('the playground is in the menu, after the lessons, with its two programs', async () => {
  await openLesson(site, 'playground');
  const { page } = site;
  assert.match(await page.title(), /Playground/);
  const menu = await page.$$eval('#lesson-nav a', (links) => links.map((a) => a.textContent));
  assert.equal(menu.at(-1), 'Playground');
  assert.equal(await page.$$eval('.cell', (cells) => cells.length), 2);
});

test('the threads program plots a speedup point per team size', async () => {
  await openLesson(site, 'playground');
  assert.equal(await runCell(THREADS, { n: 200000, threads: 2 }), 'done');
  const text = await terminalText(site.page, THREADS);
  assert.match(text, / 2 thread\(s\): 17984 primes below 200000/);
  const series = await site.page.$eval(`${THREADS} .chart-view`, (el) => el.cddChart.seriesData());
  assert.deepEqual(series.measured.map(([x]) => x), [1, 2]);
});

test('the processes program counts every piece in a pool of workers', async () => {
  await openLesson(site, 'playground');
  assert.equal(await runCell(PROCESSES, { n: 200000, processes: 2, pieces: 5 }), 'done');
  const rows = await site.page.$$eval(`${PROCESSES} .table-view tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, 5);
  assert.deepEqual(rows[0].slice(0, 3), ['0', '0..40000', '4203']);
  assert.match(await terminalText(site.page, PROCESSES), /17984 primes below 200000, counted by 2 processes in 5 pieces/);
});

test('a program written from scratch compiles in the page and runs', async () => {
  await openLesson(site, 'playground');
  const { page } = site;
  await page.$eval(`${THREADS} .cell-editor`, (el) => el.cddEditor.upgrade());
  await page.$eval(`${THREADS} .cell-editor`, (el) => el.cddEditor.models[0].setValue(`#include <cstdio>
#include <future>
int main() {
  auto answer = std::async(std::launch::async, [] { return 6 * 7; });
  std::printf("scratch says %d\\n", answer.get());
}
`));
  assert.equal(await runCell(THREADS), 'done');
  assert.match(await terminalText(page, THREADS), /scratch says 42/);
});
