// A run's output is drawn paced (web/src/render/): while the program runs the
// terminal and the views still show it as it arrives, and when the run ends
// they show all of it. The run's end is held back (openLessonHoldingExits)
// until the test has seen the output drawn, so "during the run" is forced,
// not timed. Mandelbrot gives every kind of paced view: the terminal, charts,
// timelines and images.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLessonHoldingExits, waitForCell } from './browser.mjs';

const CELL = '.cell[data-program=mandelbrot]:not(:has(.cell-title:not([hidden])))';
const ARGS = { width: 48, height: 24, threads: 2, reps: 1 };
// 2 schedules x 2 imbalance measures x 1 and 2 threads.
const BALANCE_POINTS = 8;

let site;
let page;
before(async () => {
  site = await openSite();
  page = await openLessonHoldingExits(site, '03-parallelism');
});
after(async () => {
  await page?.close();
  await site?.close();
});

// What the cell has received and what it shows, read in the page.
const readCell = (selector) => page.evaluate(async (s) => {
  const cell = document.querySelector(s);
  const terminal = cell.querySelector('.cell-terminal').cddTerminal;
  await terminal.written();
  const charts = [...cell.querySelectorAll('.chart-view')];
  const balance = charts.find((c) => c.dataset.title?.startsWith('Load imbalance'));
  const canvases = [...cell.querySelectorAll('.image-view canvas')];
  return {
    state: cell.dataset.state,
    received: terminal.text(),
    shown: terminal.shownText(),
    balancePoints: balance?.cddChart.pointCount() ?? 0,
    charts: charts.map((c) => ({ received: c.cddChart.pointCount(), drawn: Number(c.dataset.points || 0) })),
    timelineBars: [...cell.querySelectorAll('.timeline-view')].map((t) => t.querySelectorAll('rect.bar').length),
    // Alpha of the bottom row's pixels: 255 once the last row is drawn.
    lastRows: canvases.map((c) => [...c.getContext('2d').getImageData(0, c.height - 1, c.width, 1).data].filter((_, i) => i % 4 === 3)),
    imageCount: canvases.length,
  };
}, selector);

const words = (text) => text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());

test('lesson 3, Mandelbrot: the output is drawn while the program runs, before its end is known', async () => {
  const cell = page.locator(CELL).first();
  for (const [name, value] of Object.entries(ARGS)) await cell.locator(`input[name=${name}]`).fill(String(value));
  await cell.locator('.run').click();
  // Every report has arrived once the last chart holds all its points (the exit is held back).
  await page.waitForFunction(([s, n]) => [...document.querySelector(s).querySelectorAll('.chart-view')]
    .some((c) => c.dataset.title?.startsWith('Load imbalance') && c.cddChart.pointCount() === n), [CELL, BALANCE_POINTS], { timeout: 120000, polling: 100 });
  // Views out of sight wait; brought into sight, they are drawn without the run ending.
  await cell.locator('.cell-views').evaluate((el) => el.scrollIntoView());
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    const terminal = el.querySelector('.cell-terminal').cddTerminal;
    const last = terminal.lines.at(-1).text.trim();
    return terminal.shownText().includes(last) &&
      [...el.querySelectorAll('.chart-view')].every((c) => Number(c.dataset.points) === c.cddChart.pointCount());
  }, CELL, { timeout: 60000, polling: 100 });
  const during = await readCell(CELL);
  assert.equal(during.state, 'running', 'the run had not ended');
  assert.equal(during.balancePoints, BALANCE_POINTS);
  assert.ok(during.charts.length >= 2 && during.charts.every((c) => c.drawn === c.received), JSON.stringify(during.charts));
  await page.evaluate(() => window.cddReleaseExits());
  assert.equal(await waitForCell(page, CELL), 'done');
});

test('lesson 3, Mandelbrot: when the run has ended the terminal shows every line and the views all they received', async () => {
  const after = await readCell(CELL);
  assert.equal(after.state, 'done');
  const received = words(after.received);
  assert.ok(received.length > 10, `the run printed: ${after.received}`);
  assert.deepEqual(words(after.shown), received, 'the terminal shows exactly the lines printed, the end note included');
  assert.ok(after.charts.every((c) => c.drawn === c.received && c.received > 0), JSON.stringify(after.charts));
  assert.ok(after.timelineBars.length >= 2 && after.timelineBars.every((n) => n > 0), `timeline bars: ${after.timelineBars}`);
  assert.equal(after.imageCount, 2, 'an image per schedule');
  for (const alphas of after.lastRows) assert.ok(alphas.length === ARGS.width && alphas.every((a) => a === 255), 'the bottom row is drawn');
});
