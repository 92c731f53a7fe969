// The keyboard in a cell's editor (issue 15, items 1 and 2): Ctrl+Enter runs
// the cell whose editor or parameter has focus, never another cell; Tab moves
// through the editor until the learner types in it, Escape gives Tab back; and
// whitespace nobody meant to type is not an edit (the built program runs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLesson, terminalText, waitForCell } from './browser.mjs';

const LIST = '.cell[data-program=list_creation]'; // the first cell of lesson 1
const SEARCH = '.cell[data-program=search_missing]'; // the last
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

// Opens lesson 1 with Monaco in both cells, the first cell's made first (the
// one made last caught every Ctrl+Enter before), and small runs.
async function openWithEditors() {
  await openLesson(site, '01-why-performance');
  const { page } = site;
  // Upgraded in this order, and reset: an earlier test's edits are saved in this browser.
  for (const cell of [LIST, SEARCH]) await page.$eval(`${cell} .cell-editor`, async (el) => { await el.cddEditor.upgrade(); el.cddEditor.reset(); });
  await page.fill(`${LIST} input[name=n_max]`, '2000');
  await page.fill(`${SEARCH} input[name=n_max]`, '2000');
}

const focusedIn = (selector) => site.page.evaluate((s) => document.querySelector(s).contains(document.activeElement), selector);
const ranNothing = async (cell) => (await terminalText(site.page, cell)).trim() === '' && !(await site.page.$eval(cell, (el) => el.dataset.state));

test('Ctrl+Enter in the first cell\'s editor runs that cell, not the last one', async () => {
  await openWithEditors();
  const { page } = site;
  await page.click(`${LIST} .monaco-host .view-lines`);
  assert.ok(await focusedIn(`${LIST} .cell-editor`));
  await page.keyboard.press('Control+Enter');
  assert.equal(await waitForCell(page, LIST), 'done');
  assert.match(await terminalText(page, LIST), /\$ list_creation n_min=1000 n_max=2000/);
  assert.ok(await ranNothing(SEARCH), 'the last cell did not run');
});

test('Ctrl+Enter in a cell\'s parameter runs that cell', async () => {
  await openWithEditors();
  const { page } = site;
  await page.focus(`${LIST} input[name=n_max]`);
  await page.keyboard.press('Control+Enter');
  assert.equal(await waitForCell(page, LIST), 'done');
  assert.ok(await ranNothing(SEARCH), 'the last cell did not run');
});

test('Tab passes through the editor without typing in it; after typing, Tab indents and Escape then Tab leaves', async () => {
  await openWithEditors();
  const { page } = site;
  const editorText = () => page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.models[0].getValue());
  const original = await editorText();
  const hint = () => page.$eval(`${LIST} .editor-keys`, (el) => ({ visible: !el.hidden, text: el.textContent, moves: el.dataset.tabMovesFocus }));
  assert.equal((await hint()).visible, true);
  await page.focus(`${LIST} .run`);
  for (let presses = 0; presses < 5 && !(await focusedIn(`${LIST} .cell-editor`)); presses++) await page.keyboard.press('Tab');
  assert.ok(await focusedIn(`${LIST} .cell-editor`), 'Tab from Run reaches the editor');
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BUTTON', 'its input (a file tab is not shown for one file)');
  assert.equal((await hint()).moves, 'true');
  assert.match((await hint()).text, /Tab moves past the editor/);
  await page.keyboard.press('Tab');
  assert.ok(!(await focusedIn(`${LIST} .cell-editor`)), 'the next Tab leaves it');
  assert.equal(await editorText(), original, 'and typed nothing');
  await page.keyboard.press('Shift+Tab');
  assert.ok(await focusedIn(`${LIST} .cell-editor`), 'Shift+Tab comes back');
  await page.keyboard.type('x');
  assert.equal((await hint()).moves, 'false');
  assert.match((await hint()).text, /Esc, then Tab/);
  await page.keyboard.press('Tab');
  assert.ok(await focusedIn(`${LIST} .cell-editor`), 'after typing, Tab stays to indent');
  assert.match(await editorText(), /^x\s+/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.ok(!(await focusedIn(`${LIST} .cell-editor`)), 'Escape, then Tab, leaves');
  await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.reset());
});

test('blanks typed by accident are not an edit: no edit notice, and Run runs the built program', async () => {
  await openWithEditors();
  const { page } = site;
  const compilerRequests = [];
  page.on('request', (r) => r.url().includes('/compiler/') && compilerRequests.push(r.url()));
  await page.click(`${LIST} .monaco-host .view-lines`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('  ');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const text = await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.models[0].getValue());
  assert.match(text, /^\s{4,}\/\//, 'the blanks are in the editor');
  assert.equal(await page.$eval(`${LIST} .cell-notice`, (el) => el.hidden), true, 'no "You edited this program"');
  await page.keyboard.press('Control+Enter');
  assert.equal(await waitForCell(page, LIST), 'done');
  const terminal = await terminalText(page, LIST);
  assert.doesNotMatch(terminal, /your edited version/, terminal);
  assert.deepEqual(compilerRequests, []);
  await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.reset());
});
