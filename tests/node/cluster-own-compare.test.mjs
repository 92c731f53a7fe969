// Compare for your own node: its live run as a row in the compare table's
// columns, and the spec the built-in protocols are simulated with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinSpecFor, canCompare, ownRow } from '../../web/src/widgets/cluster/own-node/own-compare.js';
import { defaultSpec, validateSpec, withTemplate } from '../../web/src/widgets/cluster/model/run-spec.js';

const ms = 1e6;
const op = (outcome, invoke, latencyMs) => ({ outcome, invoke: invoke * ms, complete: outcome === 'info' ? Infinity : (invoke + latencyMs) * ms });

test('your run becomes a row: outcomes counted, latency of the ok operations, messages per operation', () => {
  const ops = [op('ok', 0, 2), op('ok', 10, 4), op('ok', 20, 6), op('fail', 30, 1), op('info', 40)];
  // Two seconds: 3 operations and 12 deliveries, then 1 and 8 (the info op completed nothing).
  const series = { okPerSecond: [3, 0], failedPerSecond: [0, 1], messagesPerOp: [4, 8] };
  const row = ownRow({ ops, series, verdict: { verdict: 'linearizable' } });
  assert.deepEqual(
    { ok: row.ok, failed: row.failed, indefinite: row.indefinite, medianMs: row.medianMs, p99Ms: row.p99Ms, verdict: row.verdict },
    { ok: 3, failed: 1, indefinite: 1, medianMs: 4, p99Ms: 6, verdict: 'linearizable' });
  assert.equal(row.messagesPerOp, 20 / 5);
  assert.match(row.label, /your node/);
});

test('a run with nothing acknowledged has no latency, and a violation keeps its sentence', () => {
  const row = ownRow({ ops: [op('fail', 0, 1)], series: { okPerSecond: [], failedPerSecond: [], messagesPerOp: [] },
    verdict: { verdict: 'not linearizable', sentence: 'read 3 after 4 was written' } });
  assert.equal(row.medianMs, null);
  assert.equal(row.sentence, 'read 3 after 4 was written');
});

test('the built-in protocols run on your settings with 3 to 7 nodes and your operation count, as a valid spec', () => {
  const own = { ...withTemplate(defaultSpec('own'), 'lin_kv'), seed: 9, faults: [{ at: 500, do: 'crash', node: 'n1' }] };
  const spec = builtinSpecFor(own, 240);
  assert.equal(spec.protocol, 'raft');
  assert.equal(spec.nodes, 3, 'one own node becomes the smallest cluster');
  assert.equal(spec.ops, 240);
  assert.equal(spec.seed, 9);
  assert.deepEqual(spec.faults, own.faults);
  assert.equal('workload' in spec || 'template' in spec, false);
  assert.deepEqual(validateSpec(spec), []);
  assert.equal(builtinSpecFor({ ...own, nodes: 7 }, 50000).ops, 20000);
});

test('only a lin-kv run of your node with operations can be compared', () => {
  const session = (spec, n) => ({ spec, record: { ops: Array.from({ length: n }, () => op('ok', 0, 1)) } });
  const linKv = withTemplate(defaultSpec('own'), 'lin_kv');
  assert.equal(canCompare(session(linKv, 3)), true);
  assert.equal(canCompare(session(linKv, 0)), false);
  assert.equal(canCompare(session(withTemplate(defaultSpec('own'), 'echo'), 3)), false);
  assert.equal(canCompare(session(defaultSpec('raft'), 3)), false);
  assert.equal(canCompare(null), false);
});
