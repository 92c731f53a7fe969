// Every lesson on a phone (390 x 844): the page never scrolls sideways (before
// and after a run draws its terminal and charts), the menu is collapsed until
// its button opens it, and a program runs. The lessons are read from the menu,
// so a new lesson is covered without touching this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite, terminalText, waitForCell } from './browser.mjs';

const WIDTH = 390;
// Quick settings for one cell per lesson; a lesson not listed runs its first cell as written.
const QUICK = {
  '01-why-performance': { program: 'list_creation', fill: { n_max: '2000', reps: '1' } },
  '02-concurrency': { program: 'timeline', fill: { tasks: '3', work_ms: '20' } },
  '03-parallelism': { program: 'ilp', fill: { n: '1024', reps: '1' } },
  '04-multiprocessing': { program: 'isolation', fill: {} },
  playground: { program: 'threads_playground', fill: { n: '10000', threads: '2' } },
};
let browser;
let site;
let slugs;

before(async () => {
  browser = await launchBrowser();
  site = await openSite({ browser });
  await site.context.close();
  site.context = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true });
  site.page = await site.context.newPage();
  site.page.on('pageerror', (error) => site.errors.push(error));
  await site.page.goto(site.url);
  slugs = await site.page.$$eval('#lesson-nav a', (links) => links.map((a) => a.getAttribute('href').slice(2)));
});
after(async () => {
  await site?.close();
  await browser?.close();
});

/** How far the page scrolls sideways, and the widest element that sticks out (for the message). */
const overflow = (page) => page.evaluate(() => {
  const limit = document.documentElement.clientWidth + 1;
  const out = [...document.querySelectorAll('body *')].find((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > limit && getComputedStyle(e.parentElement).overflowX === 'visible'
      && e.parentElement.getBoundingClientRect().right <= limit;
  });
  return { scrollWidth: document.scrollingElement.scrollWidth, culprit: out ? `${out.tagName}.${out.className}` : '' };
});

/** Waits until the lesson's cells have their editors and its widgets their content. */
async function openLesson(page, slug) {
  await page.goto('about:blank');
  await page.goto(`${site.url}#/${slug}`);
  await page.waitForSelector('.lesson h1');
  // Monaco replaces a cell's plain text only once the learner has used the page
  // and sees the cell (cells/editor-upgrade.js); this test measures every editor.
  await page.$$eval('.cell .cell-editor', (editors) => Promise.all(editors.map((el) => el.cddEditor.upgrade())));
  await page.waitForFunction(() => [...document.querySelectorAll('.cell')].every((c) => c.querySelector('.monaco-host') && !c.querySelector('.run').disabled)
    && [...document.querySelectorAll('.cdd-widget')].every((w) => w.childElementCount > 0), null, { timeout: 60000 });
}

async function runOneProgram(page, slug) {
  if (!(await page.$('.cell'))) {
    // Lesson 5 has no cells: its first cluster runs a seeded replay.
    const first = '[data-cluster] >> nth=0';
    await page.click(`${first} >> .run`);
    await page.waitForFunction(() => document.querySelector('[data-cluster]').cddCluster.session?.ended === true, null, { timeout: 60000 });
    return;
  }
  const quick = QUICK[slug] ?? { program: await page.$eval('.cell', (c) => c.dataset.program), fill: {} };
  const cell = `.cell[data-program=${quick.program}] >> nth=0`;
  for (const [name, value] of Object.entries(quick.fill)) await page.fill(`${cell} >> input[name=${name}]`, value);
  await page.click(`${cell} >> .run`);
  const state = await waitForCell(page, `.cell[data-program=${quick.program}]`);
  assert.equal(state, 'done', await terminalText(page, `.cell[data-program=${quick.program}]`));
  const widths = await page.$eval(`.cell[data-program=${quick.program}]`, (c) => ({
    cell: c.getBoundingClientRect().right,
    parts: [...c.querySelectorAll('.cell-terminal, .cell-views > div, .monaco-host, .cell-toolbar, .cell-controls')].map((e) => e.getBoundingClientRect().right),
  }));
  for (const right of widths.parts) assert.ok(right <= widths.cell + 1, `a part of the cell ends at ${right} px, past the cell (${widths.cell})`);
}

test('the menu lists the lessons', () => {
  assert.ok(slugs.length >= 6, slugs.join(' '));
});

test('every lesson at 390 px: no sideways scrolling, the menu collapsed behind its button, a program runs', async (t) => {
  const { page } = site;
  for (const slug of slugs) {
    await t.test(slug, async () => {
      await openLesson(page, slug);
      let seen = await overflow(page);
      assert.ok(seen.scrollWidth <= WIDTH + 1, `${slug}: the page is ${seen.scrollWidth} px wide (${seen.culprit})`);

      const toggle = page.locator('.menu-toggle');
      assert.equal(await toggle.isVisible(), true, 'the menu button shows');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('#lesson-nav').isVisible(), false, 'the menu is collapsed');
      await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight / 2));
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const current = page.locator('#lesson-nav a[aria-current=page]');
      assert.equal(await current.isVisible(), true, 'opened mid-page, the menu shows the current lesson');
      assert.equal(await current.getAttribute('href'), `#/${slug}`);
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#lesson-nav').isVisible(), false, 'Escape collapses it again');

      await runOneProgram(page, slug);
      seen = await overflow(page);
      assert.ok(seen.scrollWidth <= WIDTH + 1, `${slug} after a run: the page is ${seen.scrollWidth} px wide (${seen.culprit})`);
    });
  }
  assert.deepEqual(site.errors.map(String), []);
});

test('a tap beside the opened menu closes it; a link in it goes to that lesson and collapses it', async () => {
  const { page } = site;
  await openLesson(page, slugs[0]);
  await page.click('.menu-toggle');
  assert.equal(await page.locator('#lesson-nav').isVisible(), true);
  await page.mouse.click(200, 830); // the page below the menu
  assert.equal(await page.locator('#lesson-nav').isVisible(), false, 'a tap beside it closed the menu');
  assert.equal(await page.getAttribute('.menu-toggle', 'aria-expanded'), 'false');
  await page.click('.menu-toggle');
  await page.click(`#lesson-nav a[href="#/${slugs[1]}"]`);
  await page.waitForFunction((s) => document.querySelector('#lesson-nav a[aria-current=page]')?.getAttribute('href') === `#/${s}`, slugs[1]);
  assert.equal(await page.locator('#lesson-nav').isVisible(), false);
  assert.equal(await page.getAttribute('.menu-toggle', 'aria-expanded'), 'false');
});
