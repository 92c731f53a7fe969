// Runs a lesson program as a learner does: the lesson page from dist/ (served
// with COOP/COEP, as the e2e tests serve it) in headless Chromium, the
// program's default cell, its controls set only where a claim names a
// setting, then Run. What comes back is every stdout line the page received
// from the program's worker, in order: the report lines the page turned into
// charts and tables, and the terminal's text.
import { openSite, openLesson, waitForCell } from '../../../tests/e2e/browser.mjs';
import { waitForQuietMachine } from '../machine-quiet.mjs';

// Runs in the page before its scripts: records the lines of every worker's
// `lines` events (the worker protocol: {call, event: {type: 'lines', lines:
// [{stream, text}]}}) in window.cddClaimLines, beside the page's own handling.
function recordLines() {
  window.cddClaimLines = [];
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      super.addEventListener('message', ({ data }) => {
        if (data?.event?.type !== 'lines') return;
        for (const { stream, text } of data.event.lines) if (stream === 'out') window.cddClaimLines.push(text);
      });
    }
  };
}

// A program's default cell: the first of its cells without a (visible) title; exercises have one.
// With a title: the cell with that title (a claim about an exercise as shipped).
const cellSelector = (program, title) => (title
  ? `.cell[data-program=${program}]:has(.cell-title:text-is(${JSON.stringify(title)}))`
  : `.cell[data-program=${program}]:not(:has(.cell-title:not([hidden])))`);

/**
 * Opens Chromium on dist/; run(lesson, program, args, title?, {beforeRun?}) resolves to {state,
 * lines, cores, seconds, quiet}; beforeRun is awaited just before Run is pressed (for measurements).
 * Run is pressed once the machine is quiet (as a learner presses it after reading the cell, not
 * while the page still draws the last run or loads the lesson); quiet is false if it never was.
 */
export async function pageRunner() {
  const site = await openSite();
  await site.context.addInitScript(recordLines);
  const run = async (lesson, program, args = {}, title = '', { beforeRun = async () => {} } = {}) => {
    await openLesson(site, lesson);
    const selector = cellSelector(program, title);
    const cell = site.page.locator(selector).first();
    for (const [key, value] of Object.entries(args)) {
      const select = cell.locator(`select[name=${key}]`);
      if (await select.count()) await select.selectOption(String(value));
      else await cell.locator(`input[name=${key}]`).fill(String(value));
    }
    await site.page.evaluate(() => (window.cddClaimLines.length = 0));
    const { quiet } = await waitForQuietMachine();
    await beforeRun();
    const started = Date.now();
    await cell.locator('.run').click();
    const state = await waitForCell(site.page, `${selector} >> nth=0`, { timeout: 900000 });
    const { lines, cores } = await site.page.evaluate(() => ({
      lines: [...window.cddClaimLines],
      cores: navigator.hardwareConcurrency,
    }));
    return { state, lines, cores, seconds: (Date.now() - started) / 1000, quiet };
  };
  return { run, page: site.page, errors: site.errors, close: () => site.close() };
}
