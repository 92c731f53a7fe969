// Accessibility beyond axe's rules (issue 15): the keyboard path through a
// cell (every control takes focus in order, shows a visible ring, and Tab
// leaves the cell again), reduced motion, and the text equivalents of charts
// and images ("Show as table"; thread colours named in the legend).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite, openLesson, openLessonHoldingExits, terminalText, waitForCell } from './browser.mjs';

let browser;
let site;

before(async () => {
  browser = await launchBrowser();
  site = await openSite({ browser });
});
after(async () => {
  await site?.close();
  await browser?.close();
});

const LIST = '.cell[data-program=list_creation]';

// Monaco arrives once the learner engages with the page (cells/editor-upgrade.js);
// these tests ask every editor for it at once, so Tab meets the real editor.
const upgradeEditors = (page) => page.$$eval('.cell .cell-editor', (editors) => Promise.all(editors.map((el) => el.cddEditor.upgrade())));

async function openReady(page, slug) {
  await openLesson({ ...site, page }, slug);
  await upgradeEditors(page);
  await page.waitForFunction(() => [...document.querySelectorAll('.cell')].every((c) => c.querySelector('.monaco-host')), null, { timeout: 60000 });
}

// In the page: the controls of a cell a keyboard should reach, in document
// order (enabled, shown, in the tab order), and what has focus now with its ring.
const reachable = (cell) => [...cell.querySelectorAll('*')]
  .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility())
  .map((e) => e.dataset.cddKey);
function focusedNow() {
  const e = document.activeElement;
  // Monaco and xterm focus a hidden element of their own: the ring is on their box.
  const box = e.closest('.monaco-host, .cell-terminal') ?? e;
  const style = getComputedStyle(box);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return { key: e.dataset.cddKey ?? `${e.tagName}.${e.className}`, ring, inCell: Boolean(e.closest('.cell')) };
}

for (const theme of ['light', 'dark']) {
  test(`${theme}: Tab reaches every control of a cell in order, each with a visible focus ring, then leaves the cell`, async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.evaluate((t) => localStorage.setItem('cdd:theme', t), theme);
    await openReady(page, '01-why-performance');
    const expected = await page.$eval(LIST, (cell, source) => {
      [...cell.querySelectorAll('*')].forEach((e, i) => (e.dataset.cddKey = `${e.tagName.toLowerCase()}#${i}.${e.className}`));
      // Start just before the cell, as a reader tabbing down the page would arrive.
      const start = document.createElement('span');
      start.tabIndex = 0;
      cell.before(start);
      start.focus();
      return new Function(`return (${source})`)()(cell);
    }, reachable.toString());
    // Run, Reset, Compare with Python, the editor, three parameters (and the
    // terminal once it has output: before, it is an empty box that opens lazily).
    assert.ok(expected.length >= 7, expected.join(' '));
    const seen = [];
    for (;;) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(focusedNow);
      if (!now.inCell) break;
      assert.ok(seen.length < expected.length, `focus stays in the cell after ${seen.join(', ')} (a keyboard trap)`);
      assert.equal(now.ring, true, `${now.key} has no visible focus ring`);
      seen.push(now.key);
    }
    assert.deepEqual(seen, expected);
    assert.ok(seen.some((k) => /monaco|edit-context|inputarea/.test(k)), `the editor takes focus: ${seen.join(' ')}`);
    assert.equal(await page.$eval(`${LIST} .cell-notice`, (el) => el.hidden), true, 'tabbing through edits nothing');
  });
}

// In the page: every element (and ::before/::after) that moves by itself or smoothly.
function moving() {
  const out = [];
  const seconds = (list) => Math.max(...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1)));
  for (const e of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(e, pseudo);
      const what = `${e.tagName}.${String(e.className).slice(0, 40)}${pseudo ?? ''}`;
      if (s.animationName !== 'none' && seconds(s.animationDuration) > 0) out.push(`${what} animates (${s.animationName})`);
      if (seconds(s.transitionDuration) > 0 && s.transitionProperty !== 'none') out.push(`${what} has a transition`);
      if (!pseudo && s.scrollBehavior === 'smooth') out.push(`${what} scrolls smoothly`);
    }
  }
  return out;
}

test('with prefers-reduced-motion nothing animates, transitions or scrolls smoothly (a running cell included); without it the spinner turns', async () => {
  for (const motion of ['reduce', 'no-preference']) {
    await site.page.emulateMedia({ reducedMotion: motion });
    // Exits are held back: the cell is running, its spinner showing, while the page is inspected.
    const page = await openLessonHoldingExits(site, '02-concurrency');
    await page.emulateMedia({ reducedMotion: motion });
    await upgradeEditors(page);
    await page.waitForFunction(() => document.querySelector('.cell .monaco-host'), null, { timeout: 60000 });
    const cell = '.cell[data-program=timeline]';
    await page.fill(`${cell} input[name=tasks]`, '2');
    await page.fill(`${cell} input[name=work_ms]`, '5');
    await page.click(`${cell} .run`);
    await page.waitForFunction((c) => document.querySelector(c).dataset.state === 'running', cell);
    const found = await page.evaluate(moving);
    if (motion === 'reduce') assert.deepEqual(found, []);
    else assert.ok(found.some((m) => /cell-status::before animates/.test(m)), `the spinner turns without reduced motion: ${found.join('; ')}`);
    await page.evaluate(() => window.cddReleaseExits());
    assert.equal(await waitForCell(page, cell), 'done');
    await page.close();
  }
  await site.page.emulateMedia({ reducedMotion: 'reduce' });
  await site.page.goto('about:blank');
  await site.page.goto(`${site.url}#/05-distributed-systems`);
  await site.page.waitForSelector('[data-cluster] select[name=animation]');
  assert.deepEqual(await site.page.$$eval('[data-cluster] select[name=animation]', (s) => [...new Set(s.map((e) => e.value))]), ['off'],
    'the clusters start with their message animation off');
  await site.page.emulateMedia({ reducedMotion: 'no-preference' });
});

const number = (v) => new Intl.NumberFormat('en', { maximumSignificantDigits: 4 }).format(v);

test('a chart shown as a table lists every plotted point, per series, and hides again', async () => {
  const { page } = site;
  await openLesson(site, '01-why-performance');
  await page.fill(`${LIST} input[name=n_max]`, '20000');
  await page.fill(`${LIST} input[name=reps]`, '1');
  await page.click(`${LIST} .run`);
  assert.equal(await waitForCell(page, LIST), 'done', await terminalText(page, LIST));
  const chart = `${LIST} .chart-view >> nth=0`;
  const toggle = page.locator(`${chart} >> .show-table`);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator(`${chart} >> .shown-table`).isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const { series, head, rows } = await page.locator(chart).evaluate((el) => ({
    series: el.cddChart.seriesData(),
    head: [...el.querySelectorAll('.shown-table th')].map((th) => th.textContent),
    rows: [...el.querySelectorAll('.shown-table tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
  }));
  const names = Object.keys(series);
  assert.ok(names.length >= 1 && rows.length >= 2, JSON.stringify({ names, rows }));
  assert.equal(head.length, names.length + 1);
  names.forEach((name, i) => assert.ok(head[i + 1].startsWith(name), `column ${i + 1} is "${head[i + 1]}", not ${name}`));
  for (const [i, name] of names.entries()) {
    for (const [x, y] of series[name]) {
      const row = rows.find((r) => r[0] === number(x));
      assert.ok(row, `no row for x = ${x}`);
      assert.equal(row[i + 1], number(y), `${name} at x = ${x}`);
    }
  }
  await toggle.click();
  assert.equal(await page.locator(`${chart} >> .shown-table`).isVisible(), false);
});

test('a Mandelbrot image names each thread colour in its legend and lists each thread\'s pixels and rows', async () => {
  const { page } = site;
  await openLesson(site, '03-parallelism');
  const cell = '.cell[data-program=mandelbrot]';
  const size = { width: 40, height: 24 };
  for (const [name, value] of Object.entries({ ...size, max_iter: '50', threads: '2', reps: '1', schedule: 'static' })) {
    if (name === 'schedule') await page.selectOption(`${cell} select[name=${name}]`, value);
    else await page.fill(`${cell} input[name=${name}]`, String(value));
  }
  await page.click(`${cell} .run`);
  assert.equal(await waitForCell(page, cell), 'done', await terminalText(page, cell));
  const image = page.locator(`${cell} .image-view`).last();
  const legend = await image.locator('.image-legend').textContent();
  assert.match(legend, /thread 0.*thread 1/, legend);
  await image.locator('.show-table').click();
  const rows = await image.locator('.shown-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['thread 0', 'thread 1']);
  const pixels = rows.reduce((sum, r) => sum + Number(r[1].replace(/,/g, '')), 0);
  assert.equal(pixels, size.width * size.height, 'every pixel is listed under one thread');
  // Static schedule on two threads: each thread computed one block of rows.
  assert.deepEqual(rows.map((r) => r[2]), [`0-${size.height / 2 - 1}`, `${size.height / 2}-${size.height - 1}`]);
});
