// What a first visit loads before the learner touches the page (issue 15,
// "Site quality": Lighthouse's performance score): no Monaco and no xterm until
// the learner uses the page or a program prints, and a header that does not grow when script fills in its
// labels (it wrapped on a phone and pushed the page down: a layout shift).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite, waitForCell } from './browser.mjs';

let browser;
let site;
before(async () => {
  browser = await launchBrowser();
  site = await openSite({ browser });
});
after(async () => {
  await site?.close();
  await browser?.close();
});

const LESSON = '02-concurrency'; // many cells, the first ones on screen, the last far below
const requested = (page, pattern) => {
  const seen = [];
  page.on('request', (r) => pattern.test(r.url()) && seen.push(r.url()));
  return seen;
};

test('an untouched lesson loads no Monaco and no xterm; a scroll brings Monaco near the screen, output an xterm', async () => {
  const { page } = site;
  const monaco = requested(page, /\/assets\/monaco-/);
  const xterm = requested(page, /\/assets\/xterm-/);
  await page.goto(`${site.url}#/${LESSON}`);
  await page.waitForSelector('.cell .run:not([disabled])');
  // The old page upgraded every editor 2 s after load; give it well over that.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 5000)));
  assert.deepEqual(monaco, [], 'Monaco was requested before the learner used the page');
  assert.deepEqual(xterm, [], 'xterm.js was requested before the learner used the page or a program printed');
  assert.equal(await page.$$eval('.cell-editor[data-monaco=ready]', (e) => e.length), 0);
  assert.equal(await page.$$eval('.cell-terminal:not([data-pending]), .cell-terminal .xterm', (e) => e.length), 0);

  // The learner scrolls: Monaco comes to the editors near the screen.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 400);
  await page.waitForSelector('.cell-editor[data-monaco=ready]', { timeout: 60000 });
  assert.ok(monaco.length > 0);
  // A run's output opens its terminal and shows every line; a terminal far below stays an empty box.
  const cell = '.cell[data-program=timeline] >> nth=0';
  await page.fill(`${cell} >> input[name=tasks]`, '3');
  await page.fill(`${cell} >> input[name=work_ms]`, '20');
  await page.click(`${cell} >> .run`);
  assert.equal(await waitForCell(page, '.cell[data-program=timeline]'), 'done');
  const shown = await page.locator(`${cell} >> .cell-terminal`).evaluate((t) => ({
    pending: 'pending' in t.dataset, rows: t.querySelector('.xterm-rows')?.textContent ?? '', text: t.cddTerminal.text(),
  }));
  assert.equal(shown.pending, false);
  assert.ok(shown.text.length > 0);
  const firstLine = shown.text.split('\n')[0].trim();
  assert.ok(shown.rows.replace(/\s+/g, ' ').includes(firstLine.replace(/\s+/g, ' ')), `xterm shows ${JSON.stringify(shown.rows.slice(0, 200))}, not ${JSON.stringify(firstLine)}`);
  assert.equal(await page.locator('.cell-terminal').last().evaluate((t) => 'pending' in t.dataset), true);
});

test('the header keeps its height when script fills in its labels (390 px, where it wraps)', async () => {
  const heights = [];
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${site.url}#/${LESSON}`);
    if (javaScriptEnabled) await page.waitForFunction(() => document.querySelector('.theme-toggle').textContent !== '');
    heights.push(await page.$eval('.site-header', (h) => h.getBoundingClientRect().height));
    await context.close();
  }
  assert.equal(heights[1], heights[0], `header ${heights[0]} px before script, ${heights[1]} px after`);
});
