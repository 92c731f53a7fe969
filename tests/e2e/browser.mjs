// Shared set-up for browser tests: Debian's Chromium through playwright-core
// (never a downloaded browser) and dist/ served on a free localhost port.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../tools/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Opens a fresh browser profile and a server for dist/.
 * @param {{isolation?: boolean, serviceWorkers?: 'allow'|'block'}} options
 *   isolation: whether the server sends COOP/COEP (false: as on GitHub Pages).
 */
export async function openSite({ isolation = true, serviceWorkers = 'allow' } = {}) {
  const server = await serveStatic({ root: 'dist', isolation });
  const profile = mkdtempSync(join(tmpdir(), 'cdd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    serviceWorkers,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  return {
    url: server.url,
    context,
    page,
    errors,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
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

/** Clicks a cell's Stop and returns the milliseconds until the cell says it stopped (measured in the page). */
export function stopAndTime(page, cellSelector) {
  return page.evaluate(async (s) => {
    const cell = document.querySelector(s);
    const start = performance.now();
    cell.querySelector('.stop').click();
    while (cell.dataset.state !== 'stopped') await new Promise((r) => setTimeout(r, 5));
    return performance.now() - start;
  }, cellSelector);
}
