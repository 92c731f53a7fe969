// Accessibility of every lesson page (issue 15): axe-core, with every rule it
// enables by default (WCAG 2.0 and 2.1, A and AA, and its best practices),
// finds no violation on any lesson or the Playground, in the light and the
// dark theme, before a run and after one (the first cell's program; on lesson
// 5 the first cluster's default run). The lessons are read from the menu, so a
// new lesson is covered without touching this file. Nothing is excluded: no
// rule is switched off and no part of the page (Monaco's and xterm's insides
// included) is left out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, openSite, terminalText, waitForCell } from './browser.mjs';

// Quick settings for a lesson's first cell (the defaults measure for seconds);
// a lesson not listed runs its first cell as written.
const QUICK = {
  'list_creation': { n_max: '20000', reps: '1' },
  'timeline': { tasks: '3', work_ms: '20' },
  'bit_level': { n_max: '100000', reps: '1' },
  'threads_playground': { n: '10000', threads: '2' },
};
let browser;
let site;
let slugs;

before(async () => {
  browser = await launchBrowser();
  site = await openSite({ browser });
  await site.page.goto(site.url);
  slugs = await site.page.$$eval('#lesson-nav a', (links) => links.map((a) => a.getAttribute('href').slice(2)));
});
after(async () => {
  await site?.close();
  await browser?.close();
});

/**
 * Opens a lesson afresh in `theme` and waits until its cells and widgets are
 * ready, as a first visit shows them: each editor's code as plain text (Monaco
 * arrives once the learner engages, cells/editor-upgrade.js).
 */
async function openLessonIn(page, slug, theme) {
  await page.evaluate((t) => localStorage.setItem('cdd:theme', t), theme);
  await page.goto('about:blank');
  await page.goto(`${site.url}#/${slug}`);
  await page.waitForSelector('.lesson h1');
  await page.waitForFunction(() => [...document.querySelectorAll('.cell')].every((c) => !c.querySelector('.run').disabled)
    && [...document.querySelectorAll('.cdd-widget')].every((w) => w.childElementCount > 0), null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
}

/** Every editor of the page in Monaco, as once the learner has engaged with the page. */
async function upgradeEditors(page) {
  await page.$$eval('.cell .cell-editor', (editors) => Promise.all(editors.map((el) => el.cddEditor.upgrade())));
  await page.waitForFunction(() => [...document.querySelectorAll('.cell')].every((c) => c.querySelector('.monaco-host')), null, { timeout: 60000 });
}

/** Runs the lesson's first program to its end (lesson 5: its first cluster's default run). */
async function runFirst(page) {
  if (!(await page.$('.cell'))) {
    await page.click('[data-cluster] >> nth=0 >> .run');
    await page.waitForFunction(() => document.querySelector('[data-cluster]').cddCluster.session?.ended === true, null, { timeout: 60000 });
    return;
  }
  const program = await page.$eval('.cell', (c) => c.dataset.program);
  const cell = `.cell[data-program=${program}]`;
  for (const [name, value] of Object.entries(QUICK[program] ?? {})) await page.fill(`${cell} >> nth=0 >> input[name=${name}]`, value);
  await page.click(`${cell} >> nth=0 >> .run`);
  assert.equal(await waitForCell(page, cell), 'done', await terminalText(page, cell));
}

/**
 * axe-core's violations on the page now (every rule axe runs by default), one
 * line each: rule, impact, how many elements, and the first few with axe's explanation.
 */
async function violations(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const result = await new AxeBuilder({ page })
    .analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} element(s), e.g. ` +
    v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} -- ${n.failureSummary.replace(/\s+/g, ' ')}`).join(' | '));
}

test('the menu lists the lessons and the Playground', () => {
  assert.ok(slugs.length >= 6, slugs.join(' '));
  assert.ok(slugs.includes('playground'), slugs.join(' '));
});

// One run per lesson: the dark theme after a run is reached by the theme
// button (charts, editors and terminals redraw in it), and the dark theme
// before a run by opening the lesson in it afresh.
test('axe-core finds no violation on any lesson page, in both themes, before and after a run', async (t) => {
  const { page } = site;
  for (const slug of slugs) {
    await t.test(slug, async () => {
      await openLessonIn(page, slug, 'light');
      assert.deepEqual(await violations(page), [], `${slug} (light) before a run`);
      await runFirst(page);
      await upgradeEditors(page);
      assert.deepEqual(await violations(page), [], `${slug} (light) after a run, editors in Monaco`);
      await page.click('.theme-toggle');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.deepEqual(await violations(page), [], `${slug} (dark) after a run, editors in Monaco`);
      await openLessonIn(page, slug, 'dark');
      assert.deepEqual(await violations(page), [], `${slug} (dark) before a run`);
    });
  }
  assert.deepEqual(site.errors.map(String), []);
});
