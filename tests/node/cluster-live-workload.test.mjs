// The live run's lin-kv clients (engines/live/workload.js): history event
// shapes, replies, timeouts, and pacing from the time passed in (no timers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkload } from '../../web/src/widgets/cluster/engines/live/workload.js';
import { createRng } from '../../web/src/widgets/cluster/engines/live/rng.js';

const MS = 1e6;
const make = (options = {}) => createWorkload({
  nodeIds: ['n1', 'n2', 'n3'], clients: 3, keys: 3, rate: 100, timeoutNs: 1000 * MS, rng: createRng(5), ...options,
});
const reply = ({ message }, body) => ({ src: message.dest, dest: message.src, body: { in_reply_to: message.body.msg_id, ...body } });

test('invocations have the history shape and a matching Maelstrom request to a node', () => {
  const w = make({ clients: 20, rate: 1e6 });
  const started = w.invokeDue(MS);
  assert.equal(started.length, 20, 'every idle client starts one request');
  const fs = new Set();
  for (const { op, message } of started) {
    fs.add(op.f);
    assert.equal(op.type, 'invoke');
    assert.equal(op.time, MS);
    assert.match(op.key, /^k[0-2]$/);
    assert.equal(message.src, `c${op.process + 1}`);
    assert.ok(['n1', 'n2', 'n3'].includes(message.dest));
    assert.deepEqual({ type: message.body.type, key: message.body.key }, { type: op.f, key: op.key });
    if (op.f === 'read') assert.equal(op.value, null);
    if (op.f === 'write') assert.ok(op.value >= 0 && op.value <= 4 && message.body.value === op.value);
    if (op.f === 'cas') assert.deepEqual([message.body.from, message.body.to], op.value);
  }
  assert.deepEqual([...fs].sort(), ['cas', 'read', 'write']);
});

test('replies complete operations: ok with the value read, fail with the code, error 0 and 13 as info', () => {
  const w = make({ clients: 4, rate: 1e6 });
  const started = w.invokeDue(MS);
  const [a, b, c, d] = started;
  const readOk = w.receive(reply(a, { type: `${a.op.f}_ok`, value: 3 }), 5 * MS);
  assert.equal(readOk.type, 'ok');
  assert.equal(readOk.time, 5 * MS);
  assert.equal(readOk.process, a.op.process);
  if (a.op.f === 'read') assert.equal(readOk.value, 3);
  const failed = w.receive(reply(b, { type: 'error', code: 22 }), 6 * MS);
  assert.deepEqual({ type: failed.type, error: failed.error }, { type: 'fail', error: 22 });
  assert.equal(w.receive(reply(c, { type: 'error', code: 0 }), 7 * MS).type, 'info');
  assert.equal(w.receive(reply(d, { type: 'error', code: 13 }), 7 * MS).type, 'info');
  assert.equal(w.receive(reply(a, { type: `${a.op.f}_ok` }), 8 * MS), null, 'a second reply completes nothing');
});

test('a client that times out records info and continues as a new process', () => {
  const w = make({ clients: 2, rate: 1e6, timeoutNs: 100 * MS });
  const first = w.invokeDue(0.001 * MS);
  first.push(...w.invokeDue(0.002 * MS));
  assert.deepEqual(first.map((s) => s.op.process), [0, 1]);
  assert.equal(w.nextWake(), 100.001 * MS, 'the next thing to do is the timeout');
  assert.deepEqual(w.expire(100 * MS), []);
  const ended = w.expire(100.002 * MS);
  assert.deepEqual(ended.map((op) => [op.type, op.process, op.time]), [['info', 0, 100.002 * MS], ['info', 1, 100.002 * MS]]);
  assert.equal(w.receive(reply(first[0], { type: `${first[0].op.f}_ok` }), 101 * MS), null, 'a late reply is ignored');
  const next = w.invokeDue(100.002 * MS);
  assert.deepEqual(next.map((s) => s.op.process), [2, 3], 'processes 0 and 1 retired');
  assert.deepEqual(next.map((s) => s.message.src), ['c3', 'c4']);
});

test('one request in flight per client: a busy client starts nothing', () => {
  const w = make({ clients: 2, rate: 1e6 });
  assert.equal(w.invokeDue(MS).length, 2);
  assert.equal(w.invokeDue(50 * MS).length, 0);
});

test('pacing: rate operations per second in total, from the times passed in', () => {
  const w = make({ clients: 10, rate: 10 }); // one every 100 ms
  let invoked = 0;
  const answer = (started, t) => started.forEach((s) => w.receive(reply(s, { type: `${s.op.f}_ok`, value: 1 }), t));
  for (let t = 0; t <= 1000 * MS; t += 10 * MS) {
    const started = w.invokeDue(t);
    invoked += started.length;
    answer(started, t);
  }
  assert.equal(invoked, 10, 'at 100, 200, ..., 1000 ms');
  w.setRate(100); // the next one 10 ms after the last, not 100
  for (let t = 1010 * MS; t <= 2000 * MS; t += 10 * MS) {
    const started = w.invokeDue(t);
    invoked += started.length;
    answer(started, t);
  }
  assert.equal(invoked, 10 + 100);
});

test('after a stall the clients catch up at most 100 ms of missed invocations', () => {
  const w = make({ clients: 20, rate: 100 }); // one every 10 ms
  w.invokeDue(0).forEach((s) => w.receive(reply(s, { type: `${s.op.f}_ok` }), 0));
  assert.equal(w.invokeDue(5000 * MS).length, 11, '100 ms of backlog, not 5 s');
});

test('a manual operation gets a process of its own and reaches the node asked for', () => {
  const w = make();
  const { op, message } = w.manual({ node: 'n2', f: 'cas', key: 'k1', value: [1, 2] }, 7 * MS);
  assert.deepEqual({ ...op }, { process: op.process, type: 'invoke', f: 'cas', key: 'k1', value: [1, 2], time: 7 * MS });
  assert.ok(op.process >= 1000, 'apart from the clients');
  assert.deepEqual(message, { src: `c${op.process + 1}`, dest: 'n2', body: { type: 'cas', key: 'k1', msg_id: 1, from: 1, to: 2 } });
  const second = w.manual({ node: 'n1', f: 'read', key: 'k0' }, 8 * MS);
  assert.notEqual(second.op.process, op.process);
  const done = w.receive(reply({ message }, { type: 'cas_ok' }), 9 * MS);
  assert.deepEqual([done.type, done.process], ['ok', op.process]);
});
