// Lesson 5's exercises are judged from the run (web/src/widgets/cluster/exercise-checks.js):
// each check passes on a run that does what the exercise asks and fails, saying why, on one that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeExercise, cutIntervals, servingSides } from '../../web/src/widgets/cluster/exercise-checks.js';

const ms = (n) => n * 1e6;
const op = (f, outcome, invokeMs, completeMs, node = 'n1') => ({ f, key: 'k0', outcome, invoke: ms(invokeMs), complete: ms(completeMs), node });
const notLinearizable = (window) => ({ verdict: 'not linearizable', window });
const split = [{ at: 1000, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }, { at: 3000, do: 'heal' }];

test('cut intervals run from each cut to the heal after it, or to the end', () => {
  assert.deepEqual(cutIntervals(split), [[1000, 3000]]);
  assert.deepEqual(cutIntervals([{ at: 500, do: 'isolate', node: 'leader' }, { at: 900, do: 'block', from: ['n1'], to: ['n2'] }], 4000), [[500, 4000]]);
  assert.deepEqual(cutIntervals([{ at: 10, do: 'crash', node: 'n1' }]), []);
});

test('losing a write passes only with a violation whose window holds an acknowledged write', () => {
  const lost = judgeExercise('lost-write', { verdict: notLinearizable([op('write', 'ok', 1, 2), op('read', 'ok', 3, 4)]) });
  assert.equal(lost.passed, true);
  const readsOnly = judgeExercise('lost-write', { verdict: notLinearizable([op('read', 'ok', 3, 4), op('write', 'info', 1, Infinity)]) });
  assert.equal(readsOnly.passed, false);
  assert.match(readsOnly.message, /no acknowledged write/);
  const fine = judgeExercise('lost-write', { verdict: { verdict: 'linearizable', window: [] } });
  assert.equal(fine.passed, false);
  assert.match(fine.message, /"linearizable"/);
});

test('a stale read passes only when a read returned a value older than a write acknowledged before it began', () => {
  const spec = { replicas: 3, r: 1, w: 1 };
  const write = (value, invokeMs, completeMs, outcome = 'ok') => ({ ...op('write', outcome, invokeMs, completeMs), value });
  const read = (value, invokeMs, completeMs) => ({ ...op('read', 'ok', invokeMs, completeMs), value });
  const violation = notLinearizable([]);
  const stale = judgeExercise('stale-read', { spec, verdict: violation, ops: [write(1, 0, 5), write(2, 10, 20), read(1, 30, 40)] });
  assert.equal(stale.passed, true);
  assert.match(stale.message, /read k0 → 1 began at 30\.0 ms, after write k0 ← 2 was acknowledged at 20\.0 ms/);
  // A write of 1 that may be ordered after the write of 2 (it overlaps it) explains the read.
  const rescued = judgeExercise('stale-read', { spec, verdict: violation, ops: [write(2, 10, 20), write(1, 15, 25, 'info'), read(1, 30, 40)] });
  assert.equal(rescued.passed, false);
  assert.match(rescued.message, /no read returned a value older/);
  // Reads that overlap the write may see either value.
  assert.equal(judgeExercise('stale-read', { spec, verdict: violation, ops: [write(1, 0, 5), write(2, 10, 35), read(1, 30, 40)] }).passed, false);
  const cas = { ...op('cas', 'ok', 10, 20), value: [1, 3] };
  assert.equal(judgeExercise('stale-read', { spec, verdict: violation, ops: [write(1, 0, 5), cas, read(1, 30, 40)] }).passed, true, 'a cas is a write too');
  assert.equal(judgeExercise('stale-read', { spec, verdict: { verdict: 'linearizable' }, ops: [] }).passed, false);
});

test('Raft serving through a partition needs ten operations completed inside it and a linearizable verdict', () => {
  const inside = Array.from({ length: 10 }, (_, i) => op('write', 'ok', 1100 + i * 10, 1105 + i * 10, 'n3'));
  const record = { spec: { nodes: 5 }, verdict: { verdict: 'linearizable' }, ops: inside, faults: split };
  assert.equal(judgeExercise('raft-serves', record).passed, true);
  assert.equal(judgeExercise('raft-serves', { ...record, ops: inside.slice(1) }).passed, false);
  assert.equal(judgeExercise('raft-serves', { ...record, faults: [] }).passed, false);
  const outside = inside.map((o) => ({ ...o, invoke: o.invoke + ms(3000), complete: o.complete + ms(3000) }));
  assert.equal(judgeExercise('raft-serves', { ...record, ops: outside }).passed, false);
  assert.equal(judgeExercise('raft-serves', { ...record, verdict: notLinearizable([]) }).passed, false);
});

test('a prediction is judged against the side that answered clients during the partition', () => {
  const ops = [op('write', 'ok', 1200, 1210, 'n4'), op('read', 'info', 1300, Infinity, 'n1'), op('read', 'ok', 3500, 3510, 'n1')];
  const record = { verdict: { verdict: 'linearizable' }, ops, faults: split };
  assert.deepEqual(servingSides(record), [1]);
  assert.equal(judgeExercise('predict-side', record, 1).passed, true);
  const wrong = judgeExercise('predict-side', record, 0);
  assert.equal(wrong.passed, false);
  assert.match(wrong.message, /only n3, n4, n5/);
  assert.equal(judgeExercise('predict-side', { ...record, ops: [] }, 3).passed, true, 'neither side');
  assert.equal(judgeExercise('predict-side', record, null).passed, false);
});

test('no exercise is judged before the checker has a verdict', () => {
  const pending = judgeExercise('lost-write', { verdict: { verdict: 'pending' } });
  assert.equal(pending.passed, false);
  assert.match(pending.message, /Run the cluster/);
  assert.equal(judgeExercise('nonsense', { verdict: { verdict: 'linearizable' } }).passed, false);
});

test('the run record pairs invokes with completions and keeps the node that answered', async () => {
  const { createRunRecord } = await import('../../web/src/widgets/cluster/run-record.js');
  const record = createRunRecord();
  const invoke = (process, time, dest) => ({ event: 'invoke', time, op: { process, type: 'invoke', f: 'write', key: 'k0', value: 1, time }, message: { src: 'c1', dest } });
  record.apply([invoke(1, 10, 'n2'), invoke(2, 11, 'n3')]);
  record.apply([{ event: 'complete', time: 20, op: { process: 1, type: 'ok', f: 'write', key: 'k0', value: 1, time: 20 }, message: { src: 'n1', dest: 'c1' } },
    { event: 'timeout', time: 30, op: { process: 2, type: 'info', f: 'write', key: 'k0', value: 1, time: 30 } }]);
  assert.deepEqual(record.ops, [
    { f: 'write', key: 'k0', value: 1, outcome: 'ok', invoke: 10, complete: 20, node: 'n1' },
    { f: 'write', key: 'k0', value: 1, outcome: 'info', invoke: 11, complete: Infinity, node: 'n3' },
  ]);
});

test('the run record keeps each operation once when a replay hands over the same events again', async () => {
  const { createRunRecord } = await import('../../web/src/widgets/cluster/run-record.js');
  const record = createRunRecord();
  const events = [
    { event: 'invoke', time: 10, op: { process: 1, type: 'invoke', f: 'read', key: 'k0', value: null, time: 10 }, message: { src: 'c1', dest: 'n1' } },
    { event: 'complete', time: 20, op: { process: 1, type: 'ok', f: 'read', key: 'k0', value: 3, time: 20 }, message: { src: 'n1', dest: 'c1' } },
  ];
  record.apply(events);
  record.apply(events); // a step back, then forward over the same events
  assert.equal(record.ops.length, 1);
  assert.equal(record.ops[0].value, 3);
});
