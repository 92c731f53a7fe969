// The key-value engine's WebAssembly module (cpp/bindings/kv_bindings.cpp):
// a node driven message by message, a simulation stepped event by event,
// and the linearizability checker, as the cluster view will use them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKv, wasmDir } from './load-kv.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let kv;

before(async () => {
  kv = await loadKv();
});

const msg = (src, dest, body) => JSON.stringify({ src, dest, body });

/** The native kvsim to compare with, or null (and the test skipped) when it was not built. */
function nativeKvsim(t) {
  const native = join(process.env.CDD_NATIVE_DIR || join(root, 'build', 'native'), 'programs', 'kvsim');
  if (existsSync(native)) return native;
  t.skip(`no native kvsim at ${native}`);
  return null;
}
const scratchFile = (name) => join(mkdtempSync(join(tmpdir(), 'kv-')), name);

test('the hash-ring picture places each key on the replicas the quorum store uses', () => {
  const layout = JSON.parse(kv.ringLayout(5, 16, 12, 3));
  assert.deepEqual(layout.nodes, ['n1', 'n2', 'n3', 'n4', 'n5']);
  assert.equal(layout.points.length, 80);
  assert.equal(layout.keys.length, 12);
  for (const { key, position, replicas } of layout.keys) {
    assert.equal(new Set(replicas).size, 3, key);
    const next = layout.points.find((p) => p.position >= position) ?? layout.points[0];
    assert.equal(replicas[0], next.node, `${key}: the first point clockwise is its first replica`);
  }
  assert.match(JSON.parse(kv.ringLayout(3, 16, 4, 4)).error, /replicas/);
});

test('a single node answers init, write, read and cas in Maelstrom messages', () => {
  const node = new kv.KvNode('single', '{}', 1);
  assert.equal(node.error(), '');
  const send = (body, t = 0) => JSON.parse(node.handle(msg('c1', 'n1', body), t));
  let r = send({ type: 'init', msg_id: 1, node_id: 'n1', node_ids: ['n1'] });
  assert.deepEqual(r.messages, [{ src: 'n1', dest: 'c1', body: { type: 'init_ok', in_reply_to: 1 } }]);
  r = send({ type: 'read', msg_id: 2, key: 0 });
  assert.equal(r.messages[0].body.code, 20);
  r = send({ type: 'write', msg_id: 3, key: 0, value: 7 });
  assert.equal(r.messages[0].body.type, 'write_ok');
  r = send({ type: 'cas', msg_id: 4, key: 0, from: 1, to: 2 });
  assert.equal(r.messages[0].body.code, 22);
  r = send({ type: 'cas', msg_id: 5, key: 0, from: 7, to: 8 });
  assert.equal(r.messages[0].body.type, 'cas_ok');
  r = send({ type: 'read', msg_id: 6, key: 0 });
  assert.equal(r.messages[0].body.value, 8);
  assert.equal(node.id(), 'n1');
  node.delete();
});

test('malformed and unknown messages get errors 12 and 10, never a crash', () => {
  const node = new kv.KvNode('raft', '{}', 1);
  let r = JSON.parse(node.handle('{oops', 0));
  assert.equal(r.error.code, 12);
  assert.deepEqual(r.messages, []);
  r = JSON.parse(node.handle(msg('c1', 'n1', { type: 'write', msg_id: 9, key: 'a', value: 'seven' }), 0));
  assert.equal(r.error.code, 12);
  assert.equal(r.messages[0].body.code, 12);
  assert.equal(r.messages[0].body.in_reply_to, 9);
  r = JSON.parse(node.handle(msg('c1', 'n1', { type: 'txn', msg_id: 10 }), 0));
  assert.equal(r.error.code, 10);
  assert.equal(r.messages[0].body.code, 10);
  const bad = new kv.KvNode('paxos', '{}', 1);
  assert.match(bad.error(), /unknown protocol/);
  node.delete();
  bad.delete();
});

test('a one-node Raft cluster elects itself on a tick and commits', () => {
  const node = new kv.KvNode('raft', '{}', 3);
  node.handle(msg('c0', 'n1', { type: 'init', msg_id: 0, node_id: 'n1', node_ids: ['n1'] }), 0);
  node.tick(1e9);
  const r = JSON.parse(node.handle(msg('c1', 'n1', { type: 'write', msg_id: 1, key: 'k', value: 1 }), 1e9));
  assert.equal(r.messages[0].body.type, 'write_ok');
  node.delete();
});

test('the simulator steps event by event and its history checks out', () => {
  const options = { protocol: 'raft', nodes: 3, seed: 42, ops: 150, nemesis: 'partition,crash,drop,dup,reorder', nemesisIntervalMs: 200 };
  const sim = new kv.KvSimulator(JSON.stringify(options));
  assert.equal(sim.error(), '');
  const kinds = new Map();
  let steps = 0;
  while (!sim.done()) {
    for (const e of JSON.parse(sim.step())) {
      kinds.set(e.event, (kinds.get(e.event) || 0) + 1);
      assert.equal(typeof e.time, 'number');
      if (e.event === 'deliver') assert.ok(e.message.src && e.message.dest && e.message.body.type);
    }
    steps++;
  }
  assert.ok(steps > 100);
  for (const kind of ['invoke', 'complete', 'deliver', 'fault', 'heal']) assert.ok(kinds.get(kind) > 0, kind);
  assert.equal(kinds.get('tick'), undefined, 'ticks are not reported unless asked for');
  const stats = JSON.parse(sim.stats());
  assert.equal(stats.invoked, 150);
  assert.equal(stats.ok + stats.fail + stats.info, 150);
  assert.equal(JSON.parse(sim.check()).verdict, 'linearizable');
  const history = sim.history();
  assert.equal(history.trim().split('\n').length, 300);
  assert.equal(JSON.parse(kv.checkHistory(history)).verdict, 'linearizable');
  sim.delete();
});

test('the same seed gives the same history in wasm, stepped or run', () => {
  const options = JSON.stringify({ protocol: 'raft', nodes: 5, seed: 7, ops: 200, nemesis: 'all' });
  const a = new kv.KvSimulator(options);
  while (!a.done()) a.step();
  const b = new kv.KvSimulator(options);
  b.run();
  assert.equal(a.history(), b.history());
  a.delete();
  b.delete();
});

test('bad simulator options are reported, not fatal', () => {
  for (const options of ['{"protocol":"paxos"}', '{"nodes":0}', '{"nemesis":"flood"}', 'not json', '{"latency":"normal"}']) {
    const sim = new kv.KvSimulator(options);
    assert.notEqual(sim.error(), '', options);
    assert.equal(sim.done(), true);
    assert.equal(sim.step(), '[]');
    sim.delete();
  }
});

test('the checker finds a stale read and names the key and window', () => {
  const lines = [
    { process: 0, type: 'invoke', f: 'write', key: 'k1', value: 1, time: 0 },
    { process: 0, type: 'ok', f: 'write', key: 'k1', value: 1, time: 10 },
    { process: 1, type: 'invoke', f: 'write', key: 'k1', value: 2, time: 20 },
    { process: 1, type: 'ok', f: 'write', key: 'k1', value: 2, time: 30 },
    { process: 2, type: 'invoke', f: 'read', key: 'k1', value: null, time: 40 },
    { process: 2, type: 'ok', f: 'read', key: 'k1', value: 1, time: 50 },
  ];
  const r = JSON.parse(kv.checkHistory(lines.map((l) => JSON.stringify(l)).join('\n')));
  assert.equal(r.verdict, 'not linearizable');
  assert.equal(r.key, 'k1');
  assert.ok(r.window.some((op) => op.f === 'read' && op.value === 1));
  const broken = JSON.parse(kv.checkHistory('{"process":0,"type":"invoke"}\n'));
  assert.match(broken.error, /^line 1: missing field 'f'/);
  assert.equal(broken.line, 1);
});

test('a generated 10,000-operation history is linearizable', () => {
  const history = kv.generateHistory(10000, 1);
  const r = JSON.parse(kv.checkHistory(history));
  assert.equal(r.verdict, 'linearizable');
  assert.ok(r.operations > 9000);
});

test('quorum reads with R + W <= N are caught being stale in some seeds', () => {
  let violations = 0;
  for (let seed = 1; seed <= 10 && violations === 0; seed++) {
    const sim = new kv.KvSimulator(JSON.stringify({ protocol: 'quorum', nodes: 5, seed, ops: 600, replicas: 3, r: 1, w: 1, nemesis: 'all' }));
    sim.run();
    if (JSON.parse(sim.check()).verdict === 'not linearizable') violations++;
    sim.delete();
  }
  assert.ok(violations > 0);
});

test('wasm and native simulators write byte-identical histories for the same seed', async (t) => {
  const native = nativeKvsim(t);
  if (!native) return;
  const out = scratchFile('history.jsonl');
  execFileSync(native, ['--protocol', 'raft', '--nodes', '5', '--seed', '9', '--ops', '300', '--nemesis', 'all', '--history', out]);
  const sim = new kv.KvSimulator(JSON.stringify({ protocol: 'raft', nodes: 5, seed: 9, ops: 300, nemesis: 'all' }));
  sim.run();
  assert.equal(sim.history(), readFileSync(out, 'utf8'));
  sim.delete();
});

// A node refuses an init that does not list it (error 12, malformed-request)
// for every protocol, keeps ticking harmlessly, and accepts a valid init
// afterwards. Before, such an init left the node's own index at -1 and Raft's
// first election tick wrote outside its vote vector.
const init = (nodeId, nodeIds) =>
  JSON.stringify({ src: 'c0', dest: nodeId, body: { type: 'init', msg_id: 5, node_id: nodeId, node_ids: nodeIds } });

test('every protocol refuses an init whose node_id is not in node_ids, then accepts a valid one', () => {
  const protocols = JSON.parse(kv.protocols());
  assert.ok(protocols.includes('raft') && protocols.length >= 4, `protocols: ${protocols}`);
  for (const protocol of protocols) {
    const node = new kv.KvNode(protocol, '{}', 1);
    let r = JSON.parse(node.handle(init('n9', ['n1', 'n2', 'n3']), 0));
    assert.equal(r.messages.length, 1, protocol);
    assert.equal(r.messages[0].body.type, 'error', protocol);
    assert.equal(r.messages[0].body.code, 12, protocol);
    assert.equal(r.messages[0].body.in_reply_to, 5, protocol);
    assert.equal(node.id(), '', protocol);
    // Two seconds of ticks: past every election and failover timeout.
    for (let t = 0; t <= 2e9; t += 1e7) {
      assert.deepEqual(JSON.parse(node.tick(t)).messages, [], `${protocol} tick ${t}`);
    }
    r = JSON.parse(node.handle(init('n2', ['n1', 'n2', 'n3']), 2e9));
    assert.equal(r.messages[0].body.type, 'init_ok', protocol);
    assert.equal(node.id(), 'n2', protocol);
    node.delete();
  }
});

// ---------------------------------------------------------------------------
// Node summaries, the violation sentence and the trap fault (the cluster
// view's contract: web/src/widgets/cluster/README.md).

test('a Raft node reports its state after init, as a candidate, and as a leader with its log', () => {
  const node = new kv.KvNode('raft', '{}', 4);
  node.handle(init('n1', ['n1', 'n2', 'n3']), 0);
  let s = JSON.parse(node.state());
  assert.deepEqual(s, { id: 'n1', protocol: 'raft', role: 'follower', term: 0, commit: 0, log: 0, leader: '', keys: {}, entries: [] });
  node.tick(1e9); // past the election timeout: it stands for term 1
  s = JSON.parse(node.state());
  assert.equal(s.role, 'candidate');
  assert.equal(s.term, 1);
  node.delete();

  const alone = new kv.KvNode('raft', '{}', 4);
  alone.handle(init('n1', ['n1']), 0);
  alone.tick(1e9);
  alone.handle(msg('c1', 'n1', { type: 'write', msg_id: 1, key: 'k1', value: 3 }), 1e9);
  alone.handle(msg('c1', 'n1', { type: 'cas', msg_id: 2, key: 'k1', from: 3, to: 4 }), 1e9);
  s = JSON.parse(alone.state());
  assert.equal(s.role, 'leader');
  assert.equal(s.leader, 'n1');
  assert.equal(s.commit, 3);
  assert.equal(s.log, 3);
  assert.deepEqual(s.keys, { k1: 4 });
  assert.deepEqual(s.entries.map((e) => e.text), ['no-op', 'write k1 3', 'cas k1 3 4']);
  assert.deepEqual(s.entries.map((e) => [e.index, e.term]), [[1, 1], [2, 1], [3, 1]]);
  alone.delete();
});

test('nodeStates gives one summary per node, and a crashed node is down', () => {
  const sim = new kv.KvSimulator(JSON.stringify({ protocol: 'raft', nodes: 5, seed: 3, ops: 1000, nemesis: 'crash', nemesisIntervalMs: 100 }));
  // Step until the nemesis crashes nodes (perhaps two at once), following crash and restart events.
  const down = new Set();
  while (!sim.done() && down.size === 0) {
    for (const e of JSON.parse(sim.step())) {
      if (e.event === 'crash') down.add(e.node);
      if (e.event === 'restart') down.delete(e.node);
    }
  }
  assert.ok(down.size > 0, 'the crash nemesis crashed a node');
  const states = JSON.parse(sim.nodeStates());
  assert.deepEqual(states.map((s) => s.id), ['n1', 'n2', 'n3', 'n4', 'n5']);
  for (const s of states) {
    assert.deepEqual(Object.keys(s).sort(), ['commit', 'entries', 'id', 'keys', 'leader', 'log', 'protocol', 'role', 'term']);
    assert.equal(s.protocol, 'raft');
    assert.equal(s.role === 'down', down.has(s.id), `${s.id}: ${s.role}`);
    assert.ok(s.commit <= s.log);
    assert.ok(s.entries.length <= Math.min(s.log, 20));
  }
  const leaderTerms = states.filter((s) => s.role === 'leader').map((s) => s.term);
  assert.equal(new Set(leaderTerms).size, leaderTerms.length, `two leaders of one term: ${leaderTerms}`);
  sim.delete();
});

test('a violation comes with a sentence built from its operations', () => {
  const ms = 1e6;
  const lines = [
    { process: 0, type: 'invoke', f: 'write', key: 'k1', value: 3, time: 0 },
    { process: 0, type: 'ok', f: 'write', key: 'k1', value: 3, time: 10 * ms },
    { process: 1, type: 'invoke', f: 'write', key: 'k1', value: 4, time: 390 * ms },
    { process: 1, type: 'ok', f: 'write', key: 'k1', value: 4, time: 398 * ms },
    { process: 2, type: 'invoke', f: 'read', key: 'k1', value: null, time: 405 * ms },
    { process: 2, type: 'ok', f: 'read', key: 'k1', value: 3, time: 412 * ms },
  ];
  const r = JSON.parse(kv.checkHistory(lines.map((l) => JSON.stringify(l)).join('\n')));
  assert.equal(r.verdict, 'not linearizable');
  assert.equal(r.sentence,
    'read k1 → 3 finished at 412 ms, but write k1 ← 4 was acknowledged at 398 ms, before the read began, and nothing wrote 3 after it');
  assert.equal(JSON.parse(kv.checkHistory(lines.slice(0, 4).map((l) => JSON.stringify(l)).join('\n'))).sentence, undefined);
});

test('trap() makes the node\'s wasm trap (the page\'s "trap" fault)', async () => {
  // A module of its own: a trapped instance is not used again.
  const doomed = await loadKv();
  const node = new doomed.KvNode('raft', '{}', 1);
  assert.throws(() => node.trap(), (e) => e instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message));
});

// Scripted faults, message ids, stepUntil and the event hash (A2).
const scripted = {
  protocol: 'raft', nodes: 5, seed: 11, ops: 400, nemesis: 'none',
  faults: [
    { at: 400, do: 'crash', node: 'n1' },
    { at: 700, do: 'isolate', node: 'leader' },
    { at: 900, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 1300, do: 'pause', node: 'n4' },
    { at: 1500, do: 'set', drop: 0.1, duplicate: 0.2, delayMs: 20 },
    { at: 1700, do: 'resume', node: 'n4' },
    { at: 2000, do: 'heal' },
    { at: 2000, do: 'restart', node: 'n1' },
  ],
};

test('kv.js and the native kvsim give the same event hash for the same options and fault script', async (t) => {
  const native = nativeKvsim(t);
  if (!native) return;
  const faults = scratchFile('faults.json');
  writeFileSync(faults, JSON.stringify(scripted.faults));
  const out = execFileSync(native, ['--protocol', 'raft', '--nodes', '5', '--seed', '11', '--ops', '400', '--faults', faults], {
    encoding: 'utf8',
  });
  const nativeHash = /event hash: ([0-9a-f]{16}) \((\d+) events\)/.exec(out);
  assert.ok(nativeHash, out);
  const sim = new kv.KvSimulator(JSON.stringify(scripted));
  assert.equal(sim.error(), '');
  sim.run();
  const stats = JSON.parse(sim.stats());
  assert.equal(stats.event_hash, nativeHash[1]);
  assert.equal(stats.events, Number(nativeHash[2]));
  sim.delete();
});

test('stepUntil returns the events up to that virtual time, and in pieces adds up to the whole run', () => {
  const whole = new kv.KvSimulator(JSON.stringify(scripted));
  whole.run();
  const expected = JSON.parse(whole.stats());
  assert.match(expected.event_hash, /^[0-9a-f]{16}$/);
  const sim = new kv.KvSimulator(JSON.stringify(scripted));
  let limit = 0;
  let count = 0;
  while (!sim.done()) {
    const from = limit;
    limit += 250e6;
    for (const e of JSON.parse(sim.stepUntil(limit))) {
      assert.ok(e.time > from && e.time <= limit, `${e.event} at ${e.time} outside (${from}, ${limit}]`);
      count++;
    }
    assert.ok(limit < 3600e9, 'the run ends');
  }
  assert.equal(count, expected.events);
  assert.equal(JSON.parse(sim.stats()).event_hash, expected.event_hash);
  assert.equal(sim.history(), whole.history());
  assert.equal(sim.stepUntil(Infinity), '[]', 'nothing after the end');
  assert.equal(new kv.KvSimulator(JSON.stringify(scripted)).stepUntil(-1), '[]');
  whole.delete();
  sim.delete();
});

test('messages carry ids from send to deliver or drop, and fault events carry their step', () => {
  const sim = new kv.KvSimulator(JSON.stringify(scripted));
  const sends = new Map();
  const steps = [];
  let delivered = 0;
  while (!sim.done()) {
    for (const e of JSON.parse(sim.stepUntil(sim.now() + 100e6))) {
      if (e.event === 'send') {
        assert.ok(!sends.has(e.id), `id ${e.id} sent twice`);
        assert.ok(e.arrive === null || e.arrive > e.time);
        sends.set(e.id, e);
      } else if (e.event === 'deliver' || e.event === 'drop') {
        const sent = sends.get(e.id);
        assert.ok(sent, `${e.event} of id ${e.id} that was never sent`);
        assert.equal(e.sent, sent.time);
        assert.deepEqual(e.message, sent.message);
        delivered += e.event === 'deliver';
      }
      if (e.step) steps.push(e);
    }
  }
  assert.ok(delivered > 1000);
  assert.equal(steps.length, scripted.faults.length, 'one event per step');
  for (const [i, e] of steps.entries()) assert.deepEqual(e.step, scripted.faults[i], `step ${i}`);
  assert.deepEqual(steps.map((e) => e.event), ['crash', 'fault', 'fault', 'pause', 'fault', 'resume', 'heal', 'restart']);
  assert.match(steps[1].text, /^isolate n[2-5]: cut from every other node$/, 'the leader, resolved when the step ran');
  sim.delete();
});

test('a bad fault script is reported by error(), naming the step', () => {
  const cases = [
    [[{ at: 1, do: 'explode' }], /faults\[0\]: unknown 'do': 'explode'/],
    [[{ at: 1, do: 'heal' }, { at: 1, do: 'crash', node: 'n6' }], /faults\[1\]: unknown node 'n6'/],
    [[{ at: 4e6, do: 'heal' }], /'at' must be a time in ms from 0 to 3600000/],
    [[{ at: 1, do: 'set', drop: 2 }], /'drop' must be a rate from 0 to 1/],
    [[{ at: 1, do: 'set', delayMs: 5000 }], /'delayMs' must be from 0 to 1000/],
    [[{ at: 1, do: 'partition', groups: [['n1', 'n2'], ['n2']] }], /groups overlap: n2/],
    [{ at: 1, do: 'heal' }, /faults must be a list of steps/],
  ];
  for (const [faults, expected] of cases) {
    const sim = new kv.KvSimulator(JSON.stringify({ protocol: 'raft', nodes: 5, faults }));
    assert.match(sim.error(), expected, JSON.stringify(faults));
    assert.equal(sim.done(), true);
    sim.delete();
  }
});

test('handleAll takes a batch: the same replies as one handle() per message, and the unreadable ones by index', () => {
  const init = (node) => node.handle(msg('c1', 'n1', { type: 'init', msg_id: 1, node_id: 'n1', node_ids: ['n1'] }), 0);
  const batch = [
    { src: 'c1', dest: 'n1', body: { type: 'write', msg_id: 2, key: 'k0', value: 7 } },
    { src: 'c1', dest: 'n1', body: { type: 'frobnicate', msg_id: 3 } },
    'not a message',
    { src: 'c1', dest: 'n1', body: { type: 'read', msg_id: 4, key: 'k0' } },
  ];
  const one = new kv.KvNode('single', '{}', 1);
  init(one);
  const separately = batch.flatMap((m) => JSON.parse(one.handle(JSON.stringify(m), 5)).messages);
  const all = new kv.KvNode('single', '{}', 1);
  init(all);
  const together = JSON.parse(all.handleAll(JSON.stringify(batch), 5));
  assert.deepEqual(together.messages, separately);
  assert.equal(together.messages.at(-1).body.value, 7);
  assert.deepEqual(together.error.messages.map((e) => e.index), [1, 2]);
  assert.equal(JSON.parse(all.handleAll('{}', 5)).error.code, 12, 'a batch is an array');
  one.delete();
  all.delete();
});
