// The cluster widget's replay engine (web/src/widgets/cluster/engines/replay/),
// the pure modules its worker runs, driven under node with kv.js: determinism,
// seeking, jumps, detached runs and the protocol comparison.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadKv } from './load-kv.mjs';
import { ReplaySession } from '../../web/src/widgets/cluster/engines/replay/session.js';
import { runDetached, compare, COMPARE_PROTOCOLS } from '../../web/src/widgets/cluster/engines/replay/detached.js';
import { openSimulator, capabilitiesOf } from '../../web/src/widgets/cluster/engines/replay/sim-options.js';
import { defaultSpec } from '../../web/src/widgets/cluster/model/run-spec.js';
import { PRESETS, expandPreset, bridgeShape } from '../../web/src/widgets/cluster/model/fault-script.js';

let kv;
let caps;
const sessions = [];

before(async () => {
  kv = await loadKv();
  const probe = openSimulator(kv, defaultSpec('raft'));
  caps = capabilitiesOf(probe);
  probe.delete();
});
after(() => sessions.forEach((s) => s.close()));

const open = (spec) => {
  const session = new ReplaySession(kv, spec);
  sessions.push(session);
  return session;
};
const allEvents = (spec) => {
  const session = open(spec);
  const events = [];
  for (let r = session.stepForward(); r.events.length; r = session.stepForward()) events.push(r.events[0]);
  return events;
};
const noFaultScript = 'kv.js in build/public predates the simulator\'s fault script (no event_hash in stats); merge main and copy its kv.*';

test('the same spec twice gives the same events, and another seed other events', () => {
  const spec = { ...defaultSpec('primary-backup'), ops: 120, seed: 7 };
  const first = allEvents(spec);
  assert.ok(first.length > 200, `${first.length} events`);
  assert.deepEqual(allEvents(spec), first);
  assert.notDeepEqual(allEvents({ ...spec, seed: 8 }), first);
});

test('the same spec twice gives the same event hash, another seed another hash', (t) => {
  if (!caps.eventHash) return t.skip(noFaultScript);
  const spec = { ...defaultSpec('raft'), ops: 300, seed: 11, faults: [{ at: 200, do: 'isolate', node: 'leader' }, { at: 900, do: 'heal' }] };
  const a = runDetached(kv, spec);
  assert.match(a.event_hash, /^[0-9a-f]{16}$/);
  assert.equal(runDetached(kv, spec).event_hash, a.event_hash);
  assert.notEqual(runDetached(kv, { ...spec, seed: 12 }).event_hash, a.event_hash);
});

test('advance hands over exactly the events up to each time, in order, as stepping does', () => {
  const spec = { ...defaultSpec('raft'), ops: 60, seed: 3 };
  const stepped = allEvents(spec);
  const session = open(spec);
  const advanced = [];
  for (let until = 5e6; ; until += 5e6) {
    const result = session.advance({ untilNs: until });
    const simEvents = result.events.filter((e) => e.event !== 'state');
    assert.ok(simEvents.every((e) => e.time <= until), `events after ${until}`);
    assert.ok(simEvents.every((e) => advanced.length === 0 || e.time >= advanced[advanced.length - 1].time));
    advanced.push(...simEvents);
    if (caps.nodeStates) assert.equal(result.events.filter((e) => e.event === 'state').length, spec.nodes);
    if (result.done) break;
  }
  assert.deepEqual(advanced, stepped);
});

test('seeking back rebuilds the run: stepping on from there reproduces the same events', () => {
  const spec = { ...defaultSpec('quorum'), ops: 100, seed: 5 };
  const session = open(spec);
  const recorded = [];
  for (let i = 0; i < 400; i += 1) recorded.push(session.stepForward().events[0]);
  const snapshot = session.seek({ eventIndex: 150 });
  assert.equal(snapshot.eventIndex, 150);
  const simEvents = snapshot.events.filter((e) => e.event !== 'state');
  assert.deepEqual(simEvents.at(-1), recorded[149]);
  assert.equal(snapshot.events.length - simEvents.length, caps.nodeStates ? spec.nodes : 0);
  assert.ok(snapshot.events.every((e) => e.time >= snapshot.time - 3e9));
  const again = [];
  for (let i = 150; i < 400; i += 1) again.push(session.stepForward().events[0]);
  assert.deepEqual(again, recorded.slice(150));
  // Forward seeks run silently to the same place.
  const lastEvent = (snapshot) => snapshot.events.filter((e) => e.event !== 'state').at(-1);
  assert.deepEqual(lastEvent(session.seek({ eventIndex: 420 })), lastEvent(open(spec).seek({ eventIndex: 420 })));
});

test('a step back late in a run skips silently to near it and lands on the same event, with the same last seconds', (t) => {
  const spec = { ...defaultSpec('raft'), ops: 1500, seed: 9 };
  const openShort = () => {
    const session = new ReplaySession(kv, spec, { recentNs: 0.5e9 }); // a short window keeps the test quick
    sessions.push(session);
    return session;
  };
  const session = openShort();
  if (!session.caps.skipUntil) return t.skip('this kv.js has no skipUntil (rebuild kv.js)');
  session.advance({ untilNs: 2e9 });
  const at = session.eventIndex;
  assert.ok(session.time > session.recentNs + 1e9, 'far enough in for the silent skip to be used');
  const back = session.seek({ eventIndex: at - 1 });
  const fresh = openShort().seek({ eventIndex: at - 1 }); // from the start, forward: every event taken
  assert.equal(back.eventIndex, at - 1);
  const events = (snapshot) => snapshot.events.filter((e) => e.event !== 'state');
  assert.deepEqual(events(back).at(-1), events(fresh).at(-1));
  const from = back.time - 0.4e9; // both hold the last 0.4 s at least, identically
  assert.deepEqual(events(back).filter((e) => e.time >= from), events(fresh).filter((e) => e.time >= from));
});

test('jumping to a violation lands where the window\'s last answer arrived', () => {
  // Asynchronous primary-backup with its primary isolated for two seconds:
  // two primaries answer at once (lesson 5's preset).
  const faults = [{ at: 1000, do: 'isolate', node: 'leader' }, { at: 3000, do: 'heal' }];
  const session = open({ ...defaultSpec('primary-backup'), ops: 1200, seed: 8, faults });
  const jump = session.jumpTo('violation');
  assert.equal(jump.found, true);
  assert.equal(jump.verdict.verdict, 'not linearizable');
  assert.ok(jump.verdict.window.length >= 2);
  assert.ok(jump.verdict.sentence.length > 20);
  const start = Math.min(...jump.verdict.window.map((op) => op.invoke));
  assert.equal(jump.windowStartNs, start);
  const last = Math.max(...jump.verdict.window.filter((op) => op.outcome !== 'info').map((op) => op.complete));
  assert.equal(jump.violationNs, last);
  assert.equal(jump.time, last);
  // The window's last definite operation completed exactly at the place we landed.
  assert.ok(jump.events.some((e) => e.event === 'complete' && e.time === last));
  const raft = open({ ...defaultSpec('raft'), ops: 100 }).jumpTo('violation');
  assert.equal(raft.found, false);
  assert.equal(raft.verdict.verdict, 'linearizable');
});

test('async primary-backup under a partition script is not linearizable, with a window', (t) => {
  if (!caps.faults) return t.skip(noFaultScript);
  // The primary n1 is cut off while it keeps acknowledging writes it cannot
  // pass on; the backups elect a new primary. Whether a client then reads a
  // stale value depends on the workload, so a fixed list of seeds is tried
  // (each run is deterministic, so the first violating seed never changes;
  // when this was written every one of them violated, and none with no faults).
  const script = [{ at: 300, do: 'isolate', node: 'n1' }, { at: 2500, do: 'heal' }];
  const base = { ...defaultSpec('primary-backup'), ops: 600, faults: script };
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const found = seeds.map((seed) => ({ seed, result: runDetached(kv, { ...base, seed }) })).find(({ result }) => result.verdict.verdict !== 'linearizable');
  assert.ok(found, `no seed of ${seeds.join(', ')} showed the stale primary`);
  const { verdict } = found.result;
  assert.equal(verdict.verdict, 'not linearizable', `seed ${found.seed}`);
  assert.ok(verdict.window.length >= 2);
  assert.ok(verdict.sentence.length > 20);
  // The same run replayed with faults off is linearizable: the script made the difference.
  assert.equal(runDetached(kv, { ...base, seed: found.seed, faults: [] }).verdict.verdict, 'linearizable');
});

test('jumping to the next fault stops just after a fault event', (t) => {
  if (!caps.faults) return t.skip(noFaultScript);
  const session = open({ ...defaultSpec('raft'), ops: 200, faults: [{ at: 250, do: 'partition', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] }, { at: 700, do: 'heal' }] });
  const first = session.jumpTo('fault');
  assert.equal(first.found, true);
  const last = (snapshot) => snapshot.events.filter((e) => e.event !== 'state').at(-1);
  assert.equal(last(first).event, 'fault');
  assert.equal(first.time, 250e6);
  const second = session.jumpTo('fault');
  assert.equal(last(second).event, 'heal');
  assert.equal(second.time, 700e6);
});

test('a detached run reports its figures and verdict', () => {
  const spec = { ...defaultSpec('raft'), ops: 500, seed: 2 };
  const progress = [];
  const result = runDetached(kv, spec, { onProgress: (p) => progress.push(p.phase) });
  assert.deepEqual(progress, ['simulating', 'checking']);
  assert.equal(result.stats.invoked, 500);
  assert.equal(result.stats.ok + result.stats.fail + result.stats.info, 500);
  assert.equal(result.verdict.verdict, 'linearizable');
  assert.ok(result.messagesPerSecond > 0);
});

test('compare gives a row per protocol on the same seed, as each finishes', () => {
  const spec = { ...defaultSpec('primary-backup'), ops: 150, seed: 4 };
  const seen = [];
  const rows = compare(kv, spec, COMPARE_PROTOCOLS, { onRow: (row, p) => seen.push([row.protocol, p.index]) });
  assert.deepEqual(rows.map((r) => r.protocol), COMPARE_PROTOCOLS);
  assert.deepEqual(seen, COMPARE_PROTOCOLS.map((p, i) => [p, i]));
  for (const row of rows) {
    assert.equal(row.ok + row.failed + row.indefinite, 150, row.protocol);
    assert.ok(row.messagesPerOp > 0, row.protocol);
    if (row.ok > 0) assert.ok(row.medianMs > 0 && row.medianMs <= row.p99Ms, row.protocol);
    assert.ok(['linearizable', 'not linearizable', 'unknown'].includes(row.verdict), row.protocol);
  }
  assert.equal(rows.find((r) => r.protocol === 'quorum').label, 'quorum N=3 R=2 W=2');
  assert.equal(rows.find((r) => r.protocol === 'raft').verdict, 'linearizable');
  // Raft pays for its log with more messages per operation than a single node.
  assert.ok(rows.find((r) => r.protocol === 'raft').messagesPerOp > rows.find((r) => r.protocol === 'single').messagesPerOp);
});

test('the simulator accepts every preset\'s steps for 3 to 7 nodes', (t) => {
  if (!caps.faults) return t.skip(noFaultScript);
  for (let nodes = 3; nodes <= 7; nodes += 1) {
    for (const { id } of PRESETS) {
      const faults = expandPreset(id, { nodes, at: 100, node: 'n2' });
      const sim = openSimulator(kv, { ...defaultSpec('raft'), nodes, ops: 10, faults }); // throws if refused
      sim.delete();
    }
  }
});

test('the bridge preset in the simulator: no message crosses between the halves, the bridge talks to both', (t) => {
  if (!caps.faults) return t.skip(noFaultScript);
  const at = 200;
  const spec = { ...defaultSpec('raft'), nodes: 5, ops: 300, seed: 3, faults: expandPreset('bridge', { nodes: 5, at }) };
  const { left, bridge, right } = bridgeShape(5);
  const side = (id) => (left.includes(id) ? 'left' : right.includes(id) ? 'right' : id === bridge ? 'bridge' : 'client');
  const crossings = new Map();
  for (const e of allEvents(spec)) {
    if (e.event !== 'deliver' || e.sent < at * 1e6) continue;
    const key = `${side(e.message.src)}>${side(e.message.dest)}`;
    crossings.set(key, (crossings.get(key) ?? 0) + 1);
  }
  assert.equal(crossings.get('left>right') ?? 0, 0);
  assert.equal(crossings.get('right>left') ?? 0, 0);
  for (const key of ['bridge>left', 'left>bridge', 'bridge>right', 'right>bridge']) assert.ok(crossings.get(key) > 0, key);
});
