// The first cell's program starts loading while the lesson itself loads
// (issue 15, item 7): its wasm is requested before the lesson's chunk has
// arrived. The chunk is held back until then, so the order is forced, not timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite } from './browser.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

test('lesson 1: list_creation.wasm is requested while the lesson chunk is still on its way', async () => {
  const { page, context } = site;
  let programRequested;
  const requested = new Promise((resolve) => (programRequested = resolve));
  page.on('request', (r) => /\/wasm\/list_creation(\.st)?\.wasm$/.test(r.url()) && programRequested());
  const held = []; // per held chunk: what released it
  await context.route(/\/assets\/lesson-[^/]*\.js$/, async (route) => {
    let timer;
    const releasedBy = await Promise.race([requested.then(() => 'program request'),
      new Promise((resolve) => (timer = setTimeout(() => resolve('give-up timer'), 60000)))]);
    clearTimeout(timer);
    held.push(releasedBy);
    await route.continue();
  });
  await page.goto(`${site.url}#/01-why-performance`);
  await page.waitForSelector('.cell[data-program=list_creation] .run:not([disabled])');
  assert.ok(held.length > 0, 'the lesson came as its own chunk');
  assert.deepEqual(new Set(held), new Set(['program request']), 'the program was requested before the lesson chunk arrived');
});
