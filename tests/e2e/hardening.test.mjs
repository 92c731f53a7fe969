// The page's guards: nothing of a program runs before Run (preparing on hover
// or focus only downloads and compiles it), and a malformed URL fragment shows
// "no such lesson" instead of throwing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSite, openLesson, terminalText } from './browser.mjs';

// The demo cell, not the exercise that runs the same program (its title is shown).
const SEARCH = '.cell[data-program=search_missing]:has(.cell-title[hidden])';
const FIXTURE = 'tests/e2e/fixtures/static_constructor.cpp';
let site;
let fixtureDir;

// The fixture, built the way lesson programs are (cmake/CddProgram.cmake), under
// search_missing's names so the page runs it in that program's place.
function buildFixture(dir) {
  const common = ['-O1', '-sMODULARIZE=1', '-sEXPORT_NAME=createProgram', '-sEXIT_RUNTIME=1',
    '-sENVIRONMENT=web,worker,node', '-sALLOW_MEMORY_GROWTH=1', '-sINITIAL_MEMORY=64MB', '-sMAXIMUM_MEMORY=2GB'];
  const threaded = ['-pthread', '-sPROXY_TO_PTHREAD=1', '-sPTHREAD_POOL_SIZE=4', '-Wno-pthreads-mem-growth'];
  const options = { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' }, timeout: 180000 }; // Debian's em++ finds acorn there
  execFileSync('em++', [FIXTURE, '-o', join(dir, 'search_missing.js'), ...common, ...threaded], options);
  execFileSync('em++', [FIXTURE, '-o', join(dir, 'search_missing.st.js'), ...common], options);
}

let runPressed = false; // what the fixture's constructor is told when it asks
let asked = []; // per constructor run: whether Run had been pressed when it asked

before(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'cdd-fixture-'));
  buildFixture(fixtureDir);
  site = await openSite();
  await serveFixture(site.context);
});
after(async () => {
  await site?.close();
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

// Serves the fixture in search_missing's place, and answers its constructor.
async function serveFixture(context) {
  await context.route('**/wasm/search_missing*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    let body;
    try {
      body = readFileSync(join(fixtureDir, name));
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
    const contentType = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ body, contentType, headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
  });
  await context.route('**/ctor-probe', (route) => {
    asked.push(runPressed);
    return route.fulfill({ body: runPressed ? 'after-run' : 'before-run', contentType: 'text/plain' });
  });
}

for (const threads of [true, false]) {
  test(`a built program's static constructors run at Run, not on hover or focus (${threads ? 'threaded' : 'single-threaded'})`, async () => {
    const { page } = site;
    runPressed = false;
    asked = [];
    await page.goto('about:blank');
    await page.goto(`${site.url}${threads ? '' : '?threads=off'}#/01-why-performance`);
    await page.waitForSelector('.cell .run:not([disabled])');

    await page.hover(SEARCH);
    await page.focus(`${SEARCH} .run`);
    // Preparing is over: the program was downloaded and compiled.
    const script = `/wasm/search_missing${threads ? '' : '.st'}.js`;
    await page.waitForFunction((s) => performance.getEntriesByName('cdd-program-prepared').some((m) => m.detail.endsWith(s)), script);
    assert.deepEqual(asked, [], 'no constructor ran while the program was prepared');
    assert.doesNotMatch(await terminalText(page, SEARCH), /STATIC-CTOR|MAIN/);

    runPressed = true;
    await page.click(`${SEARCH} .run`);
    await page.waitForFunction((s) => ['done', 'error'].includes(document.querySelector(s).dataset.state), SEARCH);
    const text = await terminalText(page, SEARCH);
    assert.deepEqual(asked, [true], 'the constructor ran once, after Run was pressed');
    assert.match(text, /STATIC-CTOR after-run\s+MAIN/, text);
    assert.equal(await page.$eval(SEARCH, (el) => el.dataset.state), 'done', text);
  });
}

test('a malformed URL fragment says there is no such lesson, without a page error', async () => {
  const { page, errors } = site;
  const before = errors.length;
  await page.goto('about:blank');
  await page.goto(`${site.url}#/%E0`);
  await page.waitForSelector('#lesson .error');
  assert.match(await page.textContent('#lesson .error'), /There is no lesson called “%E0”/);

  // The same from a lesson already open (the hashchange path).
  await openLesson(site, '01-why-performance');
  await page.evaluate(() => (location.hash = '#/%E0%A4'));
  await page.waitForSelector('#lesson .error');
  assert.match(await page.textContent('#lesson .error'), /There is no lesson called “%E0%A4”/);
  assert.deepEqual(errors.slice(before).map(String), []);
});
