// Shared set-up for browser tests: Debian's Chromium through playwright-core
// (never a downloaded browser), one browser per test file, dist/ served on a
// free localhost port, and the waits every lesson test needs.
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tools/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts Debian's Chromium, headless. Each browser context of it is a fresh profile. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * Serves dist/ and opens it in a fresh browser context (its own storage, like
 * a first visit) of `browser`; without one, a browser of its own is started
 * and closed with the site.
 * @param {{browser?: import('playwright-core').Browser, isolation?: boolean, serviceWorkers?: 'allow'|'block'}} options
 *   isolation: whether the server sends COOP/COEP (false: as on GitHub Pages).
 *   serviceWorkers: 'block' unless a test is about the site's service worker
 *   (web/src/offline/): once it controls a page it answers from its cache, so
 *   a test's context.route() would no longer see the requests it stands in for.
 */
export async function openSite({ browser, isolation = true, serviceWorkers = 'block' } = {}) {
  const server = await serveStatic({ root: 'dist', isolation });
  const owner = browser ?? (await launchBrowser());
  const context = await owner.newContext({ serviceWorkers, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  return {
    url: server.url,
    context,
    page,
    errors,
    async close() {
      await context.close();
      if (!browser) await owner.close();
      await server.close();
    },
  };
}

/** Everything a cell's terminal has printed so far (including lines scrolled out of view). */
export function terminalText(page, cellSelector) {
  return page.$eval(`${cellSelector} .cell-terminal`, (el) => el.cddTerminal.text());
}

/** Opens a lesson afresh (a real load, not just a hash change) and waits for its cells. */
export async function openLesson(site, slug) {
  await site.page.goto('about:blank');
  await site.page.goto(`${site.url}#/${slug}`);
  await site.page.waitForSelector('.cell .run:not([disabled])');
}

/**
 * Waits until a cell's run, check or Python comparison has ended and resolves
 * to its state ('done', 'error' or 'stopped'). Call it after the click that
 * started the work: that click disables Run at once (and Check hides the old
 * verdict), so the end of an earlier run cannot pass for this one, even when
 * an edited program first spends a while compiling.
 * @param {string} cell a selector (Playwright's, e.g. `... >> nth=1`; the first match is used)
 * @param {{checking?: boolean, timeout?: number}} options checking: also wait for the verdict
 * Polls every 100 ms: Playwright's default polls on every animation frame,
 * which keeps the page drawing 60 frames a second beside the program (a core's
 * share that benchmarks reading the run's timings would count against the page).
 */
export async function waitForCell(page, cell, { checking = false, timeout = 300000 } = {}) {
  const handle = await page.locator(cell).first().elementHandle();
  await page.waitForFunction(
    ([el, check]) =>
      !el.querySelector('.run').disabled &&
      ['done', 'error', 'stopped'].includes(el.dataset.state) &&
      (!check || !el.querySelector('.cell-verdict').hidden),
    [handle, checking],
    { timeout, polling: 100 },
  );
  return handle.evaluate((el) => el.dataset.state);
}

/** The program workers the page runs now (each run has one; Stop terminates it). */
const programWorkers = (page) => page.workers().filter((w) => /program-worker/.test(w.url()));

/**
 * Clicks a running cell's Stop. Resolves, once the cell's run has ended, its
 * program's worker has ended and the page had time to show anything still on
 * its way, to {state, before, after, ms}: the cell's state ('stopped', unless
 * the run ended otherwise first), the terminal's text at the click and after,
 * and the milliseconds from the click until the run ended (measured in the
 * page; a figure for tools/bench, not for tests).
 */
export async function stopCell(page, cellSelector, { timeout = 30000 } = {}) {
  const ended = Promise.race(programWorkers(page).map((w) => new Promise((resolve) => w.once('close', resolve))));
  const { state, before, ms } = await page.evaluate((s) => new Promise((resolve) => {
    const cell = document.querySelector(s);
    const shown = cell.querySelector('.cell-terminal').cddTerminal.text();
    const start = performance.now();
    const settle = () => {
      if (!['stopped', 'done', 'error'].includes(cell.dataset.state)) return;
      observer.disconnect();
      resolve({ state: cell.dataset.state, before: shown, ms: performance.now() - start });
    };
    // Noticed as the state changes (a microtask), not at the next poll.
    const observer = new MutationObserver(settle);
    observer.observe(cell, { attributes: true, attributeFilter: ['data-state'] });
    cell.querySelector('.stop').click();
    settle();
  }), cellSelector);
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the program's worker still runs ${timeout} ms after Stop`)), timeout);
  });
  await Promise.race([ended, late]).finally(() => clearTimeout(timer));
  // Lines already posted by the worker would arrive within a few tasks.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  return { state, before, after: await terminalText(page, cellSelector), ms };
}

// Runs in the page before its scripts: every program worker's end-of-run
// message (the worker protocol's result of `run`: {call, result: {status:
// 'exit'|'abort'|'crash'}}) waits until window.cddReleaseExits() delivers
// them; later ones pass at once.
function holdExits() {
  const held = [];
  let holdingBack = true;
  window.cddReleaseExits = () => {
    holdingBack = false;
    held.splice(0).forEach((deliver) => deliver());
  };
  const endsARun = (data) => ['exit', 'abort', 'crash'].includes(data?.result?.status);
  const holding = (worker, listener) => (event) => {
    if (holdingBack && endsARun(event.data)) held.push(() => listener.call(worker, event));
    else listener.call(worker, event);
  };
  window.Worker = class extends window.Worker {
    set onmessage(listener) {
      super.onmessage = typeof listener === 'function' ? holding(this, listener) : listener;
    }
    get onmessage() {
      return super.onmessage;
    }
    addEventListener(type, listener, options) {
      super.addEventListener(type, type === 'message' && typeof listener === 'function' ? holding(this, listener) : listener, options);
    }
  };
}

/**
 * Opens a lesson in a new page of `site` in which programs' exits are held
 * back until `page.evaluate(() => cddReleaseExits())` (which also ends the
 * holding): until then the page sees a program running, whether or not it
 * has finished. Lets a test
 * assert what the page shows during a run without racing the program.
 * Close the page when done; its errors go to site.errors.
 */
export async function openLessonHoldingExits(site, slug) {
  const page = await site.context.newPage();
  page.on('pageerror', (error) => site.errors.push(error));
  await page.addInitScript(holdExits);
  await page.goto(`${site.url}#/${slug}`);
  await page.waitForSelector('.cell .run:not([disabled])');
  return page;
}

/**
 * Records every WebAssembly compile/instantiate made on the page's main
 * thread in window.cddMainThreadWasm (workers have their own WebAssembly, so
 * their calls are not seen). Call before the page loads: a page or a context.
 */
export function recordMainThreadWasm(pageOrContext) {
  return pageOrContext.addInitScript(() => {
    window.cddMainThreadWasm = [];
    for (const name of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.cddMainThreadWasm.push(name);
        return original.apply(this, args);
      };
    }
  });
}
