// The echo and broadcast workloads of a learner's nodes (engines/live/
// own-workloads.js), alone and through the router core with fake nodes in
// JavaScript, in virtual time: requests, replies, verdicts and their stats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouterCore } from '../../web/src/widgets/cluster/engines/live/router-core.js';
import { createOwnWorkload, gridTopology, SETTLE_NS, TOPOLOGY_WAIT_NS } from '../../web/src/widgets/cluster/engines/live/own-workloads.js';
import { createRng } from '../../web/src/widgets/cluster/engines/live/rng.js';

const MS = 1e6;
const spec = (workload, more = {}) => ({ protocol: 'own', workload, nodes: 3, seed: 3, rate: 100, clients: 2, keys: 1,
  latency: 'constant:2ms', clientTimeoutMs: 1000, faults: [], ...more });

// Fake nodes: echo (optionally wrong for one node) and a broadcast node that gossips every value to its neighbours.
function fakeNode(id, { wrongEcho = false, gossip = true } = {}) {
  const seen = new Set();
  let neighbours = [];
  const reply = (m, body) => ({ src: id, dest: m.src, body: { ...body, in_reply_to: m.body.msg_id } });
  return (m) => {
    const { type } = m.body;
    if (type === 'init') return [reply(m, { type: 'init_ok' })];
    if (type === 'echo') return [reply(m, { type: 'echo_ok', echo: wrongEcho ? `${m.body.echo}!` : m.body.echo })];
    if (type === 'topology') {
      neighbours = m.body.topology[id];
      return [reply(m, { type: 'topology_ok' })];
    }
    if (type === 'read') return [reply(m, { type: 'read_ok', messages: [...seen] })];
    if (type === 'broadcast' || type === 'gossip') {
      const out = type === 'broadcast' ? [reply(m, { type: 'broadcast_ok' })] : [];
      if (!seen.has(m.body.message)) {
        seen.add(m.body.message);
        if (gossip) for (const n of neighbours) out.push({ src: id, dest: n, body: { type: 'gossip', message: m.body.message } });
      }
      return out;
    }
    return [];
  };
}

function runCluster(core, nodes, untilNs) {
  const events = [];
  const verdicts = [];
  core.start(0);
  for (let t = 0; t <= untilNs; t += MS) {
    core.pump(t);
    const taken = core.take(t);
    events.push(...taken.events);
    if (taken.verdict) verdicts.push(taken.verdict);
    for (const [node, items] of taken.toNodes) {
      const out = items.flatMap((item) => nodes[node](item.cmd ? item.message : item)).filter(Boolean);
      if (out.length) core.fromNode(node, { out }, t);
    }
  }
  return { events, verdicts };
}

test('echo: every reply matches: valid, with latency stats; one wrong node: invalid, named', () => {
  const good = { n1: fakeNode('n1'), n2: fakeNode('n2'), n3: fakeNode('n3') };
  const { events, verdicts } = runCluster(createRouterCore(spec('echo')), good, 2000 * MS);
  const completes = events.filter((e) => e.event === 'complete');
  assert.ok(completes.length > 100, `${completes.length} echoes completed`);
  assert.ok(completes.every((e) => e.op.f === 'echo' && e.op.type === 'ok'));
  const last = verdicts.at(-1);
  assert.equal(last.verdict, 'valid');
  assert.equal(last.workload, 'echo');
  assert.equal(last.stats.mismatched, 0);
  assert.equal(last.stats.medianMs, 4, 'request and reply: 2 ms each');
  assert.equal(last.stats.maxMs, 4);

  const bad = { ...good, n2: fakeNode('n2', { wrongEcho: true }) };
  const judged = runCluster(createRouterCore(spec('echo')), bad, 2000 * MS).verdicts.at(-1);
  assert.equal(judged.verdict, 'invalid');
  assert.match(judged.sentence, /^n2 answered echo "hello [0-9a-z]+" with "hello [0-9a-z]+!"/);
});

test('broadcast: topology after init_ok, unique values, reads; gossip is valid with messages per op, no gossip is invalid', () => {
  const nodes = { n1: fakeNode('n1'), n2: fakeNode('n2'), n3: fakeNode('n3') };
  const core = createRouterCore(spec('broadcast'));
  const { events, verdicts } = runCluster(core, nodes, 5000 * MS);
  assert.ok(core.nextWake() > 5000 * MS, 'the router is not woken for nothing (no wake-up time in the past)');
  const sends = events.filter((e) => e.event === 'send').map((e) => e.message);
  const topology = sends.filter((m) => m.body.type === 'topology');
  assert.deepEqual(topology.map((m) => m.dest).sort(), ['n1', 'n2', 'n3']);
  assert.deepEqual(topology[0].body.topology, gridTopology(['n1', 'n2', 'n3']));
  const values = sends.filter((m) => m.body.type === 'broadcast').map((m) => m.body.message);
  assert.equal(new Set(values).size, values.length, 'every broadcast value is unique');
  const reads = events.filter((e) => e.event === 'complete' && e.op.f === 'read');
  assert.ok(reads.length >= 9, `${reads.length} reads (one per node per second)`);
  const last = verdicts.at(-1);
  assert.equal(last.verdict, 'valid', last.sentence);
  assert.ok(last.stats.messagesPerOp > 0, 'gossip messages counted per broadcast');
  assert.ok(last.stats.medianMs === 4 && last.stats.maxMs === 4);

  const silent = { n1: fakeNode('n1', { gossip: false }), n2: fakeNode('n2', { gossip: false }), n3: fakeNode('n3', { gossip: false }) };
  const judged = runCluster(createRouterCore(spec('broadcast')), silent, 5000 * MS).verdicts.at(-1);
  assert.equal(judged.verdict, 'invalid');
  assert.match(judged.sentence, /^n\d does not have \d+: acknowledged at .* missing from n\d's read at/);
  assert.equal(judged.stats.messagesPerOp, 0);
});

test('broadcast: a value acknowledged less than the settle time before a read is not required in it', () => {
  const w = createOwnWorkload('broadcast', { nodeIds: ['n1'], clients: 1, rate: 1, timeoutNs: 10000 * MS, rng: createRng(1) });
  w.receive({ src: 'n1', dest: 'c0', body: { type: 'init_ok', in_reply_to: 0 } }, 0);
  const [topology] = w.invokeDue(0);
  assert.equal(topology.op, null);
  assert.deepEqual(topology.message.body.topology, { n1: [] });
  assert.deepEqual(w.invokeDue(999 * MS), [], 'no broadcast before the topology is acknowledged');
  w.receive({ src: 'n1', dest: 'c0', body: { type: 'topology_ok', in_reply_to: topology.message.body.msg_id } }, 999 * MS);
  const first = w.invokeDue(1000 * MS);
  const b = first.find((x) => x.op?.f === 'broadcast').message;
  const firstRead = first.find((x) => x.op?.f === 'read').message; // a read round is due every second
  w.receive({ src: 'n1', dest: firstRead.src, body: { type: 'read_ok', messages: [], in_reply_to: firstRead.body.msg_id } }, 1000 * MS);
  w.receive({ src: 'n1', dest: b.src, body: { type: 'broadcast_ok', in_reply_to: b.body.msg_id } }, 1001 * MS);
  assert.equal(w.verdict().verdict, 'pending');
  const readAt = 1001 * MS + SETTLE_NS - MS; // just under the settle time
  const read = w.invokeDue(readAt).find((x) => x.op?.f === 'read').message;
  w.receive({ src: 'n1', dest: read.src, body: { type: 'read_ok', messages: [], in_reply_to: read.body.msg_id } }, readAt + MS);
  assert.equal(w.verdict().verdict, 'pending');
  const later = w.invokeDue(readAt + 1000 * MS).find((x) => x.op?.f === 'read').message;
  w.receive({ src: 'n1', dest: later.src, body: { type: 'read_ok', messages: [], in_reply_to: later.body.msg_id } }, readAt + 1001 * MS);
  assert.equal(w.verdict().verdict, 'invalid');
  const last = w.invokeDue(readAt + 2000 * MS).find((x) => x.op?.f === 'read').message;
  w.receive({ src: 'n1', dest: last.src, body: { type: 'read_ok', messages: [b.body.message], in_reply_to: last.body.msg_id } }, readAt + 2001 * MS);
  assert.equal(w.verdict().verdict, 'valid', 'the latest read counts: a value that arrived late clears the verdict');
});

test('broadcast: values wait for every node\'s topology_ok, or start after a limit when a node stays silent', () => {
  const w = createOwnWorkload('broadcast', { nodeIds: ['n1', 'n2'], clients: 1, rate: 10, timeoutNs: 10000 * MS, rng: createRng(1) });
  w.receive({ src: 'n1', dest: 'c0', body: { type: 'init_ok', in_reply_to: 0 } }, 0);
  const [topology] = w.invokeDue(0);
  w.receive({ src: 'n1', dest: 'c0', body: { type: 'topology_ok', in_reply_to: topology.message.body.msg_id } }, MS);
  assert.equal(w.invokeDue(500 * MS).length, 0, 'n2 has not answered');
  assert.equal(w.nextWake(), Math.min(TOPOLOGY_WAIT_NS, 1000 * MS), 'wakes for the reads or the limit, not before');
  assert.ok(w.invokeDue(TOPOLOGY_WAIT_NS).some((x) => x.op?.f === 'broadcast'), 'after the limit values flow');
});

test('log and problem batches from a node become events of the stream', () => {
  const core = createRouterCore(spec('echo', { rate: 1 }));
  core.fromNode('n2', { out: [], log: [{ stream: 'out', text: 'oops', rejected: 'not JSON: x' }], problem: [{ kind: 'hung', text: 'n2 ...' }], trap: 'hung: n2 ...' }, 7 * MS);
  const events = core.take(7 * MS).events;
  assert.deepEqual(events.slice(0, 2), [
    { event: 'log', time: 7 * MS, node: 'n2', stream: 'out', text: 'oops', rejected: 'not JSON: x' },
    { event: 'problem', time: 7 * MS, node: 'n2', kind: 'hung', text: 'n2 ...' }]);
  assert.deepEqual(events.filter((e) => e.event === 'trap').map((e) => e.node), ['n2']);
});
