// Every lesson program can be edited in the page: each lessons/<lesson>/<name>.cpp
// (with its lesson's local headers, as the cell's editor holds them) compiles
// and links with the in-page compiler. Lesson 4's programs link the project's
// multiprocessing library; two of them are also run, threaded and single-
// threaded, to show that an edited program really starts processes (Web
// Workers under the page, worker_threads here) and survives failing ones.
// Needs the assets: node tools/compiler/build-assets.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { runCompiled } from './run-program.mjs';

const lessonsDir = join(ROOT, 'lessons');
const scratch = mkdtempSync(join(tmpdir(), 'cdd-compiler-lessons-'));

function lessonPrograms() {
  const programs = [];
  for (const lesson of readdirSync(lessonsDir).filter((d) => existsSync(join(lessonsDir, d, 'lesson.md'))).sort()) {
    const dir = join(lessonsDir, lesson);
    const files = readdirSync(dir).sort();
    const headers = Object.fromEntries(files.filter((f) => /\.(h|hpp)$/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    for (const file of files.filter((f) => f.endsWith('.cpp'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      if (/\bint\s+main\s*\(/.test(source)) programs.push({ lesson, file, source, headers });
    }
  }
  return programs;
}

let compiler;
before(async () => {
  ({ compiler } = await startNodeCompiler());
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('lesson programs compile in the page', { concurrency: false }, () => {
  for (const program of lessonPrograms()) {
    test(`${program.lesson}/${program.file}`, async () => {
      const result = await compiler.compile({ [program.file]: program.source, ...program.headers });
      assert.equal(result.ok, true, result.log);
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    });
  }
});

async function compileLesson4(name, edit, threads) {
  const original = readFileSync(join(lessonsDir, '04-multiprocessing', `${name}.cpp`), 'utf8');
  const source = edit(original);
  assert.notEqual(source, original, 'the edit applies');
  const result = await compiler.compile({ [`${name}.cpp`]: source }, { threads });
  assert.equal(result.ok, true, result.log);
  const path = join(scratch, `${name}${threads ? '' : '.st'}.wasm`);
  writeFileSync(path, result.wasm);
  return path;
}

describe('edited multiprocessing programs start real processes', { concurrency: false }, () => {
  for (const threads of [true, false]) {
    const kind = threads ? 'threaded' : 'single-threaded';
    test(`isolation, edited (${kind}): the child's change stays in the child`, async () => {
      // The edit: the child adds 100 instead of 1 to what the thread sets.
      const path = await compileLesson4('isolation', (s) => s.replace('long long child_value = value + 1;', 'long long child_value = value + 100;'), threads);
      const { code, stdout, stderr } = await runCompiled(path, ['value=5']);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /process: asked to write 105 \(value \+ 100, a number only the child writes/);
      assert.match(stdout, /process \d+: set counter to 105; the parent still sees 0/);
    });
  }

  // Each failure kind where no other limit races it: out of memory without a
  // time limit (it is slow on a busy machine), the endless loop without a
  // memory limit.
  test('failures, edited: the pool reports the abort, the out-of-memory and the hang, and finishes the rest', async () => {
    const path = await compileLesson4('failures', (s) => s.replace('the program itself is fine', 'the edited program is fine'), true);
    const memory = await runCompiled(path, ['timeout_ms=0', 'memory_limit_mb=64']);
    assert.equal(memory.code, 0, memory.stderr);
    assert.match(memory.stdout, /aborted +its worker process ended/);
    assert.match(memory.stdout, /out of memory +could not get more memory/);
    assert.match(memory.stdout, /10 jobs done, 2 failed, 2 worker processes replaced, .*the edited program is fine/);
    const time = await runCompiled(path, ['timeout_ms=1000', 'memory_limit_mb=0']);
    assert.equal(time.code, 0, time.stderr);
    assert.match(time.stdout, /aborted +its worker process ended/);
    assert.match(time.stdout, /endless loop +timeout +ran longer than 1000 ms/);
    assert.match(time.stdout, /10 jobs done, 2 failed, 2 worker processes replaced, .*the edited program is fine/);
  });
});
