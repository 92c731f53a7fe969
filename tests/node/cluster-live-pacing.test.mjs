// The live engine's timer queue and the checker's pacing (pure modules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimerQueue } from '../../web/src/widgets/cluster/engines/live/timer-queue.js';
import { createCheckPacer, verdictOf } from '../../web/src/widgets/cluster/engines/live/check-pacer.js';
import { createRng } from '../../web/src/widgets/cluster/engines/live/rng.js';

test('the timer queue gives items by time, ties in insertion order', () => {
  const q = new TimerQueue();
  const rng = createRng(1);
  const items = Array.from({ length: 300 }, (_, i) => ({ i, time: rng.int(40) }));
  items.forEach((it) => q.push(it.time, it));
  assert.equal(q.peekTime(), Math.min(...items.map((it) => it.time)));
  assert.deepEqual(q.popDue(-1), []);
  const first = q.popDue(19);
  const rest = q.popDue(Infinity);
  const expected = [...items].sort((a, b) => a.time - b.time || a.i - b.i);
  assert.deepEqual([...first, ...rest], expected);
  assert.ok(first.every((it) => it.time <= 19) && rest.every((it) => it.time > 19));
  assert.equal(q.size, 0);
  assert.equal(q.peekTime(), Infinity);
});

test('the checker re-checks only after completions, 250 ms apart at most once, never during a check, idle as long as it worked', () => {
  const p = createCheckPacer(250);
  assert.equal(p.wait(0), null, 'nothing to check yet');
  p.added([{ type: 'invoke' }]);
  assert.equal(p.wait(0), null, 'an invoke alone changes no verdict');
  p.added([{ type: 'ok' }]);
  assert.equal(p.wait(10), 0);
  p.begin(10);
  p.added([{ type: 'fail' }]);
  assert.equal(p.wait(20), null, 'a check is running');
  p.end(30);
  assert.equal(p.wait(100), 160, 'not sooner than 250 ms after the last began');
  assert.equal(p.wait(400), 0);
  p.begin(400);
  p.added([{ type: 'ok' }]);
  p.end(1000);
  assert.equal(p.wait(1000), 600, 'a check of 600 ms is followed by 600 ms without one');
  assert.equal(p.wait(1600), 0);
  p.begin(1600);
  p.end(1610);
  assert.equal(p.wait(2000), null, 'nothing new since');
});

test('verdicts keep the checker\'s fields, and an unknown passes through with its budget text', () => {
  const unknown = verdictOf({ verdict: 'unknown', operations: 9, window: [], explanation: 'budget of 20000000 steps exhausted', steps: 5 }, 12);
  assert.deepEqual(unknown, { verdict: 'unknown', operations: 9, window: [], explanation: 'budget of 20000000 steps exhausted', ms: 12 });
  const bad = verdictOf({ verdict: 'not linearizable', operations: 4, key: 'k1', window: [{ process: 1 }], sentence: 'read k1 ...' }, 3);
  assert.deepEqual(bad, { verdict: 'not linearizable', operations: 4, key: 'k1', window: [{ process: 1 }], sentence: 'read k1 ...', ms: 3 });
  assert.equal(verdictOf({ error: 'line 2: bad', line: 2 }, 1).verdict, 'unknown');
});
