// The cluster widget's model (web/src/widgets/cluster/model/) on hand-written event batches and on
// a real event stream from the simulator in kv.js: what each view reads must follow from the events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKv } from '../wasm/load-kv.mjs';
import { createClusterModel, outcomeClass, laneOrder } from '../../web/src/widgets/cluster/model/cluster-model.js';
import { quantile } from '../../web/src/widgets/cluster/model/cluster-series.js';

const MS = 1e6;
const nodes = ['n1', 'n2', 'n3'];
const message = (src, dest, body) => ({ src, dest, body });
const send = (id, time, m, arrive = time + 2 * MS) => ({ event: 'send', time, id, message: m, arrive });
const deliver = (id, time, m, sent) => ({ event: 'deliver', time, id, sent, message: m });
const invoke = (time, process, f, key, value, m) => ({ event: 'invoke', time, message: m, op: { process, type: 'invoke', f, key, value, time } });
const complete = (time, process, type, f, key, value, m) => ({ event: 'complete', time, message: m, op: { process, type, f, key, value, time } });
const timeout = (time, process, f, key, value) => ({ event: 'timeout', time, op: { process, type: 'info', f, key, value, time } });

test('messages are in flight from send until their delivery or drop', () => {
  const model = createClusterModel({ nodes });
  const a = message('n1', 'n2', { type: 'append_entries', msg_id: 1 });
  const b = message('n1', 'n3', { type: 'append_entries', msg_id: 2 });
  const lost = message('n2', 'n3', { type: 'x' });
  model.apply([send(1, 0, a), send(2, 0, b), send(3, MS, lost, null), { event: 'drop', time: MS, id: 3, sent: MS, message: lost, text: 'loss' }]);
  assert.deepEqual(model.messages.inFlight().map((m) => m.id), [1, 2]);
  assert.equal(model.messages.get(3).dropped, MS, 'arrive null: dropped at once, never in flight');
  assert.equal(model.messages.get(3).dropText, 'loss', 'the drop event that follows says why');
  const v = model.version;
  model.apply([deliver(1, 2 * MS, a, 0)]);
  assert.ok(model.version > v);
  assert.deepEqual(model.messages.inFlight().map((m) => m.id), [2]);
  assert.equal(model.messages.get(1).delivered, 2 * MS);
  model.apply([{ event: 'drop', time: 3 * MS, id: 2, sent: 0, message: b, text: 'partition' }]);
  assert.equal(model.messages.inFlightCount(), 0);
  assert.equal(model.messages.get(2).dropText, 'partition');
  assert.deepEqual(model.messages.recent().map((m) => [m.id, m.src, m.dest, m.type, m.sent]),
    [[1, 'n1', 'n2', 'append_entries', 0], [2, 'n1', 'n3', 'append_entries', 0], [3, 'n2', 'n3', 'x', MS]]);
  // A duplicate: delivered twice with the same id, two arrows.
  model.apply([deliver(1, 4 * MS, a, 0)]);
  assert.equal(model.messages.recent().filter((m) => m.id === 1).length, 2);
});

test('without send events a delivery is still drawn, from its delivery time', () => {
  const model = createClusterModel({ nodes });
  model.apply([{ event: 'deliver', time: 5 * MS, message: message('n1', 'n2', { type: 'x' }) }]);
  const [r] = model.messages.recent();
  assert.ok(r.id < 0);
  assert.equal(r.sent, 5 * MS);
  assert.equal(model.messages.inFlightCount(), 0);
});

test('operations fall into one lane per client and end ok, fail or info', () => {
  const model = createClusterModel({ nodes, clients: 3 });
  const req = (c, id) => message(c, 'n1', { type: 'read', key: 'k0', msg_id: id });
  model.apply([
    invoke(0, 0, 'read', 'k0', null, req('c1', 1)),
    invoke(1, 1, 'write', 'k1', 3, req('c2', 1)),
    invoke(2, 2, 'cas', 'k0', [1, 2], req('c3', 1)),
    complete(10, 0, 'ok', 'read', 'k0', 4),
    complete(11, 1, 'fail', 'write', 'k1', 3),
    timeout(12, 2, 'cas', 'k0', [1, 2]),
    invoke(13, 5, 'read', 'k0', null, req('c6', 1)), // process 5 continues client slot 3
  ]);
  const ops = model.operations.all();
  assert.deepEqual(ops.map((o) => [o.lane, o.outcome]), [['c1', 'ok'], ['c2', 'fail'], ['c3', 'info'], ['c3', 'pending']]);
  assert.deepEqual(ops.map(outcomeClass), ['op-ok', 'op-fail', 'op-info', 'op-pending']);
  assert.equal(ops[0].value, 4, 'a read takes the value it read');
  assert.deepEqual([ops[0].invoke, ops[0].complete], [0, 10]);
  assert.deepEqual(model.operations.lanes(), ['c1', 'c2', 'c3']);
  assert.deepEqual(model.operations.pending().map((o) => o.process), [5]);
  assert.deepEqual(laneOrder(['c10', 'c2', 'c1']), ['c1', 'c2', 'c10']);
  // Without a client count the lane is the request's sender.
  const plain = createClusterModel({ nodes });
  plain.apply([invoke(0, 7, 'read', 'k0', null, req('c8', 1)), invoke(0, 9, 'read', 'k0', null)]);
  assert.deepEqual(plain.operations.all().map((o) => o.lane), ['c8', 'p9']);
});

test('an operation links to its request, the forward, the forward’s answer and the reply, and back', () => {
  const model = createClusterModel({ nodes });
  const request = message('c1', 'n2', { type: 'write', key: 'k0', value: 3, msg_id: 4 });
  const forward = message('n2', 'n1', { type: 'write', key: 'k0', value: 3, msg_id: 9, client: 'c1', client_msg_id: 4 });
  const answer = message('n1', 'n2', { type: 'write_ok', msg_id: 30, in_reply_to: 9 });
  const reply = message('n2', 'c1', { type: 'write_ok', in_reply_to: 4 });
  const heartbeat = message('n1', 'n3', { type: 'append_entries', msg_id: 31 });
  const otherReply = message('n3', 'n1', { type: 'append_entries_ok', msg_id: 5, in_reply_to: 31 });
  model.apply([invoke(0, 0, 'write', 'k0', 3, request), send(1, 0, request)]);
  model.apply([deliver(1, MS, request, 0), send(2, MS, forward), send(3, MS, heartbeat)]);
  model.apply([deliver(2, 3 * MS, forward, MS), send(4, 3 * MS, answer), deliver(3, 3 * MS, heartbeat, MS), send(5, 3 * MS, otherReply)]);
  model.apply([deliver(4, 5 * MS, answer, 3 * MS), send(6, 5 * MS, reply), deliver(6, 7 * MS, reply, 5 * MS)]);
  model.apply([complete(7 * MS, 0, 'ok', 'write', 'k0', 3, reply)]);
  const [op] = model.operations.all();
  assert.deepEqual(model.messagesOfOperation(op.seq).sort(), [1, 2, 4, 6]);
  for (const id of [1, 2, 4, 6]) assert.equal(model.operationOfMessage(id)?.seq, op.seq, `message ${id}`);
  for (const id of [3, 5]) assert.equal(model.operationOfMessage(id), null, `message ${id} is replication, no operation's`);
});

test('node events set the status the ring draws, and each leaves a fault marker', () => {
  const model = createClusterModel({ nodes, protocol: 'raft' });
  model.apply([
    { event: 'state', time: 1, node: 'n1', state: { id: 'n1', role: 'leader', term: 2, commit: 5, log: 6, leader: 'n1', keys: { k0: 3 }, entries: [{ index: 6, term: 2, text: 'write k0 3' }] } },
    { event: 'crash', time: 2, node: 'n2' },
    { event: 'pause', time: 3, node: 'n3' },
    { event: 'fault', time: 4, text: 'partition: n1 isolated' },
    { event: 'trap', time: 5, node: 'n1', text: 'RuntimeError: unreachable' },
    { event: 'resume', time: 6, node: 'n3' },
    { event: 'heal', time: 7 },
  ]);
  assert.deepEqual(model.nodes().map((n) => n.status), ['trapped', 'crashed', 'up']);
  const n1 = model.node('n1');
  assert.deepEqual([n1.role, n1.term, n1.commit, n1.log, n1.keys.k0, n1.entries.length], ['leader', 2, 5, 6, 3, 1]);
  assert.equal(n1.reason, 'RuntimeError: unreachable');
  assert.deepEqual(model.faults.map((f) => [f.time, f.kind]), [[2, 'crash'], [3, 'pause'], [4, 'fault'], [5, 'trap'], [6, 'resume'], [7, 'heal']]);
  assert.equal(model.faults[0].text, 'n2 crashed');
  assert.equal(model.faults[2].text, 'partition: n1 isolated');
  assert.equal(model.faults[3].detail, 'RuntimeError: unreachable');
});

test('the verdict’s window picks out the operations it names', () => {
  const model = createClusterModel({ nodes });
  model.apply([
    invoke(0, 0, 'write', 'k1', 1), complete(10, 0, 'ok', 'write', 'k1', 1),
    invoke(20, 1, 'write', 'k1', 2), complete(30, 1, 'ok', 'write', 'k1', 2),
    invoke(40, 2, 'read', 'k1', null), complete(50, 2, 'ok', 'read', 'k1', 1),
    invoke(40, 3, 'read', 'k2', null), complete(50, 3, 'ok', 'read', 'k2', 1),
  ]);
  model.setVerdict({ verdict: 'not linearizable', key: 'k1', window: [
    { process: 1, invoke: 20, complete: 30, key: 'k1' }, { process: 2, invoke: 40, complete: 50, key: 'k1' }] });
  assert.deepEqual(model.windowOperations().map((o) => o.process), [1, 2]);
});

test('reset forgets the run (a replay seeking back) and the model folds a snapshot afresh', () => {
  const model = createClusterModel({ nodes, clients: 2 });
  const m = message('n1', 'n2', { type: 'x', msg_id: 1 });
  model.apply([invoke(0, 0, 'read', 'k0', null), send(1, 0, m), { event: 'crash', time: 1, node: 'n2' },
    complete(5 * MS, 0, 'ok', 'read', 'k0', 1)]);
  model.setVerdict({ verdict: 'linearizable' });
  const before = model.version;
  model.reset();
  assert.ok(model.version > before);
  assert.deepEqual([model.now, model.operations.count(), model.messages.inFlightCount(), model.faults.length, model.series().seconds.length], [0, 0, 0, 0, 0]);
  assert.equal(model.node('n2').status, 'up');
  assert.equal(model.verdict.verdict, 'linearizable', 'the verdict is the whole run’s: kept');
  model.apply([send(7, 2 * MS, m)]);
  assert.deepEqual(model.messages.inFlight().map((r) => r.id), [7]);
  assert.equal(model.now, 2 * MS);
});

test('per-second series: ops/s, latency median and p99, messages per operation', () => {
  const model = createClusterModel({ nodes });
  const events = [];
  // Second 0: four ops answered with latencies 1, 2, 3, 10 ms (three ok, one fail), one timeout;
  // ten deliveries. Second 1: nothing. Second 2: one ok of 4 ms, two deliveries.
  [1, 2, 3, 10].forEach((lat, p) => {
    events.push(invoke(100 * MS, p, 'read', 'k0', null), complete((100 + lat) * MS, p, p === 3 ? 'fail' : 'ok', 'read', 'k0', 1));
  });
  events.push(invoke(100 * MS, 4, 'read', 'k0', null), timeout(900 * MS, 4, 'read', 'k0', null));
  for (let i = 0; i < 10; i++) events.push({ event: 'deliver', time: (200 + i) * MS, message: message('n1', 'n2', { type: 'x' }) });
  events.push(invoke(2000 * MS, 0, 'read', 'k0', null), complete(2004 * MS, 0, 'ok', 'read', 'k0', 1));
  for (let i = 0; i < 2; i++) events.push({ event: 'deliver', time: 2001 * MS, message: message('n1', 'n2', { type: 'x' }) });
  events.sort((a, b) => a.time - b.time);
  model.apply(events);
  const s = model.series();
  assert.deepEqual(s.seconds, [0, 1, 2]);
  assert.deepEqual(s.okPerSecond, [3, 0, 1]);
  assert.deepEqual(s.failedPerSecond, [2, 0, 0]);
  assert.deepEqual(s.latencyMedianMs, [2, null, 4]);
  assert.deepEqual(s.latencyP99Ms, [10, null, 4]);
  assert.deepEqual(s.messagesPerOp, [2, null, 2]);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
  assert.equal(quantile([1, 2, 3, 4], 0.75), 3);
});

test('a long stream keeps memory bounded: the message window, operations and markers', () => {
  const model = createClusterModel({ nodes, windowNs: 1e9, maxRecent: 3000, maxOps: 500, maxFaults: 50 });
  let id = 0;
  for (let second = 0; second < 300; second++) {
    const batch = [];
    for (let i = 0; i < 400; i++) {
      const t = second * 1e9 + i * 2.5 * MS;
      const m = message('n1', 'n2', { type: 'append_entries', msg_id: ++id });
      batch.push(send(id, t, m), deliver(id, t + MS, m, t));
    }
    for (let p = 0; p < 3; p++) batch.push(invoke(second * 1e9, p, 'read', 'k0', null), complete(second * 1e9 + MS, p, 'ok', 'read', 'k0', 1));
    batch.push({ event: 'fault', time: second * 1e9, text: 'x' });
    model.apply(batch);
    assert.ok(model.messages.size() <= 3000, `second ${second}: ${model.messages.size()} messages kept`);
    assert.ok(model.messages.storedSize() <= 3000 + 1024 + 400 * 2, `storage ${model.messages.storedSize()}`);
  }
  // The window keeps the last second: 400 messages sent in it (and a few from its edge).
  const kept = model.messages.recent();
  assert.ok(kept.length >= 400 && kept.length <= 801, `${kept.length}`);
  assert.ok(kept.every((m) => m.delivered >= model.now - 1e9));
  assert.equal(model.operations.count(), 500);
  assert.equal(model.faults.length, 50);
  assert.equal(model.series().seconds.length, 300);
  // The window's bound holds even when everything happens within one window.
  const flood = createClusterModel({ nodes, windowNs: 60e9, maxRecent: 1000 });
  const batch = [];
  for (let i = 1; i <= 20000; i++) batch.push(send(i, i, message('n1', 'n2', { type: 'x' })), deliver(i, i + 1, message('n1', 'n2', { type: 'x' }), i));
  flood.apply(batch);
  assert.equal(flood.messages.size(), 1000);
  assert.equal(flood.messages.recent()[0].id, 19001);
});

test('a real simulator run folds into the model: every operation, lane, message and fault', async () => {
  const kv = await loadKv();
  const options = { protocol: 'raft', nodes: 3, seed: 11, ops: 400, nemesis: 'partition,crash', nemesisIntervalMs: 300 };
  const sim = new kv.KvSimulator(JSON.stringify(options));
  const model = createClusterModel({ nodes, protocol: 'raft', clients: 6, windowNs: 600e9, maxRecent: 1e6 });
  let delivered = 0;
  let faults = 0;
  let sends = 0;
  const unfinished = new Set(); // ids sent and not yet delivered or dropped, counted apart from the model
  for (let step = 0; !sim.done(); step++) {
    const events = JSON.parse(sim.step());
    for (const e of events) {
      if (e.event === 'deliver') delivered++;
      if (e.event === 'send') sends++;
      if (e.event === 'send' && e.arrive != null) unfinished.add(e.id);
      if (e.event === 'deliver' || e.event === 'drop') unfinished.delete(e.id);
      if (['fault', 'heal', 'crash', 'restart', 'pause', 'resume'].includes(e.event)) faults++;
    }
    model.apply(events);
    if (sends > 0 && step % 50 === 0) {
      assert.deepEqual(new Set(model.messages.inFlight().map((m) => m.id)), unfinished, `in flight at step ${step}`);
    }
  }
  assert.deepEqual(new Set(model.messages.inFlight().map((m) => m.id)), unfinished);
  const stats = JSON.parse(sim.stats());
  const ops = model.operations.all();
  assert.equal(ops.length, stats.invoked);
  const count = (o) => ops.filter((op) => op.outcome === o).length;
  assert.deepEqual([count('ok'), count('fail'), count('info'), count('pending')], [stats.ok, stats.fail, stats.info, 0]);
  assert.deepEqual(model.operations.lanes(), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  for (const lane of model.operations.lanes()) {
    const inLane = ops.filter((o) => o.lane === lane);
    for (let i = 1; i < inLane.length; i++) assert.ok(inLane[i].invoke >= inLane[i - 1].complete, `${lane}: one op at a time`);
  }
  assert.equal(model.faults.length, faults);
  assert.ok(faults > 0);
  assert.equal(model.messages.recent().filter((m) => m.delivered != null).length, delivered);
  const s = model.series();
  assert.equal(s.okPerSecond.reduce((a, b) => a + b, 0), stats.ok);
  // Every answered operation is linked at least to its reply (and its request when the engine
  // reports sends); without send events the request's delivery carries the link.
  for (const op of ops.filter((o) => o.outcome === 'ok')) {
    const linked = model.messagesOfOperation(op.seq).map((id) => model.messages.get(id));
    assert.ok(linked.some((m) => m.src === op.lane || m.src === `c${op.process + 1}`), `op ${op.seq} has its request`);
    assert.ok(linked.some((m) => m.body.in_reply_to != null && !nodes.includes(m.dest)), `op ${op.seq} has its reply`);
  }
  if (sends === 0) assert.equal(model.messages.inFlightCount(), 0, 'no send events: nothing is ever in flight');
  // Node summaries (when this kv.js has them): the model shows each node's role and term.
  if (typeof sim.nodeStates === 'function') {
    const states = JSON.parse(sim.nodeStates());
    model.apply(states.map((state) => ({ event: 'state', time: model.now, node: state.id, state })));
    for (const state of states) assert.deepEqual([model.node(state.id).role, model.node(state.id).term], [state.role, state.term]);
  }
  sim.delete();
});
