// Whole runs without stepping: one spec to the end (figures, event hash,
// verdict), and the same spec under every protocol side by side.
import { openSimulator, capabilitiesOf } from './sim-options.js';
import { checkSimulator } from './verdict.js';
import { latencySummary } from './history-stats.js';
import { defaultSpec } from '../../model/run-spec.js';

export const COMPARE_PROTOCOLS = ['single', 'primary-backup', 'primary-backup-sync', 'quorum', 'raft'];

/** Runs `sim` to the end, timed; the caller still owns it. */
function runTimed(sim, now) {
  const start = now();
  const stats = JSON.parse(sim.run());
  return { stats, wallMs: now() - start };
}

/**
 * Runs `spec` to the end with no events reported:
 * {stats, event_hash (null if the build has none), verdict, messagesPerSecond, wallMs, warnings}.
 * onProgress({phase}) is told when the simulation and the check start.
 */
export function runDetached(kv, spec, { onProgress = () => {}, now = () => performance.now() } = {}) {
  const sim = openSimulator(kv, spec);
  try {
    const caps = capabilitiesOf(sim);
    onProgress({ phase: 'simulating', ops: spec.ops });
    const { stats, wallMs } = runTimed(sim, now);
    onProgress({ phase: 'checking', ops: stats.invoked });
    const verdict = checkSimulator(sim, now);
    return {
      stats,
      event_hash: stats.event_hash ?? null,
      verdict,
      wallMs,
      // Delivered messages per second of wall time (the simulator's own speed).
      messagesPerSecond: wallMs > 0 ? (stats.delivered / wallMs) * 1000 : null,
      warnings: spec.faults?.length && !caps.faults ? ['this build of the simulator ignores fault scripts'] : [],
    };
  } finally {
    sim.delete();
  }
}

// One node has no links to cut: the same faults on a single node are those
// that touch n1 (or the leader, which it is) and the network's rates.
const concernsFirstNode = (step) =>
  ['set', 'heal'].includes(step.do) || (step.node !== undefined && ['n1', 'leader'].includes(step.node) && step.do !== 'isolate');

/** `spec` for another protocol (a single node gets one node and the faults that concern it): quorum keeps the spec's N, R, W or takes its defaults (within the nodes). */
export function specFor(spec, protocol) {
  const { replicas, r, w, ...rest } = spec;
  const out = { ...rest, protocol };
  if (protocol === 'single') return { ...out, nodes: 1, faults: (spec.faults ?? []).filter(concernsFirstNode) };
  if (protocol !== 'quorum') return out;
  const defaults = defaultSpec('quorum');
  const n = Math.min(replicas ?? defaults.replicas, spec.nodes);
  return { ...out, replicas: n, r: Math.min(r ?? defaults.r, n), w: Math.min(w ?? defaults.w, n) };
}

/** One protocol's row: outcomes, latency, messages per operation, verdict. */
export function compareRow(kv, spec, protocol, options = {}) {
  const rowSpec = specFor(spec, protocol);
  const sim = openSimulator(kv, rowSpec);
  try {
    const { stats } = runTimed(sim, options.now ?? (() => performance.now()));
    const latency = latencySummary(sim.history());
    const verdict = checkSimulator(sim, options.now);
    return {
      protocol,
      label: protocol === 'quorum' ? `quorum N=${rowSpec.replicas} R=${rowSpec.r} W=${rowSpec.w}` : protocol,
      ok: stats.ok,
      failed: stats.fail,
      indefinite: stats.info,
      medianMs: latency.medianMs,
      p99Ms: latency.p99Ms,
      messagesPerOp: stats.invoked > 0 ? stats.delivered / stats.invoked : null,
      verdict: verdict.verdict,
      sentence: verdict.sentence ?? null,
      event_hash: stats.event_hash ?? null,
    };
  } finally {
    sim.delete();
  }
}

/** A row per protocol on the same seed and fault script, each handed to onRow as it finishes. */
export function compare(kv, spec, protocols = COMPARE_PROTOCOLS, { onRow = () => {}, ...options } = {}) {
  return protocols.map((protocol, index) => {
    const row = compareRow(kv, spec, protocol, options);
    onRow(row, { index, total: protocols.length });
    return row;
  });
}
