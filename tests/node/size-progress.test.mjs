// Python comparison progress (issue 15, item 8): each finished size, the time so
// far and a guess for the next size, in virtual time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeProgress } from '../../web/src/cells/size-progress.js';

test('a new size reports progress; more points at the same size do not', () => {
  const p = sizeProgress();
  assert.deepEqual(p.point(1000, 0.5), { x: 1000, seconds: 0.5, nextSeconds: null });
  assert.equal(p.point(1000, 0.6), null); // a second series at the same size
  assert.deepEqual(p.point(2000, 1.5), { x: 2000, seconds: 1.5, nextSeconds: 1 });
  // 2000 -> 5000 took 3 s; the sizes grew 2.5 times, so 5000 -> next is guessed at 3 * 2.5.
  assert.deepEqual(p.point(5000, 4.5), { x: 5000, seconds: 4.5, nextSeconds: 7.5 });
});
