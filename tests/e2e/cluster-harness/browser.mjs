// Opens the cluster harness (see index.html) in a page and waits on what a
// live run emitted. Waits are for conditions, with generous timeouts: a busy
// machine makes a run slower, never different.

/** @param {import('playwright-core').Browser} browser */
export async function openClusterHarness(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => window.harnessReady === true);
  return { page, context, errors, close: () => context.close() };
}

/** Starts a live run in the page (window.live collects it). */
export const startRun = (page, spec, options = {}) => page.evaluate(([s, o]) => window.runLive(s, o), [spec, options]);

/**
 * Waits until `predicate(live)` (a function run in the page on window.live) is true.
 * On timeout the error says what the run had emitted so far.
 */
export async function waitForLive(page, predicate, { timeout = 60000, what = 'the condition' } = {}) {
  try {
    await page.waitForFunction(`(${predicate})(window.live)`, null, { timeout, polling: 100 });
  } catch (error) {
    const seen = await page.evaluate(() => ({ tally: window.live?.tally, problems: window.live?.problems, verdicts: window.live?.verdicts.length }));
    throw new Error(`${what} did not happen within ${timeout} ms; the run emitted ${JSON.stringify(seen)}`);
  }
}
