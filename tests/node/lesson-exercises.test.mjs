// The exercises of lessons 1 and 4, judged as the page judges them: the
// cell's own check lines (parsed from lesson.md) against the report lines of
// recorded runs of the real programs (native builds, on a busy 2-core
// machine; tests/node/fixtures/exercises/). Each exercise must pass a run that
// did what it asks and fail one that did not, so no check is an answer key
// that passes without running, or one that nothing can pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderLesson } from '../../web/build/render-lesson.mjs';
import { judge } from '../../web/src/cells/checks.js';
import { parseReportLine } from '../../web/src/report/parse.js';

const lessons = fileURLToPath(new URL('../../lessons/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/exercises/', import.meta.url));

function exercise(lesson, program) {
  const folder = `${lessons}${lesson}/`;
  const cells = renderLesson(readFileSync(`${folder}lesson.md`, 'utf8'), folder).cells;
  const found = cells.filter((cell) => cell.program === program && cell.checks.length > 0);
  assert.equal(found.length, 1, `one exercise cell runs ${program} in ${lesson}`);
  return found[0];
}

const pointsOf = (name) =>
  readFileSync(`${fixtures}${name}.txt`, 'utf8').split('\n').map(parseReportLine).filter((r) => r?.kind === 'point');

// The exercise's verdict when every one of its runs printed the fixture `name`.
function verdict(cell, name) {
  const runs = Array.from({ length: Math.max(1, cell.runs ?? 1) }, () => pointsOf(name));
  return judge(cell.checks, runs);
}

test('lesson 1: a guess within a factor of 3 of the measured crossover passes; one 50x off fails', () => {
  const cell = exercise('01-why-performance', 'search_missing');
  assert.ok(cell.title);
  const close = verdict(cell, 'search_missing-guess-60');
  assert.equal(close.passed, true, close.reasons.join('\n'));
  const far = verdict(cell, 'search_missing-guess-5000');
  assert.equal(far.passed, false);
  assert.match(far.reasons.join('\n'), /100: “prediction off by \(factor\)” was 50;/);
});

test('lesson 1: a run whose hash set never settles ahead reports nothing to judge, and fails', () => {
  const cell = exercise('01-why-performance', 'search_missing');
  const { passed, reasons } = judge(cell.checks, [[]]);
  assert.equal(passed, false);
  assert.match(reasons[0], /reported no “prediction off by \(factor\)”/);
});

test('lesson 4, pool: a chunk of 1 passes; one chunk of all 64 tasks fails even when timing flatters it', () => {
  const cell = exercise('04-multiprocessing', 'pool_speedup');
  assert.ok(cell.args.includes('chunk=64'), 'the exercise starts from the chunk that fails');
  const spread = verdict(cell, 'pool_speedup-chunk-1');
  assert.equal(spread.passed, true, spread.reasons.join('\n'));
  // This recorded run measured 1.69x by luck of a busy machine; one process still ran every task.
  const lumped = verdict(cell, 'pool_speedup-chunk-64');
  assert.equal(lumped.passed, false);
  assert.match(lumped.reasons.join('\n'), /2: “busiest process's share” was 1;/);
  // A right answer on a moment when the machine was too busy to show a speedup is not passed either.
  const slow = verdict(cell, 'pool_speedup-chunk-1-slow-run');
  assert.equal(slow.passed, false);
  assert.match(slow.reasons.join('\n'), /2: “measured” was 0\.6513;/);
});

test('lesson 4, counter: the shipped racy branch fails; the branch made one atomic step passes', () => {
  const cell = exercise('04-multiprocessing', 'shared_counter');
  assert.ok(cell.runs >= 2, 'several runs, so a lucky race-free run cannot pass alone');
  const shipped = verdict(cell, 'shared_counter-as-shipped');
  assert.equal(shipped.passed, false);
  assert.match(shipped.reasons.join('\n'), /2: “racy” was 11\.39;/);
  const fixed = verdict(cell, 'shared_counter-racy-branch-fixed');
  assert.equal(fixed.passed, true, fixed.reasons.join('\n'));
});
