// The key-value engine's WebAssembly module (cpp/bindings/kv_bindings.cpp):
// a node driven message by message, a simulation stepped event by event,
// and the linearizability checker, as the cluster view will use them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');
let kv;

before(async () => {
  const js = join(wasmDir, 'kv.js');
  assert.ok(existsSync(js), `build the kv module first (no ${js})`);
  delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
  const createKv = createRequire(import.meta.url)(js);
  kv = await createKv({ wasmBinary: readFileSync(join(wasmDir, 'kv.wasm')) });
});

const msg = (src, dest, body) => JSON.stringify({ src, dest, body });

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
  const native = join(process.env.CDD_NATIVE_DIR || join(root, 'build', 'native'), 'programs', 'kvsim');
  if (!existsSync(native)) {
    t.skip(`no native kvsim at ${native}`);
    return;
  }
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = join(mkdtempSync(join(tmpdir(), 'kv-')), 'history.jsonl');
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
