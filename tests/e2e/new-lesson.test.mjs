// An instructor adds a lesson as lessons/README.md says: a folder with
// lesson.md, a program and a CMakeLists.txt naming it. In a temporary copy of
// the project (sources only; node_modules linked, the other lessons' built
// wasm copied, not rebuilt), the project's own CMake builds the new program
// natively and to WebAssembly (threaded and single-threaded; only its targets,
// chosen with CDD_LESSONS), Vite builds the site, and in Chromium the lesson
// is in the menu in its folder's place, its program runs with a value from
// the page's control, and a hidden (_-named) lesson is left out of the menu
// but opens by its link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, terminalText, waitForCell } from './browser.mjs';
import { serveStatic } from '../../tools/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SLUG = '06-throwaway';
const HIDDEN = '_draft-throwaway';
const PROGRAM = 'sum_in_threads';

const LESSON_MD = `# 6. A throw-away lesson

Two threads add up the numbers 1 to n, each half of them.

\`\`\`cell ${PROGRAM}
args: n=100
control: n 1..1000000 "add up to"
threads: required
\`\`\`
`;

// Two real threads, each sums its half; the total depends on the page's n.
const PROGRAM_CPP = `#include <cstdio>
#include <thread>
#include <cdd/args.h>

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  const long long n = args.integer("n", 100, 1, 1000000);
  if (!args.ok()) return args.fail();
  long long low = 0, high = 0;
  std::thread first([&] { for (long long i = 1; i <= n / 2; ++i) low += i; });
  std::thread second([&] { for (long long i = n / 2 + 1; i <= n; ++i) high += i; });
  first.join();
  second.join();
  std::printf("sum of 1..%lld by two threads: %lld\\n", n, low + high);
  return 0;
}
`;

let work;
let server;
let browser;

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).toString();

/** The project without its build outputs and other tests; the new lesson and a hidden one added. */
function makeCopy() {
  work = mkdtempSync(join(tmpdir(), 'cdd-new-lesson-'));
  for (const part of ['CMakeLists.txt', 'cmake', 'cpp', 'lessons', 'web', 'vite.config.mjs', 'tests/cpp', 'tools']) {
    cpSync(join(ROOT, part), join(work, part), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
  // Vite copies build/public into dist/: the others' wasm as built, no compiler or Pyodide.
  mkdirSync(join(work, 'build', 'public'), { recursive: true });
  for (const file of ['wasm', '_headers']) {
    cpSync(join(ROOT, 'build', 'public', file), join(work, 'build', 'public', file), { recursive: true });
  }
  for (const [slug, title] of [[SLUG, null], [HIDDEN, '# A hidden draft\n\nNot in the menu.\n']]) {
    const folder = join(work, 'lessons', slug);
    mkdirSync(folder);
    writeFileSync(join(folder, 'lesson.md'), title ?? LESSON_MD);
    if (title) continue;
    writeFileSync(join(folder, `${PROGRAM}.cpp`), PROGRAM_CPP);
    writeFileSync(join(folder, 'CMakeLists.txt'), `cdd_add_program(${PROGRAM} SOURCES ${PROGRAM}.cpp)\n`);
  }
}

before(async () => {
  makeCopy();
  browser = await launchBrowser();
});
after(async () => {
  await server?.close();
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the new program builds natively with the project CMake and prints the right sum', () => {
  run('cmake', ['-S', '.', '-B', 'build/native', '-DCMAKE_BUILD_TYPE=Release', `-DCDD_LESSONS=${SLUG}`], work);
  run('cmake', ['--build', 'build/native', '--target', PROGRAM], work);
  const out = run(join(work, 'build', 'native', 'programs', PROGRAM), ['n=1000'], work);
  assert.match(out, /sum of 1\.\.1000 by two threads: 500500/);
});

test('it builds to WebAssembly, threaded and single-threaded, into the site assets', () => {
  run('emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=Release', `-DCDD_LESSONS=${SLUG}`], work);
  run('cmake', ['--build', 'build/wasm', '--target', PROGRAM, `${PROGRAM}.st`], work);
  const built = readdirSync(join(work, 'build', 'public', 'wasm')).filter((f) => f.startsWith(`${PROGRAM}.`)).sort();
  assert.deepEqual(built, [`${PROGRAM}.js`, `${PROGRAM}.st.js`, `${PROGRAM}.st.wasm`, `${PROGRAM}.wasm`, `${PROGRAM}.worker.js`]);
});

test('the site shows it in the menu in folder order, runs it in Chromium, and keeps the hidden lesson out of the menu', async () => {
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.mjs', '--logLevel', 'error'], work);
  server = await serveStatic({ root: join(work, 'dist') });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${server.url}#/${SLUG}`);
  const menu = await page.$$eval('#lesson-nav a', (links) => links.map((a) => a.getAttribute('href').slice(2)));
  const lessons = readdirSync(join(ROOT, 'lessons')).filter((d) => d !== 'README.md').sort();
  assert.deepEqual(menu, [...lessons, SLUG].sort(), 'every lesson in folder order, the new one among them, the hidden one not');
  assert.equal(await page.textContent('#lesson-nav a[aria-current=page]'), '6. A throw-away lesson');

  const cell = `.cell[data-program=${PROGRAM}]`;
  await page.waitForSelector(`${cell} .run:not([disabled])`);
  await page.fill(`${cell} input[name=n]`, '1000');
  await page.click(`${cell} .run`);
  assert.equal(await waitForCell(page, cell), 'done', await terminalText(page, cell));
  assert.match(await terminalText(page, cell), /sum of 1\.\.1000 by two threads: 500500/);

  await page.goto(`${server.url}#/${HIDDEN}`);
  await page.waitForFunction(() => /hidden draft/.test(document.querySelector('.lesson h1')?.textContent ?? ''));
  assert.equal(await page.$(`#lesson-nav a[href="#/${HIDDEN}"]`), null);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
