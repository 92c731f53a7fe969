// Every cell of every lesson runs: each cell's program (its native build,
// build/native/programs/) with the cell's own `args:` line exits 0 and prints
// no error, and the cell's controls and choices name parameters the program
// accepts. Lessons are found as the site finds them (folders with lesson.md),
// so a new lesson's cells are run without touching this file. The wasm builds
// of the same sources are compiled by tests/wasm/compiler-lessons.test.mjs and
// run in the page by the e2e tests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLesson } from '../../web/build/render-lesson.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAMS = join(ROOT, 'build', 'native', 'programs');
const lessonsDir = join(ROOT, 'lessons');
const lessons = readdirSync(lessonsDir).filter((d) => existsSync(join(lessonsDir, d, 'lesson.md'))).sort();

/** Runs a native program; resolves to {code, stdout, stderr} (a time limit far above any cell's run). */
function runProgram(program, args) {
  return new Promise((resolve) => {
    execFile(join(PROGRAMS, program), args, { timeout: 300000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr });
    });
  });
}

/** The cell's arguments with `key` set to `value` (replacing the args line's own, if any). */
const withArg = (args, key, value) => [...args.filter((a) => !a.startsWith(`${key}=`)), `${key}=${value}`];

for (const lesson of lessons) {
  const folder = join(lessonsDir, lesson);
  const { cells } = renderLesson(readFileSync(join(folder, 'lesson.md'), 'utf8'), folder);
  describe(lesson, { concurrency: false }, () => {
    cells.forEach((cell, index) => {
      test(`cell ${index + 1}: ${cell.program} ${cell.args.join(' ')}`, async () => {
        assert.ok(existsSync(join(PROGRAMS, cell.program)),
          `build/native/programs/${cell.program} is missing: is it named in ${lesson}/CMakeLists.txt, and was the native build run?`);
        const run = await runProgram(cell.program, cell.args);
        assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr}${run.stdout.slice(-2000)}`);
        assert.doesNotMatch(run.stderr, /^error:/m);
      });
      // A control or choice for a parameter the program does not know would
      // make every run from the page fail; ask with each choice's value and
      // each control's default (the args line's value, else its minimum) in
      // one dry parse: an unknown or refused parameter ends with exit 2 at once.
      const keys = [...cell.controls.map((c) => c.name), ...cell.choices.map((c) => c.name)];
      if (keys.length) {
        test(`cell ${index + 1}: the program knows its controls (${keys.join(', ')})`, async () => {
          for (const choice of cell.choices) {
            for (const option of choice.options) {
              const run = await runProgram(cell.program, withArg(withArg(cell.args, choice.name, option), 'cdd_unknown_probe', '1'));
              assert.doesNotMatch(run.stderr, new RegExp(`(unknown parameter '${choice.name}'|${choice.name} must be)`), `${choice.name}=${option}`);
              assert.match(run.stderr, /unknown parameter 'cdd_unknown_probe'/, 'the program checks its parameters');
            }
          }
          for (const control of cell.controls) {
            const own = cell.args.find((a) => a.startsWith(`${control.name}=`))?.split('=')[1] ?? String(control.min);
            const run = await runProgram(cell.program, withArg(withArg(cell.args, control.name, own), 'cdd_unknown_probe', '1'));
            assert.doesNotMatch(run.stderr, new RegExp(`(unknown parameter '${control.name}'|${control.name} must be)`), `${control.name}=${own}`);
            assert.match(run.stderr, /unknown parameter 'cdd_unknown_probe'/, 'the program checks its parameters');
          }
        });
      }
    });
  });
}
