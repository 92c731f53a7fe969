// The exercise checks: parsing check lines and judging runs' report lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheck } from '../../web/build/parse-check.mjs';
import { judge } from '../../web/src/cells/checks.js';

test('check lines parse into series, comparison, value, position and message', () => {
  assert.deepEqual(parseCheck('"lost updates" == 0 "Nothing was lost."'), { series: 'lost updates', op: '==', value: 0, at: null, message: 'Nothing was lost.' });
  assert.deepEqual(parseCheck('"speedup" >= 1.7 at 2'), { series: 'speedup', op: '>=', value: 1.7, at: 2, message: '' });
  assert.throws(() => parseCheck('speedup >= 1.7'), /expected "series" op number/);
});

test('every run must satisfy every check, and failures say which run and value', () => {
  const checks = [parseCheck('"lost updates" == 0 "Well done."')];
  const good = [{ series: 'lost updates', x: 1, y: 0 }];
  assert.deepEqual(judge(checks, [good, good]), { passed: true, reasons: ['Well done.'] });
  const bad = [{ series: 'lost updates', x: 1, y: 1234 }];
  const verdict = judge(checks, [good, bad]);
  assert.equal(verdict.passed, false);
  assert.deepEqual(verdict.reasons, ['Run 2, x = 1: “lost updates” was 1234; the goal is exactly 0.']);
});

test('a failed check names the axes of its chart: the value, what it measures, where, and the goal in words', () => {
  const checks = [parseCheck('"opposite" == 0'), parseCheck('"speedup" >= 1.7 at 2')];
  const run = [
    { kind: 'chart', id: 'deadlocks', title: 'Deadlocks', x: 'attempt', y: 'deadlocks detected' },
    { kind: 'point', chart: 'deadlocks', series: 'opposite', x: 1, y: 1 },
    { kind: 'chart', id: 'speed', title: 'Speedup', x: 'threads', y: 'speedup (x)' },
    { kind: 'point', chart: 'speed', series: 'speedup', x: 2, y: 1.23456 },
  ];
  assert.deepEqual(judge(checks, [run]).reasons, [
    'Run 1, attempt 1: “opposite” was 1 (deadlocks detected); the goal is exactly 0.',
    'Run 1, threads 2: “speedup” was 1.235 (speedup (x)); the goal is at least 1.7.',
  ]);
});

test('a run that does not report the series fails the check', () => {
  const verdict = judge([parseCheck('"speedup" >= 1.7 at 2')], [[{ series: 'speedup', x: 1, y: 1 }]]);
  assert.equal(verdict.passed, false);
  assert.match(verdict.reasons[0], /Run 1 reported no “speedup” at 2/);
});
