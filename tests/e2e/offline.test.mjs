// The site's service worker in Chromium (web/src/offline/): after one visit
// the tutorial works offline, threads and the in-page compiler included; on a
// host without headers (GitHub Pages, here under a sub-path) the worker makes
// the page cross-origin isolated; a new deploy is offered by a notice and
// never mixed into the page that is open. One browser for the file; each test
// is a fresh profile (a first visit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, terminalText, waitForCell } from './browser.mjs';
import { serveLikeHost } from '../../tools/host-like.mjs';
import { serveStatic } from '../../tools/static-server.mjs';
import { manifestOf, writeServiceWorker } from '../../web/build/service-worker-plugin.mjs';
import { siteCacheName } from '../../web/src/offline/cache-names.js';

const LIST = '.cell[data-program=list_creation]';
const TIMELINE = '.cell[data-program=timeline]';
const PLAYGROUND = '.cell[data-program=threads_playground]';
const edited = (word) => `#include <cstdio>
#include <thread>
int main() {
  int seen = 0;
  std::thread helper([&] { seen = 42; });
  helper.join();
  std::printf("${word} %d from a second thread\\n", seen);
}
`;
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Waits until the service worker controls `page` and the page is cross-origin isolated. */
async function waitForWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && crossOriginIsolated === true, null,
    { timeout: 60000, polling: 200 });
}

async function runEdited(page, word) {
  await page.waitForSelector(`${PLAYGROUND} .run:not([disabled])`);
  await page.$eval(`${PLAYGROUND} .cell-editor`, (el) => el.cddEditor.upgrade());
  await page.$eval(`${PLAYGROUND} .cell-editor`, (el, text) => el.cddEditor.models[0].setValue(text), edited(word));
  await page.click(`${PLAYGROUND} .run`);
  const state = await waitForCell(page, PLAYGROUND);
  const text = await terminalText(page, PLAYGROUND);
  assert.equal(state, 'done', text);
  assert.match(text, new RegExp(`your edited version[\\s\\S]*${word} 42 from a second thread`));
}

async function runTimeline(page) {
  await page.waitForSelector(`${TIMELINE} .run:not([disabled])`);
  await page.fill(`${TIMELINE} input[name=tasks]`, '3');
  await page.fill(`${TIMELINE} input[name=work_ms]`, '20');
  await page.click(`${TIMELINE} .run`);
  const state = await waitForCell(page, TIMELINE);
  const text = await terminalText(page, TIMELINE);
  assert.equal(state, 'done', text);
  assert.doesNotMatch(text, /single-threaded/);
  const lanes = await page.$$eval(`${TIMELINE} .timeline-view g.lane`, (gs) => gs.map((g) => g.dataset.lane));
  for (const lane of ['thread 0', 'thread 1', 'thread 2']) assert.ok(lanes.includes(lane), `lane ${lane} in ${lanes}`);
}

/** Lesson 1's list program at small sizes, then its Python comparison (Pyodide, cached when first used). */
async function runWithPython(page) {
  await page.waitForSelector(`${LIST} .run:not([disabled])`);
  await page.fill(`${LIST} input[name=n_max]`, '2000');
  await page.click(`${LIST} .run`);
  assert.equal(await waitForCell(page, LIST), 'done', await terminalText(page, LIST));
  await page.click(`${LIST} .python`);
  assert.equal(await waitForCell(page, LIST), 'done', await terminalText(page, LIST));
  const series = await page.$$eval(`${LIST} .u-legend .u-label`, (labels) => labels.map((l) => l.textContent));
  assert.ok(series.includes('Python: list.append'), series.join());
}

const requestCount = (server) => [...server.requested].filter(([path]) => !path.endsWith('/service-worker.js'))
  .reduce((n, [, count]) => n + count, 0);

test('GitHub Pages under /course/: isolated by the worker; after one visit, offline, a threaded program, an edited one and Python run', { timeout: 900000 }, async () => {
  const server = await serveLikeHost({ host: 'github-pages', base: '/course/' });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    const response = await page.goto(`${server.url}#/playground`);
    assert.equal(response.headers()['cross-origin-opener-policy'], undefined, 'the host sends no isolation headers');
    await waitForWorker(page); // after the one reload
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope)), server.url);
    assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'on');
    await runEdited(page, 'ONLINE'); // downloads the compiler, which keeps it in Cache Storage
    const compilerParts = await page.evaluate(async () =>
      (await (await caches.open('cdd-compiler')).keys()).filter((r) => /\.gz\.part\d+$/.test(r.url)).length);
    assert.ok(compilerParts > 0, 'the compiler is cached');
    await page.goto(`${server.url}#/01-why-performance`);
    await runWithPython(page);

    const before = requestCount(server);
    await context.setOffline(true);
    await page.reload();
    await waitForWorker(page);
    await page.goto(`${server.url}#/playground`);
    await runEdited(page, 'OFFLINE');
    await page.goto(`${server.url}#/02-concurrency`);
    await runTimeline(page);
    await page.goto(`${server.url}#/01-why-performance`);
    await runWithPython(page);
    // Only the browser's check for a new worker may try the network (and fail).
    assert.equal(requestCount(server), before, 'nothing was fetched from the server while offline');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a host with headers: once the worker controls the page, programs (workers started with #parameters) still run', { timeout: 300000 }, async () => {
  const server = await serveLikeHost({ host: 'netlify', base: '/' });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${server.url}#/02-concurrency`);
    await waitForWorker(page);
    await page.reload(); // now every file, the program's worker script included, comes through the worker
    await waitForWorker(page);
    await runTimeline(page);
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new deploy: the open page stays the old build, a notice offers the new one, loading it drops the old cache', { timeout: 300000 }, async () => {
  // A copy of the site without the compiler's parts and Pyodide (neither is precached).
  const root = mkdtempSync(join(tmpdir(), 'cdd-deploy-'));
  cpSync('dist', root, { recursive: true, filter: (from) => !/\.gz(\.part\d+)?$|dist\/pyodide(\/|$)/.test(from) });
  const server = await serveStatic({ root });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}#/01-why-performance`);
    await waitForWorker(page);
    const first = manifestOf(root);
    const cacheNames = () => page.evaluate(() => caches.keys());
    assert.ok((await cacheNames()).includes(siteCacheName('/', first.buildId)));

    const index = join(root, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head>\n    <meta name="cdd-deploy" content="second" />'));
    const glue = join(root, 'wasm', 'timeline.js');
    writeFileSync(glue, `${readFileSync(glue, 'utf8')}\n// second deploy\n`);
    const second = await writeServiceWorker(root);
    const glueText = () => page.evaluate(() => fetch('wasm/timeline.js').then((r) => r.text()));
    assert.notEqual(second.buildId, first.buildId);

    await page.reload(); // the next visit: the browser finds the new worker
    await page.waitForSelector('.update-notice button', { timeout: 60000 });
    assert.equal(await page.$('meta[name=cdd-deploy]'), null, 'the open page is still the old build');
    assert.doesNotMatch(await glueText(), /second deploy/, 'and so are the files it loads from now on');
    assert.match(await page.$eval('.update-notice', (el) => el.textContent), /new version/);
    // The click also starts the page's lazy downloads (the editor), and Chromium parks a
    // takeover when a fetch reaches the old worker as it hands over (web/src/offline/
    // takeover.js): a burst of fetches for the next two seconds makes that moment likely.
    // The page must still change hands, well before the park would end by itself.
    await page.evaluate(() => {
      const until = performance.now() + 2000;
      const next = () => performance.now() < until && fetch('wasm/timeline.js', { cache: 'no-store' }).then(next, next);
      for (let i = 0; i < 4; i++) next();
    });
    await Promise.all([page.waitForEvent('load', { timeout: 60000 }), page.click('.update-notice button')]);
    await page.waitForSelector('meta[name=cdd-deploy]', { state: 'attached' });
    await page.waitForSelector('.cell .run:not([disabled])');
    assert.equal(await page.$('.update-notice'), null);
    assert.match(await glueText(), /second deploy/);
    const names = await cacheNames();
    assert.ok(names.includes(siteCacheName('/', second.buildId)), names.join());
    assert.ok(!names.includes(siteCacheName('/', first.buildId)), 'the old build is deleted');
  } finally {
    await context.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a non-secure context (plain HTTP off localhost): no worker, no reload, the page says threads are off', async (t) => {
  const address = Object.values(networkInterfaces()).flat().find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (!address) return t.skip('this machine has no non-loopback IPv4 address to serve a non-secure page on');
  const server = await serveStatic({ root: 'dist', isolation: false, host: address });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}#/01-why-performance`);
    await page.waitForSelector('.cell .run:not([disabled])');
    assert.equal(await page.evaluate(() => isSecureContext), false);
    assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false);
    assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'off');
    assert.match(await page.$eval('.isolation-notice', (el) => el.textContent), /single-threaded build/);
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].type), 'navigate', 'never reloaded');
  } finally {
    await context.close();
    await server.close();
  }
});

test('a hard reload (past the worker) on a host without headers: the page asks the worker to take it and reloads once', { timeout: 300000 }, async () => {
  const server = await serveLikeHost({ host: 'github-pages', base: '/' });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}#/01-why-performance`);
    await waitForWorker(page);
    await page.waitForSelector('.cell .run:not([disabled])'); // the page's scripts have run
    const loads = [];
    page.on('load', () => loads.push(page.url()));
    // Chromium's Shift+Reload: the page is loaded from the network, not through the worker.
    const session = await context.newCDPSession(page);
    await session.send('Page.reload', { ignoreCache: true });
    await waitForWorker(page);
    await page.waitForSelector('.cell .run:not([disabled])');
    assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'on');
    assert.equal(loads.length, 2, 'the hard reload and the one reload that isolates the page');
  } finally {
    await context.close();
    await server.close();
  }
});
