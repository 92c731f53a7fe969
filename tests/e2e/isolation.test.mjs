// Hosting without header control: the site's service worker makes the page isolated;
// without service workers either, the page says so and runs single-threaded.
// One browser for the file; each test opens the site in a fresh context.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite, terminalText, waitForCell } from './browser.mjs';

const LIST = '.cell[data-program=list_creation]';
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a static server without COOP/COEP still ends isolated through the service worker', async () => {
  const site = await openSite({ browser, isolation: false, serviceWorkers: 'allow' });
  try {
    const { page } = site;
    await page.goto(`${site.url}#/01-why-performance`);
    // The service worker installs, then reloads the page once with the headers.
    await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 20000, polling: 200 });
    await page.waitForSelector(`${LIST} .run`);
    assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'on');
  } finally {
    await site.close();
  }
});

test('without isolation the page says why and runs the single-threaded build', async () => {
  const site = await openSite({ browser, isolation: false, serviceWorkers: 'block' });
  try {
    const { page } = site;
    await page.goto(`${site.url}#/01-why-performance`);
    await page.waitForSelector(`${LIST} .run`);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.match(await page.$eval('.isolation-notice', (el) => el.textContent), /not cross-origin isolated/);
    await page.fill(`${LIST} input[name=n_max]`, '2000');
    await page.click(`${LIST} .run`);
    assert.equal(await waitForCell(page, LIST), 'done', await terminalText(page, LIST));
    const text = await terminalText(page, LIST);
    assert.match(text, /single-threaded build/);
    assert.match(text, /Finished in/);
  } finally {
    await site.close();
  }
});

test('without isolation a cell that needs threads says how to host with them, and an edited version without threads runs', async () => {
  const THREADS = '.cell[data-program=threads_playground]';
  const site = await openSite({ browser, isolation: false, serviceWorkers: 'block' });
  try {
    const { page } = site;
    await page.goto(`${site.url}#/playground`);
    await page.waitForSelector(`${THREADS} .run`);
    await page.click(`${THREADS} .run`);
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'error', THREADS);
    assert.match(await terminalText(page, THREADS), /needs threads.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/s);
    await page.$eval(`${THREADS} .cell-editor`, (el) => el.cddEditor.upgrade());
    await page.$eval(`${THREADS} .cell-editor`, (el) => el.cddEditor.models[0].setValue(
      '#include <cstdio>\nint main() {\n  std::puts("ONE THREAD IS ENOUGH");\n}\n'));
    await page.click(`${THREADS} .run`);
    assert.equal(await waitForCell(page, THREADS), 'done', await terminalText(page, THREADS));
    assert.match(await terminalText(page, THREADS), /your edited version[\s\S]*ONE THREAD IS ENOUGH/);
  } finally {
    await site.close();
  }
});

// Issue 15: without isolation every cell of lesson 4 refused to run, although
// processes (Web Workers with memories of their own) need no SharedArrayBuffer.
// Now they exchange messages; only the cell that shares memory refuses, and
// says which feature it needs, why, and where the guide to hosting is.
test('without isolation lesson 4 runs its processes by messages; the shared-memory cell says why not and links the hosting guide', async () => {
  const ISOLATION = '.cell[data-program=isolation]';
  const POOL = '.cell[data-program=pool_speedup]:not(:has(.cell-title:not([hidden])))';
  const COUNTER = '.cell[data-program=shared_counter]:not(:has(.cell-title:not([hidden])))';
  const site = await openSite({ browser, isolation: false, serviceWorkers: 'block' });
  try {
    const { page } = site;
    await page.goto(`${site.url}#/04-multiprocessing`);
    await page.waitForSelector(`${ISOLATION} .run`);
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'undefined');

    await page.click(`${ISOLATION} .run`);
    assert.equal(await waitForCell(page, ISOLATION), 'done', await terminalText(page, ISOLATION));
    const isolation = await terminalText(page, ISOLATION);
    assert.match(isolation, /single-threaded build/);
    assert.match(isolation, /process \d+: set counter to 43; the parent still sees 0/);

    for (const [name, value] of [['n', '100000'], ['pieces', '8'], ['processes', '2'], ['chunk_processes', '2'], ['reps', '1']])
      await page.fill(`${POOL} input[name=${name}]`, value);
    await page.click(`${POOL} .run`);
    assert.equal(await waitForCell(page, POOL), 'done', await terminalText(page, POOL));
    assert.match(await terminalText(page, POOL), /with 2 processes:/);

    await page.click(`${COUNTER} .run`);
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'error', COUNTER);
    assert.match(await terminalText(page, COUNTER), /needs shared memory between processes.*SharedArrayBuffer.*Cross-Origin-Opener-Policy: same-origin/s);
    const needs = await page.$eval(`${COUNTER} .cell-needs`, (p) => ({
      hidden: p.hidden, feature: p.dataset.feature, text: p.textContent, href: p.querySelector('a')?.href }));
    assert.equal(needs.hidden, false);
    assert.equal(needs.feature, 'shared-memory');
    assert.match(needs.text, /cross-origin isolated page/);
    assert.match(needs.href, /\/instructors-guide\.html#deploy-dist$/);
    const guide = await page.request.get(needs.href);
    assert.equal(guide.status(), 200);
    assert.match(await guide.text(), /<h3 id="deploy-dist">Deploy <code>dist\/<\/code><\/h3>/);
  } finally {
    await site.close();
  }
});

