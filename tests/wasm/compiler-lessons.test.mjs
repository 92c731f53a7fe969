// Every lesson program can be edited in the page: each lessons/NN-*/<name>.cpp
// (with its lesson's local headers, as the cell's editor holds them) compiles
// and links with the in-page compiler. Programs that link a library with its
// own JavaScript (cdd/multiprocessing.h: --js-library, --pre-js) need a
// runtime of their own and are not editable in the page; they are listed, not
// compiled. Needs the assets: node tools/compiler/build-assets.mjs
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { messages } from '../../web/src/compiler/messages.js';

const lessonsDir = join(ROOT, 'lessons');
const NOT_EDITABLE = /#include\s*<cdd\/multiprocessing\.h>/;

function lessonPrograms() {
  const programs = [];
  for (const lesson of readdirSync(lessonsDir).filter((d) => /^\d\d-/.test(d)).sort()) {
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

describe('lesson programs compile in the page', { concurrency: false }, () => {
  for (const program of lessonPrograms()) {
    const editable = !NOT_EDITABLE.test(program.source);
    test(`${program.lesson}/${program.file}${editable ? '' : ' (not editable: explained)'}`, async () => {
      const result = await compiler.compile({ [program.file]: program.source, ...program.headers });
      if (!editable) {
        assert.equal(result.ok, false);
        assert.equal(result.explanation, messages.projectLibraryMissing('cdd/multiprocessing.h'));
        return;
      }
      assert.equal(result.ok, true, result.log);
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    });
  }
});
