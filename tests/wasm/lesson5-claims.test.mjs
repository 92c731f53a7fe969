// Lesson 5 tells the truth: every outcome its text states for a cluster's
// defaults holds for that replay (the seeded simulator is deterministic, so a
// learner pressing Run sees exactly this run), and each exercise is neither
// solved by its defaults nor unsolvable. The specs are read from lesson.md
// itself, so text and test cannot drift apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKv } from './load-kv.mjs';
import { ReplaySession } from '../../web/src/widgets/cluster/engines/replay/session.js';
import { compare } from '../../web/src/widgets/cluster/engines/replay/detached.js';
import { defaultSpec, validateSpec } from '../../web/src/widgets/cluster/model/run-spec.js';
import { expandPreset } from '../../web/src/widgets/cluster/model/fault-script.js';
import { createRunRecord } from '../../web/src/widgets/cluster/run-record.js';
import { judgeExercise, findStaleRead, servingSides } from '../../web/src/widgets/cluster/exercise-checks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lesson = readFileSync(join(root, 'lessons', '05-distributed-systems', 'lesson.md'), 'utf8');
const clusters = [...lesson.matchAll(/```widget cluster\n([\s\S]*?)```/g)].map(([, body]) => JSON.parse(body));
// A cluster of the learner's own node runs live only, on code the learner writes: the text states
// no outcome of it for a replay to check (tests/e2e/own-node.test.mjs runs it in the page).
const ownClusters = clusters.filter((c) => c.spec.protocol === 'own');
const widgets = new Map(clusters.filter((c) => c.spec.protocol !== 'own').map((c) => [c.id, c]));
const MS = 1e6;
let kv;
const sessions = [];

before(async () => {
  kv = await loadKv();
});
after(() => sessions.forEach((s) => s.close?.()));

/** The spec a learner runs: the widget's settings over the protocol's defaults (as the widget does). */
const specOf = (id, change = {}) => ({ ...defaultSpec(widgets.get(id).spec.protocol), ...widgets.get(id).spec, ...change });

/** Plays `spec` to the end as the page does; the run record, verdict and node states at given times. */
function play(spec, { statesAt = [] } = {}) {
  assert.deepEqual(validateSpec(spec), [], JSON.stringify(spec));
  const session = new ReplaySession(kv, spec);
  sessions.push(session);
  const record = createRunRecord();
  const states = new Map();
  for (const at of [...statesAt, Infinity]) {
    const { events } = session.advance({ untilNs: at });
    record.apply(events);
    states.set(at, events.filter((e) => e.event === 'state').map((e) => e.state));
  }
  return { record, verdict: session.runVerdict(), states, spec };
}
const judge = (kind, run, choice) => judgeExercise(kind, { spec: run.spec, verdict: run.verdict, ops: run.record.ops, faults: run.spec.faults }, choice);
const infoBetween = (run, from, to) => run.record.ops.filter((o) => o.outcome === 'info' && o.invoke >= from * MS && o.invoke < to * MS).length;
const roles = (states, role) => states.filter((s) => s.role === role);

test('every cluster of the lesson has a valid spec and an id', () => {
  assert.ok(widgets.size >= 8);
  for (const [id, config] of widgets) assert.deepEqual(validateSpec(specOf(id)), [], id);
  assert.deepEqual(ownClusters.map((c) => c.id), ['own-node'], 'own-node clusters, skipped by the claims below');
  for (const c of ownClusters) assert.deepEqual(validateSpec({ ...defaultSpec('own'), ...c.spec }), [], c.id);
});

test('one node: linearizable, and operations sent while it is down end unknown', () => {
  const run = play(specOf('one-node'));
  assert.equal(run.verdict.verdict, 'linearizable');
  const whileDown = run.record.ops.filter((o) => o.invoke >= 1000 * MS && o.invoke < 2000 * MS);
  assert.ok(whileDown.length > 0, 'clients kept sending while the node was down');
  assert.ok(whileDown.every((o) => o.outcome === 'info'), 'and every one of those ended unknown');
});

test('primary-backup: two primaries during the partition, and the async run loses an acknowledged write', () => {
  const run = play(specOf('primary-backup'), { statesAt: [2000 * MS] });
  assert.equal(roles(run.states.get(2000 * MS), 'primary').length, 2, 'two primaries at 2 s');
  assert.equal(run.verdict.verdict, 'not linearizable');
  assert.equal(judge('lost-write', run).passed, true, 'the window holds an acknowledged write');
  const sync = play(specOf('primary-backup', { protocol: 'primary-backup-sync' }));
  assert.ok(infoBetween(sync, 1000, 3000) > infoBetween(run, 1000, 3000), 'the synchronous primary makes more clients time out');
});

test('the lost-write exercise: not solved by its defaults, solved by isolating the primary', () => {
  const plain = play(specOf('lose-a-write'));
  assert.equal(plain.verdict.verdict, 'linearizable');
  assert.equal(judge('lost-write', plain).passed, false);
  const nodes = specOf('lose-a-write').nodes;
  const faults = [...expandPreset('isolate-leader', { nodes, at: 1000 }), ...expandPreset('heal', { nodes, at: 3000 })];
  assert.equal(judge('lost-write', play(specOf('lose-a-write', { faults }))).passed, true);
});

test('quorums: R + W <= N gives a stale read; R = W = 2 still breaks, through cas', () => {
  const weak = play(specOf('quorum'));
  assert.equal(weak.verdict.verdict, 'not linearizable');
  assert.ok(findStaleRead(weak.record.ops), 'a read older than an acknowledged write');
  const strong = play(specOf('quorum', { r: 2, w: 2 }));
  assert.equal(strong.verdict.verdict, 'not linearizable');
  assert.ok(strong.verdict.window.some((op) => op.f === 'cas' && op.outcome === 'ok'), 'a successful cas in the window');
});

test('the stale-read exercise: not solved by its defaults, solved with R = W = 1 and a partition', () => {
  assert.equal(judge('stale-read', play(specOf('stale-read'))).passed, false);
  const faults = [{ at: 800, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }, { at: 2800, do: 'heal' }];
  assert.equal(judge('stale-read', play(specOf('stale-read', { r: 1, w: 1, faults }))).passed, true);
});

test('Raft: a new leader in a higher term while the old one is cut off, clients time out, the verdict holds', () => {
  const run = play(specOf('raft'), { statesAt: [900 * MS, 1500 * MS, 3900 * MS] });
  const [before] = roles(run.states.get(900 * MS), 'leader');
  const during = run.states.get(1500 * MS); // "within a few hundred milliseconds"
  const leaders = roles(during, 'leader');
  assert.equal(leaders.length, 2, 'the old leader keeps its role; the others elected one');
  const fresh = leaders.find((s) => s.id !== before.id);
  assert.ok(fresh.term > before.term, 'in a higher term');
  assert.ok(infoBetween(run, 1000, 3000) > 0, 'requests that reached the old leader time out');
  assert.equal(roles(run.states.get(3900 * MS), 'leader').length, 1, 'after the heal the old leader stepped down');
  assert.equal(run.verdict.verdict, 'linearizable');
});

test('the Raft exercise: not solved by its defaults, solved by a majority/minority split', () => {
  assert.equal(judge('raft-serves', play(specOf('raft-minority'))).passed, false);
  const nodes = specOf('raft-minority').nodes;
  const faults = [...expandPreset('majority-minority', { nodes, at: 1000 }), ...expandPreset('heal', { nodes, at: 3000 })];
  const run = play(specOf('raft-minority', { faults }));
  const verdict = judge('raft-serves', run);
  assert.equal(verdict.passed, true, verdict.message);
});

test('which side keeps serving: the three nodes n3, n4, n5, and only they', () => {
  const run = play(specOf('predict-side'));
  assert.deepEqual(servingSides({ ops: run.record.ops, faults: run.spec.faults }), [1]);
  const choices = widgets.get('predict-side').exercise.choices;
  assert.equal(judge('predict-side', run, choices.indexOf('the three nodes n3, n4, n5')).passed, true);
  assert.equal(judge('predict-side', run, choices.indexOf('both sides')).passed, false);
});

test('compare protocols: a row for each protocol on the same faults', () => {
  const rows = compare(kv, specOf('compare'));
  assert.deepEqual(rows.map((r) => r.protocol), ['single', 'primary-backup', 'primary-backup-sync', 'quorum', 'raft']);
  assert.equal(rows.find((r) => r.protocol === 'raft').verdict, 'linearizable');
  assert.equal(rows.find((r) => r.protocol === 'single').verdict, 'linearizable');
});
