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
  assert.deepEqual(verdict.reasons, ['Run 2: “lost updates” was 1234 at 1; the goal is lost updates == 0.']);
});

test('a run that does not report the series fails the check', () => {
  const verdict = judge([parseCheck('"speedup" >= 1.7 at 2')], [[{ series: 'speedup', x: 1, y: 1 }]]);
  assert.equal(verdict.passed, false);
  assert.match(verdict.reasons[0], /Run 1 reported no “speedup” at 2/);
});
