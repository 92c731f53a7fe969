// Judges lesson 5's exercises from a finished run, never from text: what the
// checker decided and what the history and the fault script show. Pure: the
// widget passes a run record, the tests pass hand-made ones.
//
// A run record: {spec, verdict, ops, faults}
//   ops:    [{f, key, value, outcome: 'ok'|'fail'|'info', invoke, complete, node}]
//           (times ns; node: who answered; value: written, [from, to] for cas, read's result)
//   faults: [{at, do, ...}]                                                  (the script the run executed)
// A result: {passed, message}.

const NS_PER_MS = 1e6;
const CUTS = new Set(['isolate', 'partition', 'block']);

const windowOps = (verdict) => verdict?.window ?? [];
const isAcknowledgedWrite = (op) => (op.f === 'write' || op.f === 'cas') && op.outcome === 'ok';

/** The intervals [from, to) in ms during which some link was cut by the script. */
export function cutIntervals(faults, endMs = Infinity) {
  const intervals = [];
  let open = null;
  for (const step of [...faults].sort((a, b) => a.at - b.at)) {
    if (CUTS.has(step.do) && open === null) open = step.at;
    if (step.do === 'heal' && open !== null) {
      intervals.push([open, step.at]);
      open = null;
    }
  }
  if (open !== null) intervals.push([open, endMs]);
  return intervals;
}

const during = (intervals, ns) => intervals.some(([from, to]) => ns >= from * NS_PER_MS && ns < to * NS_PER_MS);

function lostWrite({ verdict }) {
  if (verdict?.verdict !== 'not linearizable') {
    return { passed: false, message: `The verdict is "${verdict?.verdict ?? 'none'}": no acknowledged write was lost in this run.` };
  }
  if (!windowOps(verdict).some(isAcknowledgedWrite)) {
    return { passed: false, message: 'The store broke linearizability, but the highlighted window holds no acknowledged write: find a run where a write the store confirmed disappears.' };
  }
  return { passed: true, message: 'A write the store acknowledged was lost: the checker found no order that keeps it.' };
}

const written = (op) => (op.f === 'write' ? op.value : op.f === 'cas' ? op.value?.[1] : undefined);
const ms = (ns) => `${(ns / NS_PER_MS).toFixed(1)} ms`;

/**
 * A read that returned v although a write of another value was acknowledged
 * before the read began, and nothing that writes v could be ordered between
 * that write and the read's end: a stale read, whatever else the run did.
 * Only the newest such write before each read is tried (enough for a lesson's run).
 */
export function findStaleRead(ops) {
  const byKey = new Map();
  for (const op of ops) if (written(op) !== undefined && op.outcome !== 'fail') (byKey.get(op.key) ?? byKey.set(op.key, []).get(op.key)).push(op);
  for (const read of ops) {
    if (read.f !== 'read' || read.outcome !== 'ok') continue;
    const writes = byKey.get(read.key) ?? [];
    let newest = null;
    for (const w of writes) if (w.outcome === 'ok' && w.complete < read.invoke && (!newest || w.complete > newest.complete)) newest = w;
    if (!newest || written(newest) === read.value) continue;
    const rescued = writes.some((x) => written(x) === read.value && x.invoke < read.complete && x.complete > newest.invoke);
    if (!rescued) return { read, write: newest };
  }
  return null;
}

function staleRead({ spec, verdict, ops }) {
  if (verdict?.verdict !== 'not linearizable') {
    return { passed: false, message: `The verdict is "${verdict?.verdict ?? 'none'}": every read in this run returned a value some order allows.` };
  }
  const stale = findStaleRead(ops);
  if (!stale) return { passed: false, message: 'Linearizability broke, but no read returned a value older than a write acknowledged before it began (two cas winning at once is another failure). Try R + W ≤ N and a fault.' };
  const { read, write } = stale;
  return { passed: true, message: `A stale read with N=${spec.replicas}, R=${spec.r}, W=${spec.w}: read ${read.key} → ${read.value} began at ${ms(read.invoke)}, after ${write.f} ${read.key} ← ${written(write)} was acknowledged at ${ms(write.complete)}.` };
}

function raftServes({ spec, verdict, ops, faults }) {
  const cuts = cutIntervals(faults);
  if (!cuts.length) return { passed: false, message: 'The run had no partition: add one (isolate, a split, or a one-way block).' };
  const served = ops.filter((op) => op.outcome === 'ok' && during(cuts, op.invoke) && during(cuts, op.complete)).length;
  if (served < 10) return { passed: false, message: `Only ${served} operations succeeded while the partition lasted (at least 10 wanted): did the majority keep a leader?` };
  if (verdict?.verdict !== 'linearizable') return { passed: false, message: `The verdict is "${verdict?.verdict ?? 'none'}", not linearizable.` };
  return { passed: true, message: `${served} operations succeeded during the partition, and the history is linearizable (${spec.nodes} nodes).` };
}

/** Which groups of the first partition step answered clients while it lasted: indices into its groups. */
export function servingSides({ ops, faults }) {
  const split = faults.find((s) => s.do === 'partition');
  if (!split) return null;
  const cuts = cutIntervals(faults).filter(([from]) => from === split.at);
  const answered = new Set(ops.filter((op) => op.outcome === 'ok' && during(cuts, op.invoke) && during(cuts, op.complete)).map((op) => op.node));
  return split.groups.map((group, i) => (group.some((node) => answered.has(node)) ? i : -1)).filter((i) => i >= 0);
}

// Choices: one per group, then "both", then "neither" (the lesson lists them in that order).
function predictSide(record, choice) {
  if (choice === null || choice === undefined) return { passed: false, message: 'Choose your prediction first.' };
  const sides = servingSides(record);
  if (!sides) return { passed: false, message: 'This run had no partition to judge.' };
  const groups = record.faults.find((s) => s.do === 'partition').groups.length;
  const measured = sides.length === 0 ? groups + 1 : sides.length > 1 ? groups : sides[0];
  const names = (i) => record.faults.find((s) => s.do === 'partition').groups[i].join(', ');
  const what = sides.length === 0 ? 'neither side' : sides.length > 1 ? 'both sides' : `only ${names(sides[0])}`;
  return choice === measured
    ? { passed: true, message: `Right: ${what} answered clients during the partition.` }
    : { passed: false, message: `Not this time: ${what} answered clients during the partition.` };
}

const CHECKS = { 'lost-write': lostWrite, 'stale-read': staleRead, 'raft-serves': raftServes, 'predict-side': predictSide };

export const exerciseKinds = Object.keys(CHECKS);

/** Judges `record` for an exercise of `kind`; `choice` is the learner's prediction where one is asked. */
export function judgeExercise(kind, record, choice) {
  const check = CHECKS[kind];
  if (!check) return { passed: false, message: `Unknown exercise "${kind}".` };
  if (!record?.verdict || record.verdict.verdict === 'pending') return { passed: false, message: 'Run the cluster to the end first, so the checker can judge it.' };
  return check(record, choice);
}
