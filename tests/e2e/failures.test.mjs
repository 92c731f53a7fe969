// A program that fails says what happened (issue 15, item 3): an uncaught
// exception with its type and what(), out of memory with the limit, a memory
// access out of bounds, another trap, abort(), an exit code. The same fixture
// runs built with em++ as lesson programs are (cmake/CddProgram.cmake, served
// in list_creation's place) and edited, compiled in the page (one compile).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSite, openLesson, terminalText, waitForCell } from './browser.mjs';

const LIST = '.cell[data-program=list_creation]';
const FIXTURE = 'tests/e2e/fixtures/failing.cpp';
const source = readFileSync(FIXTURE, 'utf8');
let site;
let fixtureDir;

// Built with the link flags of the threaded lesson programs, their runtime
// libraries included (what names an exception and running out of memory).
function buildFixture(dir) {
  const flags = ['-O2', '-sMODULARIZE=1', '-sEXPORT_NAME=createProgram', '-sEXIT_RUNTIME=1', '-sWASM_BIGINT=1',
    '-sENVIRONMENT=web,worker,node', '-sALLOW_MEMORY_GROWTH=1', '-sINITIAL_MEMORY=64MB', '-sMAXIMUM_MEMORY=2GB',
    '--js-library', 'cpp/browser/uncaught_exception.js', '--js-library', 'cpp/browser/out_of_memory.js',
    '-pthread', '-sPROXY_TO_PTHREAD=1', '-sPTHREAD_POOL_SIZE=4', '-Wno-pthreads-mem-growth'];
  const options = { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' }, timeout: 180000 }; // Debian's em++ finds acorn there
  execFileSync('em++', [FIXTURE, '-o', join(dir, 'list_creation.js'), ...flags], options);
}

before(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'cdd-failing-'));
  buildFixture(fixtureDir);
  site = await openSite();
});
after(async () => {
  await site?.close();
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

// The fixture stands in for list_creation while `servingFixture` is set. The
// route stays: Playwright's unroute() waits for route handlers still in
// flight, and once waited five minutes here.
let servingFixture = false;
async function serveFixture() {
  servingFixture = true;
  await site.context.route('**/wasm/list_creation*', (route) => {
    if (!servingFixture) return route.continue();
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const body = readFileSync(join(fixtureDir, name));
    const contentType = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ body, contentType, headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
  });
}

// What the cell says after a run of the given mode: its status line and last terminal line.
async function runMode(mode) {
  const { page } = site;
  await page.fill(`${LIST} input[name=reps]`, String(mode));
  await page.click(`${LIST} .run`);
  const state = await waitForCell(page, LIST);
  const status = await page.$eval(`${LIST} .cell-status`, (el) => el.textContent);
  const terminal = await terminalText(page, LIST);
  assert.match(terminal, new RegExp(`failing in mode ${mode}\\n`), `mode ${mode} ran: ${terminal}`);
  return { state, status };
}

const EXPECTED = [
  [1, /uncaught exception: std::runtime_error \(“no room left”\)/],
  [2, /ran out of memory: WebAssembly memory is limited to 2 GB here, and it needed 2(\.\d+)? GB/],
  [3, /memory access out of bounds/],
  [4, /WebAssembly trap: unreachable/],
  [5, /^The program called abort\(\)/],
  [6, /with exit code 3$/],
];

async function expectEveryKind(kind) {
  for (const [mode, wanted] of EXPECTED) {
    const { state, status } = await runMode(mode);
    assert.equal(state, 'error', `${kind}, mode ${mode}: ${status}`);
    assert.match(status, wanted, `${kind}, mode ${mode}`);
    assert.doesNotMatch(status, /worker failed|\[object/, `${kind}, mode ${mode}`);
    if (mode !== 2) assert.doesNotMatch(status, /memory is limited/, `${kind}, mode ${mode}`);
  }
}

test('a built program: each way of failing is named', async () => {
  await serveFixture();
  await openLesson(site, '01-why-performance');
  await expectEveryKind('built');
  servingFixture = false;
});

test('an edited program, compiled in the page: each way of failing is named the same way', async () => {
  await openLesson(site, '01-why-performance');
  const { page } = site;
  await page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.upgrade());
  await page.$eval(`${LIST} .cell-editor`, (el, text) => el.cddEditor.models[0].setValue(text), source);
  await expectEveryKind('edited');
  assert.match(await terminalText(page, LIST), /your edited version/);
});
