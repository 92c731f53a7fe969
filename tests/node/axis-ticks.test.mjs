// Chart tick labels stay readable (issue 15, item 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powersOfTenBetween, powerOfTenLabel, linearLabel, tickSteps } from '../../web/src/report/axis-ticks.js';

test('a log axis labels every power of ten in full, and keeps a hidden label hidden', () => {
  const labels = powersOfTenBetween(1e-5, 1e6).map(powerOfTenLabel);
  assert.deepEqual(labels, ['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '1', '10', '100', '1000', '10⁴', '10⁵', '10⁶']);
  // uPlot passes null for a label it leaves out for lack of room: it was "10⁻" (log10(null) is -Infinity).
  assert.equal(powerOfTenLabel(null), null);
});

test('large numbers on a linear axis read as 600K or 1.2M, never in e-notation', () => {
  assert.equal(linearLabel(600000), '600K');
  assert.equal(linearLabel(1200000), '1.2M');
  assert.equal(linearLabel(12500), '12.5K');
  assert.equal(linearLabel(2.5), '2.5');
  assert.equal(linearLabel(0.125), '0.125');
  for (const v of [1e5, 6e5, 3e7, 4.5e9]) assert.doesNotMatch(linearLabel(v), /e/);
  assert.equal(linearLabel(null), null);
});

test('an axis of whole numbers steps by whole numbers only', () => {
  const whole = tickSteps([[1, 2, 3, 4], [8, null, 16]]);
  assert.ok(whole.every(Number.isInteger));
  assert.deepEqual(whole.slice(0, 4), [1, 2, 5, 10]);
  const fractional = tickSteps([[1, 2.5, 4]]);
  assert.ok(fractional.includes(0.5) && fractional.includes(0.1));
});
