// Each deployment path of lessons/README.md, served the way that host serves
// dist/ (tools/host-like.mjs): Netlify and Cloudflare Pages honour `_headers`,
// GitHub Pages sends no headers (the site's service worker must isolate the page), and
// a project site lives under a sub-path. In each, a first visit to lesson 2
// ends cross-origin isolated and runs a program that starts threads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, terminalText, waitForCell } from './browser.mjs';
import { serveLikeHost } from '../../tools/host-like.mjs';

const TIMELINE = '.cell[data-program=timeline]';
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens lesson 2 on a fresh profile, waits for isolation, runs the timeline with 3 threads. */
async function visitAndRunThreads({ host, base, isolatedByHeaders }) {
  const server = await serveLikeHost({ host, base });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors = [];
  const outside = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    // Every request must stay inside the site's folder (a sub-path site owns
    // nothing above it); data: and the page's own blob: URLs fetch nothing.
    const origin = new URL(server.url).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith(`blob:${origin}/`)) outside.push(url);
    });
    const response = await page.goto(`${server.url}#/02-concurrency`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['cross-origin-embedder-policy'], isolatedByHeaders ? 'require-corp' : undefined);
    // Without headers, the service worker installs and reloads the page once.
    await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 30000, polling: 200 });
    await page.waitForSelector(`${TIMELINE} .run:not([disabled])`);
    assert.equal(await page.$eval('.isolation-status', (el) => el.dataset.state), 'on');
    assert.equal(await page.$$eval('#lesson-nav a', (links) => links.length > 5), true, 'the menu lists the lessons');
    await page.fill(`${TIMELINE} input[name=tasks]`, '3');
    await page.fill(`${TIMELINE} input[name=work_ms]`, '20');
    await page.click(`${TIMELINE} .run`);
    const state = await waitForCell(page, TIMELINE);
    const text = await terminalText(page, TIMELINE);
    assert.equal(state, 'done', text);
    assert.doesNotMatch(text, /single-threaded/);
    const lanes = await page.$$eval(`${TIMELINE} .timeline-view g.lane`, (gs) => gs.map((g) => g.dataset.lane));
    for (const lane of ['thread 0', 'thread 1', 'thread 2']) assert.ok(lanes.includes(lane), `lane ${lane} in ${lanes}`);
    assert.deepEqual(outside, [], 'requests outside the site');
    assert.deepEqual(errors.map(String), []);
  } finally {
    await context.close();
    await server.close();
  }
}

test('Netlify: _headers honoured, the page is isolated from the first load and runs threads', () =>
  visitAndRunThreads({ host: 'netlify', base: '/', isolatedByHeaders: true }));

test('Cloudflare Pages under a sub-path /course/: _headers honoured there too', () =>
  visitAndRunThreads({ host: 'cloudflare', base: '/course/', isolatedByHeaders: true }));

test('GitHub Pages: no headers, the service worker isolates the page, threads run', () =>
  visitAndRunThreads({ host: 'github-pages', base: '/', isolatedByHeaders: false }));

test('GitHub Pages project site under /course/: the service worker isolates the sub-path, threads run', () =>
  visitAndRunThreads({ host: 'github-pages', base: '/course/', isolatedByHeaders: false }));
