// The live engine's pure parts together, under node with the real kv.wasm
// and virtual time: the router core (engines/live/router-core.js) routes
// between node hosts (engines/live/node-host.js) that each drive a KvNode, as
// the workers do in the page, but with every thread's turn taken in order.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadKv } from '../wasm/load-kv.mjs';
import { createRouterCore } from '../../web/src/widgets/cluster/engines/live/router-core.js';
import { createNodeHost } from '../../web/src/widgets/cluster/engines/live/node-host.js';

const MS = 1e6;
let kv;

before(async () => {
  kv = await loadKv();
});

/** Runs a cluster in 1 ms steps of virtual time up to `untilMs`; `at[ms]` runs with the core at that ms. */
function runCluster(spec, untilMs, at = {}) {
  const core = createRouterCore(spec);
  let now = 0;
  const events = [];
  const history = [];
  const hosts = new Map(core.nodeIds.map((id) => [id, createNodeHost(kv, {
    clock: () => now,
    post: (batch) => core.fromNode(id, batch, now),
  })]));
  core.start(0);
  for (let ms = 0; ms <= untilMs; ms += 1) {
    now = ms * MS;
    at[ms]?.(core, now);
    core.pump(now);
    if (ms % 10 === 0) hosts.forEach((host) => host.tick());
    const taken = core.take(now);
    for (const [id, items] of taken.toNodes) hosts.get(id).receive(items);
    events.push(...taken.events);
    history.push(...taken.history);
  }
  events.push(...core.take(now).events);
  return { core, events, history, hosts };
}

const spec = (more = {}) => ({ protocol: 'raft', nodes: 3, seed: 3, rate: 100, clients: 4, keys: 2,
  latency: 'uniform:1ms:5ms', clientTimeoutMs: 1000, faults: [], ...more });
const jsonl = (history) => history.map((op) => JSON.stringify(op)).join('\n');

test('three Raft nodes talk, answer the clients, and the history is linearizable', () => {
  const { events, history } = runCluster(spec(), 3000);
  const between = events.filter((e) => e.event === 'deliver' && /^n/.test(e.message.src) && /^n/.test(e.message.dest));
  assert.ok(between.length > 100, `${between.length} deliveries between nodes`);
  const ok = history.filter((op) => op.type === 'ok');
  assert.ok(ok.length > 50, `${ok.length} operations ok`);
  assert.equal(JSON.parse(kv.checkHistory(jsonl(history))).verdict, 'linearizable');
});

test('the nodes report their state: after an election, one leader', (t) => {
  if (typeof kv.KvNode.prototype.state !== 'function') {
    t.skip('this kv.wasm has no KvNode.state() yet: no state events to check');
    return;
  }
  const { events } = runCluster(spec(), 2000);
  const states = events.filter((e) => e.event === 'state');
  const latest = new Map(states.map((e) => [e.node, e.state]));
  assert.equal([...latest.values()].filter((s) => s.role === 'leader').length, 1, 'one leader');
});

test('isolating the leader under a fault script: the rest elect another and go on', (t) => {
  if (typeof kv.KvNode.prototype.state !== 'function') {
    t.skip('this kv.wasm has no KvNode.state() yet: "leader" cannot be resolved');
    return;
  }
  const { events, history, core } = runCluster(spec({ faults: [{ at: 1500, do: 'isolate', node: 'leader' }] }), 4000);
  const [step] = core.faultScript();
  assert.equal(step.at, 1500);
  assert.ok(events.some((e) => e.event === 'drop' && e.text === 'partition'));
  const okLate = history.filter((op) => op.type === 'ok' && op.time > 3000 * MS);
  assert.ok(okLate.length > 0, 'operations complete after the isolation');
  assert.equal(JSON.parse(kv.checkHistory(jsonl(history))).verdict, 'linearizable');
});

test('a crash drops messages to the node as "node down"; after its restart the cluster still answers, linearizably', () => {
  const { events, history } = runCluster(spec(), 3000, {
    1000: (core, now) => core.fault({ do: 'crash', node: 'n1', keep: false }, now),
    1500: (core, now) => core.fault({ do: 'restart', node: 'n1' }, now),
  });
  assert.ok(events.some((e) => e.event === 'drop' && e.text === 'node down'));
  assert.ok(history.some((op) => op.type === 'ok' && op.time > 2000 * MS));
  assert.equal(JSON.parse(kv.checkHistory(jsonl(history))).verdict, 'linearizable');
});

test('a node host reports a trap (or any wasm error) once, then does nothing more', () => {
  const posted = [];
  const host = createNodeHost(kv, { clock: () => 0, post: (batch) => posted.push(batch) });
  host.receive([{ cmd: 'init', protocol: 'raft', seed: 1, config: {},
    message: { src: 'c0', dest: 'n1', body: { type: 'init', msg_id: 0, node_id: 'n1', node_ids: ['n1', 'n2'] } } }]);
  assert.equal(posted.at(-1).out[0].body.type, 'init_ok');
  host.receive([{ cmd: 'trap' }]);
  const { trap } = posted.at(-1);
  if (typeof kv.KvNode.prototype.trap === 'function') assert.match(trap, /^RuntimeError: /);
  else assert.match(trap, /has no KvNode\.trap\(\)/);
  assert.equal(host.failed, true);
  const count = posted.length;
  host.tick();
  host.receive([{ src: 'n2', dest: 'n1', body: { type: 'request_vote', term: 5, msg_id: 1, last_log_index: 0, last_log_term: 0 } }]);
  assert.equal(posted.length, count);
});

test('a node host refuses an unknown protocol as a trap, not silently', () => {
  const posted = [];
  const host = createNodeHost(kv, { clock: () => 0, post: (batch) => posted.push(batch) });
  host.receive([{ cmd: 'init', protocol: 'paxos', seed: 1, config: {}, message: {} }]);
  assert.match(posted[0].trap, /unknown protocol 'paxos'/);
});

test('a node host reports state() only when it changed, at most every 100 ms, and afresh after a restart', () => {
  // A stand-in KvNode whose summary the test sets: the real one may not have state() yet.
  let summary = { role: 'follower', term: 1 };
  const fakeKv = { KvNode: class {
    error() { return ''; }
    handle() { return '{"messages":[],"error":null}'; }
    tick() { return '{"messages":[],"error":null}'; }
    crash() {}
    state() { return JSON.stringify(summary); }
  } };
  let now = 0;
  const posted = [];
  const host = createNodeHost(fakeKv, { clock: () => now, post: (batch) => posted.push(batch) });
  const states = () => posted.filter((b) => b.state).map((b) => [b.state.role, b.state.term]);
  host.receive([{ cmd: 'init', protocol: 'raft', seed: 1, config: {}, message: {} }]);
  assert.deepEqual(states(), [['follower', 1]]);
  now = 50 * MS;
  summary = { role: 'leader', term: 2 };
  host.tick();
  assert.deepEqual(states(), [['follower', 1]], 'not within 100 ms of the last');
  now = 100 * MS;
  host.tick();
  assert.deepEqual(states(), [['follower', 1], ['leader', 2]]);
  now = 300 * MS;
  host.tick();
  assert.equal(states().length, 2, 'unchanged: not sent again');
  host.receive([{ cmd: 'crash', keep: true }]);
  now = 500 * MS;
  host.tick();
  assert.equal(states().length, 2, 'a crashed node reports nothing');
  host.receive([{ cmd: 'restart' }]);
  assert.deepEqual(states().at(-1), ['leader', 2], 'reported again after the restart');
});
