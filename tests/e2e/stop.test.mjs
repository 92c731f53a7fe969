// Stop, as a learner presses it (issue 15, item 9): with the mouse it acts on
// the press (pointerdown), not on the click that follows the release, because
// while a program keeps 16 threads busy every trip of input to the page's main
// thread is slow; from the keyboard (Enter, Space) it acts on the click.
// Each case runs lesson 2's races with 16 threads in a page that holds the
// program's exit back (browser.mjs, openLessonHoldingExits): the run is still
// running for the page when Stop is pressed, however fast the program was.
// How fast Stop is, is measured by tools/bench/stop-latency.mjs, not here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLessonHoldingExits, terminalText } from './browser.mjs';

const RACES = '.cell[data-program=races]:has(.cell-title[hidden])'; // the demo, not the exercise
const STOP = `${RACES} .stop`;
const WAIT = Number(process.env.STOP_WAIT || 60000); // generous: the machine may be busy; nothing here is a timing figure
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

/** Starts a 16-thread run and resolves, once it printed, to {ended}: a promise of its worker's end. */
async function startManyThreads(page) {
  for (const [name, value] of [['threads', 16], ['n', 100000], ['runs', 3]]) await page.fill(`${RACES} input[name=${name}]`, String(value));
  await page.click(`${RACES} .run`);
  await page.waitForFunction((s) => /lost/.test(document.querySelector(`${s} .cell-terminal`).cddTerminal.text()), RACES, { timeout: WAIT });
  // The run's worker is one of these (others are prepared for cells not run yet): the first to close.
  const workers = page.workers().filter((w) => /program-worker/.test(w.url()));
  assert.ok(workers.length > 0, 'the run has a program worker');
  // Wrapped: an async function returning the promise itself would wait for it.
  return { ended: Promise.race(workers.map((w) => new Promise((resolve) => w.once('close', resolve)))) };
}

async function workerEnds(ended, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the program's worker still runs ${WAIT} ms after ${what}`)), WAIT);
  });
  await Promise.race([ended, late]).finally(() => clearTimeout(timer));
}

const stateOf = (page) => page.$eval(RACES, (el) => el.dataset.state);
const stopNotices = async (page) => (await terminalText(page, RACES)).match(/^Stopped after /gm)?.length ?? 0;

test('the mouse button going down on Stop ends the run: the cell says stopped and its worker ends before the button is released', async () => {
  const page = await openLessonHoldingExits(site, '02-concurrency');
  try {
    const { ended } = await startManyThreads(page);
    await page.locator(STOP).scrollIntoViewIfNeeded();
    const box = await page.locator(STOP).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // Only the press has reached the page: no pointerup, so no click yet.
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'stopped', RACES, { timeout: WAIT });
    await workerEnds(ended, 'the press');
    assert.equal(await page.$eval(STOP, (b) => b.disabled), true, 'Stop is disabled once the run ended');
    await page.mouse.up();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    assert.equal(await stateOf(page), 'stopped');
    assert.equal(await stopNotices(page), 1, 'the release after the press does not stop a second time');
  } finally {
    await page.close();
  }
});

test('Enter and Space on a focused Stop end the run from the keyboard', async () => {
  const page = await openLessonHoldingExits(site, '02-concurrency');
  try {
    for (const key of ['Enter', 'Space']) {
      const { ended } = await startManyThreads(page);
      await page.focus(STOP);
      await page.keyboard.press(key);
      await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'stopped', RACES, { timeout: WAIT });
      await workerEnds(ended, key);
    }
    assert.equal(await stopNotices(page), 2, 'each key stopped its own run once');
  } finally {
    await page.close();
  }
});
