// What a first visit loads before the learner touches the page (issue 15,
// "Site quality": Lighthouse's performance score): no Monaco and no xterm for
// cells out of sight, and a header that does not grow when script fills in its
// labels (it wrapped on a phone and pushed the page down: a layout shift).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite } from './browser.mjs';

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

test('an untouched lesson loads no Monaco and opens only the terminals near the screen; a scroll brings both', async () => {
  const { page } = site;
  const monaco = requested(page, /\/assets\/monaco-/);
  await page.goto(`${site.url}#/${LESSON}`);
  await page.waitForSelector('.cell .run:not([disabled])');
  // The old page upgraded every editor 2 s after load; give it well over that.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 5000)));
  assert.deepEqual(monaco, [], 'Monaco was requested before the learner used the page');
  assert.equal(await page.$$eval('.cell-editor[data-monaco=ready]', (e) => e.length), 0);
  const terminals = await page.$$eval('.cell-terminal', (ts) =>
    ts.map((t) => ({ pending: 'pending' in t.dataset, xterm: !!t.querySelector('.xterm'), top: t.getBoundingClientRect().top, screen: innerHeight })));
  // A terminal opens within a screen of the viewport: one more than two screens down must still wait.
  const far = terminals.filter((t) => t.top > 2 * t.screen + 10);
  assert.ok(far.length > 0, 'the lesson has terminals far below the screen');
  assert.ok(far.every((t) => t.pending && !t.xterm), `a far terminal opened: ${JSON.stringify(terminals)}`);
  assert.ok(terminals.filter((t) => t.top < t.screen).every((t) => !t.pending), `a terminal on screen did not open: ${JSON.stringify(terminals)}`);

  // The learner scrolls: Monaco comes to the editors near the screen.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 400);
  await page.waitForSelector('.cell-editor[data-monaco=ready]', { timeout: 60000 });
  assert.ok(monaco.length > 0);
  // The last terminal opens as it nears the screen, showing what it was given meanwhile (nothing here).
  const last = page.locator('.cell-terminal').last();
  await last.scrollIntoViewIfNeeded();
  await last.locator('.xterm').waitFor({ timeout: 30000 });
  assert.equal(await last.evaluate((t) => 'pending' in t.dataset), false);
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
