// The live router's core (engines/live/router-core.js) with fake nodes and
// virtual time: routing and its events, paused and crashed nodes, fault
// steps at their times and their record, 'leader', click-to-drop, detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouterCore } from '../../web/src/widgets/cluster/engines/live/router-core.js';

const MS = 1e6;
const spec = (more = {}) => ({ protocol: 'raft', nodes: 3, seed: 1, rate: 1, clients: 1, keys: 1,
  latency: 'constant:2ms', clientTimeoutMs: 1000, faults: [], ...more });
const msg = (src, dest, n = 0) => ({ src, dest, body: { type: 'ping', n } });
const ofKind = (events, kind) => events.filter((e) => e.event === kind);
// With rate 1/s the clients' first request comes at 1 s: the tests below see only their own messages.
const quiet = (core) => {
  core.pump(0);
  assert.deepEqual(core.take(0).events, []);
};

test('a message between nodes is sent, then delivered to its node after the latency', () => {
  const core = createRouterCore(spec());
  core.start(12345);
  const init = core.take(0).toNodes;
  assert.deepEqual([...init.keys()], ['n1', 'n2', 'n3']);
  assert.deepEqual(init.get('n2')[0].message.body, { type: 'init', msg_id: 0, node_id: 'n2', node_ids: ['n1', 'n2', 'n3'] });
  assert.equal(init.get('n2')[0].start, 12345);
  quiet(core);
  core.fromNode('n1', { out: [msg('n1', 'n2')] }, 10 * MS);
  let taken = core.take(10 * MS);
  const [send] = ofKind(taken.events, 'send');
  assert.deepEqual({ ...send, id: 0 }, { event: 'send', time: 10 * MS, id: 0, message: msg('n1', 'n2'), arrive: 12 * MS });
  assert.equal(core.nextWake(), 12 * MS);
  core.pump(11.9 * MS);
  assert.equal(core.take(11.9 * MS).toNodes.size, 0, 'not before it arrives');
  core.pump(12 * MS);
  taken = core.take(12 * MS);
  assert.deepEqual(taken.toNodes.get('n2'), [msg('n1', 'n2')]);
  assert.deepEqual(ofKind(taken.events, 'deliver'), [{ event: 'deliver', time: 12 * MS, id: send.id, sent: 10 * MS, message: msg('n1', 'n2') }]);
});

test('messages for one node in one turn go out as one batch, in order', () => {
  const core = createRouterCore(spec());
  quiet(core);
  core.fromNode('n1', { out: [msg('n1', 'n3', 1), msg('n1', 'n3', 2)] }, 0);
  core.fromNode('n2', { out: [msg('n2', 'n3', 3)] }, 0);
  core.pump(2 * MS);
  assert.deepEqual(core.take(2 * MS).toNodes.get('n3').map((m) => m.body.n), [1, 2, 3]);
});

test('a partition drops at the send with the reason; heal lets messages through again', () => {
  const core = createRouterCore(spec({ faults: [{ at: 5, do: 'partition', groups: [['n1'], ['n2', 'n3']] }, { at: 20, do: 'heal' }] }));
  quiet(core);
  core.pump(5 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n2')] }, 6 * MS);
  let events = core.take(6 * MS).events;
  assert.equal(ofKind(events, 'fault')[0].text, 'partition n1 | n2 n3');
  assert.equal(ofKind(events, 'send')[0].arrive, null);
  assert.deepEqual(ofKind(events, 'drop').map((e) => e.text), ['partition']);
  core.pump(20 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n2')] }, 21 * MS);
  events = core.take(21 * MS).events;
  assert.equal(ofKind(events, 'heal').length, 1);
  assert.equal(ofKind(events, 'send')[0].arrive, 23 * MS);
  assert.deepEqual(core.faultScript().map((s) => [s.do, s.at]), [['partition', 5], ['heal', 20]]);
});

test('a paused node gets nothing until resumed, then everything in order; the node worker is told', () => {
  const core = createRouterCore(spec());
  quiet(core);
  core.fault({ do: 'pause', node: 'n2' }, 1 * MS);
  assert.deepEqual(core.take(1 * MS).toNodes.get('n2'), [{ cmd: 'pause' }]);
  core.fromNode('n1', { out: [msg('n1', 'n2', 1), msg('n1', 'n2', 2)] }, 1 * MS);
  core.fromNode('n3', { out: [msg('n3', 'n2', 3)] }, 2 * MS);
  core.pump(50 * MS);
  let taken = core.take(50 * MS);
  assert.equal(taken.toNodes.get('n2'), undefined);
  assert.equal(ofKind(taken.events, 'deliver').length, 0);
  core.fault({ do: 'resume', node: 'n2' }, 60 * MS);
  taken = core.take(60 * MS);
  assert.deepEqual(taken.toNodes.get('n2').map((item) => item.cmd ?? item.body.n), ['resume', 1, 2, 3]);
  assert.equal(ofKind(taken.events, 'deliver').length, 3);
  assert.deepEqual(core.faultScript().map((s) => [s.do, s.node, s.at]), [['pause', 'n2', 1], ['resume', 'n2', 60]]);
});

test('a crashed node\'s messages are dropped as "node down" until it restarts; crash(keep) is passed on', () => {
  const core = createRouterCore(spec());
  quiet(core);
  core.fromNode('n1', { out: [msg('n1', 'n3')] }, 0);
  core.fault({ do: 'crash', node: 'n3', keep: true }, 1 * MS);
  let taken = core.take(1 * MS);
  assert.deepEqual(taken.toNodes.get('n3'), [{ cmd: 'crash', keep: true }]);
  assert.deepEqual(ofKind(taken.events, 'crash').map((e) => [e.node, e.step.keep]), [['n3', true]]);
  core.pump(2 * MS);
  taken = core.take(2 * MS);
  assert.deepEqual(ofKind(taken.events, 'drop').map((e) => e.text), ['node down']);
  assert.equal(taken.toNodes.get('n3'), undefined);
  assert.equal(core.fault({ do: 'crash', node: 'n3' }, 3 * MS), false, 'a crashed node cannot crash again');
  core.fault({ do: 'restart', node: 'n3' }, 4 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n3')] }, 4 * MS);
  core.pump(6 * MS);
  taken = core.take(6 * MS);
  assert.deepEqual(taken.toNodes.get('n3'), [{ cmd: 'restart' }, msg('n1', 'n3')]);
  assert.deepEqual(core.faultScript().map((s) => s.do), ['crash', 'restart']);
});

test('"leader" is the node that reports itself leader with the highest term, resolved when the step runs', () => {
  const core = createRouterCore(spec({ faults: [{ at: 10, do: 'isolate', node: 'leader' }] }));
  quiet(core);
  assert.equal(core.fault({ do: 'crash', node: 'leader' }, 1 * MS), false, 'no leader known yet');
  assert.match(ofKind(core.take(1 * MS).events, 'fault')[0].text, /no such node known now/);
  core.fromNode('n1', { state: { id: 'n1', role: 'leader', term: 1 } }, 2 * MS);
  core.fromNode('n3', { state: { id: 'n3', role: 'leader', term: 4 } }, 2 * MS);
  core.fromNode('n2', { state: { id: 'n2', role: 'follower', term: 4 } }, 2 * MS);
  assert.equal(ofKind(core.take(2 * MS).events, 'state').length, 3);
  core.pump(10 * MS);
  core.fromNode('n3', { out: [msg('n3', 'n1')] }, 10 * MS);
  assert.deepEqual(ofKind(core.take(10 * MS).events, 'drop').map((e) => e.text), ['partition']);
  assert.deepEqual(core.faultScript(), [{ at: 10, do: 'isolate', node: 'leader' }], 'recorded as asked, with its time');
});

test('a message in flight dropped by the learner never arrives', () => {
  const core = createRouterCore(spec());
  quiet(core);
  core.fromNode('n1', { out: [msg('n1', 'n2', 1), msg('n1', 'n2', 2)] }, 0);
  const [first] = ofKind(core.take(0).events, 'send');
  assert.equal(core.dropMessage(first.id, 1 * MS), true);
  assert.deepEqual(ofKind(core.take(1 * MS).events, 'drop').map((e) => [e.id, e.text]), [[first.id, 'dropped by you']]);
  core.pump(2 * MS);
  assert.deepEqual(core.take(2 * MS).toNodes.get('n2').map((m) => m.body.n), [2]);
  assert.equal(core.dropMessage(first.id + 1, 3 * MS), false, 'already delivered');
});

test('detail "counts" leaves out message events but keeps counters and client events', () => {
  const core = createRouterCore(spec({ rate: 1000, clients: 1 }), { detail: 'counts' });
  core.pump(1 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n2'), msg('n1', 'n3')] }, 1 * MS);
  core.fault({ do: 'set', drop: 1 }, 1 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n2')] }, 1 * MS);
  core.pump(3 * MS);
  const { events } = core.take(3 * MS);
  assert.deepEqual(events.filter((e) => ['send', 'deliver', 'drop'].includes(e.event)), []);
  assert.equal(ofKind(events, 'invoke').length, 1, 'the client events stay');
  const [counts] = ofKind(events, 'counts');
  assert.deepEqual({ sent: counts.sent, dropped: counts.dropped }, { sent: 4, dropped: 1 }, '2 + 1 between nodes, 1 client request');
  assert.equal(counts.delivered, 3, 'the client request and the two that got through, all sent at 1 ms, arrived at 3 ms');
});

test('a node that trapped is reported once and gets nothing more', () => {
  const core = createRouterCore(spec());
  quiet(core);
  core.fault({ do: 'trap', node: 'n2' }, 1 * MS);
  assert.deepEqual(core.take(1 * MS).toNodes.get('n2'), [{ cmd: 'trap' }]);
  core.fromNode('n2', { out: [], trap: 'RuntimeError: unreachable' }, 2 * MS);
  core.nodeGone('n2', 'the worker failed', 3 * MS);
  core.fromNode('n1', { out: [msg('n1', 'n2')] }, 3 * MS);
  core.pump(5 * MS);
  const { events, toNodes } = core.take(5 * MS);
  assert.deepEqual(ofKind(events, 'trap'), [{ event: 'trap', time: 2 * MS, node: 'n2', text: 'RuntimeError: unreachable' }]);
  assert.deepEqual(ofKind(events, 'drop').map((e) => e.text), ['node down']);
  assert.equal(toNodes.get('n2'), undefined);
});

test('client requests and replies cross the router; the reply completes the operation', () => {
  const core = createRouterCore(spec({ clients: 1, rate: 1 }));
  core.pump(1000 * MS);
  let taken = core.take(1000 * MS);
  const [invoke] = ofKind(taken.events, 'invoke');
  assert.equal(invoke.op.time, 1000 * MS);
  assert.equal(ofKind(taken.events, 'send')[0].id, invoke.id, 'the invoke names its request\'s id');
  assert.deepEqual(taken.history, [invoke.op]);
  core.pump(1002 * MS);
  const request = core.take(1002 * MS).toNodes.get(invoke.message.dest)[0];
  assert.deepEqual(request, invoke.message);
  const body = { type: `${invoke.op.f}_ok`, in_reply_to: request.body.msg_id, value: 2 };
  core.fromNode(request.dest, { out: [{ src: request.dest, dest: request.src, body }] }, 1003 * MS);
  core.pump(1005 * MS);
  taken = core.take(1005 * MS);
  const [complete] = ofKind(taken.events, 'complete');
  assert.equal(complete.op.type, 'ok');
  assert.equal(complete.id, ofKind(taken.events, 'deliver').at(-1).id, 'the complete names its reply\'s id');
  assert.equal(complete.op.time, 1005 * MS);
  assert.deepEqual(taken.history, [complete.op]);
});
