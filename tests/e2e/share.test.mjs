// Share links of cells in headless Chromium: the Share button makes a link of
// the cell's code and parameters; the link, opened in a fresh profile, shows
// that lesson at that cell with exactly that code and those parameters, marked
// as shared, and runs nothing. The learner's own saved edits survive it.
// Links that cannot be opened say why. (Lesson 5's cluster links: distributed.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSite, openLesson } from './browser.mjs';
import { encodeShare } from '../../web/src/share/envelope.js';

const PROCESSES = '.cell[data-program=processes_playground]';
const EXERCISE = '.cell[data-program=races] >> nth=1'; // lesson 2's second cell of the same program
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

/** Replaces file `file` of a cell's editor with `text`, as typing would (Monaco's model). */
const setSource = (page, cell, text, file = 0) =>
  page.locator(cell).first().locator('.cell-editor').evaluate(async (el, [t, i]) => {
    await el.cddEditor.upgrade();
    el.cddEditor.models[i].setValue(t);
  }, [text, file]);
const sources = (page, cell) => page.locator(cell).first().locator('.cell-editor').evaluate((el) => el.cddEditor.sources());
const originals = (page, cell) => page.locator(cell).first().locator('.cell-editor').evaluate((el) => Object.fromEntries(el.cddEditor.files.map((f) => [f.name, f.source])));

/** Clicks the cell's Share button and reads the link it shows. */
async function shareLink(page, cell) {
  await page.locator(cell).first().locator('.share').click();
  const box = page.locator(cell).first().locator('.cell-share[data-state=made]');
  await box.waitFor();
  return box.locator('.share-link-text').inputValue();
}

/** Opens `url` in a fresh page of `context` and waits for the lesson's cells. */
async function openLink(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.waitForSelector('#lesson h1, #lesson .error');
  return { page, errors };
}

/** What shows that nothing ran: every cell idle, its terminal empty. */
const nothingRan = (page) =>
  page.$$eval('.cell', (cells) => cells.every((c) => !c.dataset.state && c.querySelector('.cell-terminal').cddTerminal.text().trim() === ''));

test('a playground link opens the edited code and parameters, marked as shared, scrolled to, and nothing runs', async () => {
  await openLesson(site, 'playground');
  const { page } = site;
  const code = '// shared from the playground: “naïve” 世界 🧵\n#include <cstdio>\nint main() { std::puts("shared"); }\n';
  await setSource(page, PROCESSES, code);
  for (const [name, value] of [['n', '12345'], ['processes', '3'], ['pieces', '7']]) await page.fill(`${PROCESSES} input[name=${name}]`, value);
  const link = await shareLink(page, PROCESSES);
  assert.match(link, new RegExp(`^${site.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*#/playground\\?v=2&s=[A-Za-z0-9_-]+$`));

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page: opened, errors } = await openLink(fresh, link);
    await opened.waitForSelector(`${PROCESSES}[data-shared=true] .cell-shared`);
    assert.deepEqual(await sources(opened, PROCESSES), { 'processes_playground.cpp': code });
    for (const [name, value] of [['n', '12345'], ['processes', '3'], ['pieces', '7']]) {
      assert.equal(await opened.inputValue(`${PROCESSES} input[name=${name}]`), value, name);
    }
    // Scrolled to the cell: its top is within the window.
    const top = await opened.$eval(PROCESSES, (el) => el.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 900, `the shared cell's top is at ${top}px`);
    assert.equal(await opened.$$eval('[data-shared]', (cells) => cells.length), 1, 'only that cell is marked');
    assert.equal(await nothingRan(opened), true, 'nothing ran');
    assert.equal(await opened.locator(`${PROCESSES} .back-to-mine`).isHidden(), true, 'no saved edits of its own in a fresh profile');
    // One click back to the lesson's own program and parameters; the address no longer holds the share.
    await opened.click(`${PROCESSES} .back-to-lesson`);
    assert.deepEqual(await sources(opened, PROCESSES), await originals(opened, PROCESSES));
    assert.equal(await opened.inputValue(`${PROCESSES} input[name=processes]`), '2');
    assert.equal(await opened.$$eval('[data-shared], .cell-shared', (els) => els.length), 0);
    assert.equal(new URL(opened.url()).hash, '#/playground');
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

test("a link to a lesson's second cell of a program, with several files and a choice, keeps the learner's own edits", async () => {
  await openLesson(site, '02-concurrency');
  const { page } = site;
  const files = await originals(page, EXERCISE);
  assert.deepEqual(Object.keys(files), ['races.cpp', 'counters.h', 'thread_support.h']);
  const shared = { ...files, 'races.cpp': `${files['races.cpp']}\n// shared edit\n`, 'counters.h': `// shared header\n${files['counters.h']}` };
  await setSource(page, EXERCISE, shared['races.cpp'], 0);
  await setSource(page, EXERCISE, shared['counters.h'], 1);
  const link = await shareLink(page, EXERCISE);

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // The learner has edits of their own of this cell, saved in this profile.
    const own = await fresh.newPage();
    await own.goto(`${site.url}#/02-concurrency`);
    await own.waitForSelector('.cell .run:not([disabled])');
    const mine = `${files['races.cpp']}\n// my own edit\n`;
    await setSource(own, EXERCISE, mine);
    await own.close();

    const { page: opened, errors } = await openLink(fresh, link);
    await opened.waitForSelector('.cell[data-shared=true]');
    assert.equal(await opened.locator(EXERCISE).getAttribute('data-shared'), 'true', 'the second races cell, not the first');
    assert.deepEqual(await sources(opened, EXERCISE), shared);
    // The first races cell is not shared: it shows this profile's own edit (edits.js keys edits by the
    // program's original source, which both races cells share).
    assert.deepEqual(await sources(opened, '.cell[data-program=races] >> nth=0'), { ...files, 'races.cpp': mine });
    assert.equal(await nothingRan(opened), true);
    // Typing into shared code does not replace the learner's saved edits...
    await setSource(opened, EXERCISE, `${shared['races.cpp']}// typed after opening\n`);
    // ...which are one click away.
    await opened.locator(EXERCISE).locator('.back-to-mine').click();
    // The state the click leads to, before reading the code (once in CI the code read right after
    // the click was still the shared one).
    await opened.waitForFunction(() => !document.querySelectorAll('.cell[data-program=races]')[1].dataset.shared, null, { polling: 100 });
    assert.deepEqual(await sources(opened, EXERCISE), { ...files, 'races.cpp': mine });
    // And a plain visit still shows them.
    const again = await fresh.newPage();
    await again.goto(`${site.url}#/02-concurrency`);
    await again.waitForSelector('.cell .run:not([disabled])');
    assert.deepEqual(await sources(again, EXERCISE), { ...files, 'races.cpp': mine });
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

test('a choice and the parameters travel in a lesson link', async () => {
  await openLesson(site, '02-concurrency');
  const { page } = site;
  const first = '.cell[data-program=races] >> nth=0';
  await page.locator(first).locator('select[name=method]').selectOption('atomic');
  await page.locator(first).locator('input[name=threads]').fill('7');
  const link = await shareLink(page, first);
  const fresh = await browser.newContext();
  try {
    const { page: opened } = await openLink(fresh, link);
    await opened.waitForSelector('.cell[data-shared=true]');
    assert.equal(await opened.locator(first).locator('select[name=method]').inputValue(), 'atomic');
    assert.equal(await opened.locator(first).locator('input[name=threads]').inputValue(), '7');
    assert.equal(await nothingRan(opened), true);
  } finally {
    await fresh.close();
  }
});

test('settings a link names that the cell does not have are named in the marker; the others apply', async () => {
  const files = { 'races.cpp': '// from an older lesson\nint main() {}\n', 'counters.h': '', 'thread_support.h': '' };
  const { text } = encodeShare({ cell: 'races', n: 0, files, params: { threads: '3', method: 'spinlock', colour: 'blue' } });
  const fresh = await browser.newContext();
  try {
    const { page, errors } = await openLink(fresh, `${site.url}#/02-concurrency?${text}`);
    const first = page.locator('.cell[data-program=races]').first();
    await first.locator('.cell-shared').waitFor();
    assert.match(await first.locator('.cell-shared').textContent(), /The link also set method, colour, which this cell does not have/);
    assert.equal(await first.locator('input[name=threads]').inputValue(), '3');
    assert.equal(await first.locator('select[name=method]').inputValue(), 'all', 'a choice the cell does not offer is not taken');
    assert.deepEqual(await sources(page, '.cell[data-program=races] >> nth=0'), files);
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

test('links that cannot be opened say why, and the page still works', async () => {
  await openLesson(site, 'playground');
  const good = await shareLink(site.page, PROCESSES);
  const query = good.slice(good.indexOf('?'));
  const fresh = await browser.newContext();
  try {
    const cases = [
      [`#/no-such-lesson${query}`, '.error', /There is no lesson called “no-such-lesson”/],
      [`#/playground?v=2&s=${query.slice(10, 30)}`, '.share-problem', /This share link cannot be opened: it is damaged .*The lesson is shown as written/],
      [`#/playground?v=2&s=***`, '.share-problem', /damaged/],
      [`#/playground?v=7&s=abc`, '.share-problem', /newer version of this tutorial \(v=7/],
      // A valid link to another lesson's cell: this lesson has no such program.
      [`#/01-why-performance${query}`, '.share-problem', /names the program “processes_playground”, which this lesson does not have/],
    ];
    for (const [hash, selector, pattern] of cases) {
      const { page, errors } = await openLink(fresh, `${site.url}${hash}`);
      assert.match(await page.textContent(selector), pattern, hash);
      assert.deepEqual(errors, [], hash);
      if (selector === '.share-problem') {
        assert.equal(await page.getAttribute(selector, 'role'), 'alert');
        await page.waitForSelector('.cell .run:not([disabled])'); // the lesson is there under the message
        assert.equal(await page.$$eval('[data-shared]', (cells) => cells.length), 0);
      }
      await page.close();
    }
  } finally {
    await fresh.close();
  }
});

test('on a phone (390 px) the marker and a made link fit the width: no sideways scrolling', async () => {
  await openLesson(site, 'playground');
  const link = await shareLink(site.page, PROCESSES);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = await openLink(phone, link);
    await page.waitForSelector(`${PROCESSES} .cell-shared`);
    await page.locator(PROCESSES).locator('.share').click();
    await page.locator(PROCESSES).locator('.cell-share[data-state=made]').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
  } finally {
    await phone.close();
  }
});

test('before Share is pressed no cell shows a link box; pressing it shows one, in that cell only', async () => {
  await openLesson(site, '02-concurrency');
  const { page } = site;
  const visibleBoxes = () => page.$$eval('.cell-share', (boxes) => boxes.filter((b) => b.getClientRects().length > 0).length);
  assert.equal(await visibleBoxes(), 0);
  await shareLink(page, '.cell[data-program=races]');
  assert.equal(await visibleBoxes(), 1);
});

test('a 100 KB source is refused with a message instead of a broken link', async () => {
  await openLesson(site, 'playground');
  const { page } = site;
  const big = `int main() {}\n${'// a long comment line that fills the program up to a hundred kilobytes\n'.repeat(1440)}`;
  assert.ok(big.length >= 100 * 1024);
  await setSource(page, PROCESSES, big);
  await page.locator(PROCESSES).locator('.share').click();
  const box = page.locator(PROCESSES).locator('.cell-share[data-state=refused]');
  await box.waitFor();
  assert.match(await box.textContent(), /too large to share as a link: 10\d KB .* at most 64 KB/);
  assert.equal(await box.locator('.share-link-text').isHidden(), true, 'no link is shown');
});
