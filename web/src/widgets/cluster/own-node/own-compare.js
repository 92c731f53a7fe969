// Compare for your own node: its live lin-kv run becomes one row of the
// compare table, beside the built-in protocols run in the simulator with the
// same settings (seed, faults, clients, rate) and as many operations as your
// run invoked. Your row is real time and theirs simulated, so the figures are
// alike in kind, not from one schedule: the caption says so.
import { quantile } from '../engines/replay/history-stats.js';
import { defaultSpec, withoutOwnFields } from '../model/run-spec.js';

const clamp = (n, low, high) => Math.min(high, Math.max(low, n));

/** Whether `session` is a run of your own node that the table can hold: lin-kv, with operations. */
export function canCompare(session) {
  return session?.spec?.protocol === 'own' && session.spec.workload === 'lin-kv' && session.record.ops.length > 0;
}

/**
 * The row of your node's run, in the compare table's columns.
 * @param {{ops: Array<{outcome, invoke, complete}>, series: object, verdict: object}} run
 *   ops: the run record's operations (ns); series: the model's per-second series; verdict: the checker's
 */
export function ownRow({ ops, series, verdict }) {
  const count = (outcome) => ops.filter((op) => op.outcome === outcome).length;
  const latencies = ops.filter((op) => op.outcome === 'ok').map((op) => (op.complete - op.invoke) / 1e6).sort((a, b) => a - b);
  // Messages delivered per operation, summed back from the per-second figures.
  let delivered = 0;
  series.messagesPerOp.forEach((perOp, i) => { delivered += (perOp ?? 0) * (series.okPerSecond[i] + series.failedPerSecond[i]); });
  return {
    protocol: 'own',
    label: 'your node (live)',
    ok: count('ok'),
    failed: count('fail'),
    indefinite: count('info'),
    medianMs: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    messagesPerOp: ops.length ? delivered / ops.length : null,
    verdict: verdict.verdict,
    sentence: verdict.sentence ?? null,
  };
}

/** The built-in protocols' spec for the comparison: your settings, 3..7 nodes, your run's operation count. */
export function builtinSpecFor(spec, operations) {
  return {
    ...defaultSpec('raft'),
    ...withoutOwnFields(spec),
    protocol: 'raft',
    nodes: clamp(spec.nodes, 3, 7),
    ops: clamp(operations, 1, 20000),
  };
}
