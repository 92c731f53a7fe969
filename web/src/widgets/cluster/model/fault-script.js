// Fault steps (the contract, README.md "Fault steps"): validation, presets
// expanded into steps, a normaliser, and plain-words descriptions for the
// markers on the time line. Pure: no DOM, no engine; both engines and the
// run spec's validation use it.

export const STEP_KINDS = ['crash', 'restart', 'pause', 'resume', 'isolate', 'partition', 'block', 'heal', 'set', 'trap'];
export const MAX_AT_MS = 3_600_000; // the simulator refuses steps after one hour of virtual time

// Steps whose node may be 'leader' (resolved by the engine when the step runs).
const LEADER_ALLOWED = new Set(['crash', 'isolate']);
const NODE_STEPS = new Set(['crash', 'restart', 'pause', 'resume', 'isolate', 'trap']);

export const nodeIds = (count) => Array.from({ length: count }, (_, i) => `n${i + 1}`);
const nodeNumber = (id) => Number(id.slice(1));
const byNodeNumber = (a, b) => nodeNumber(a) - nodeNumber(b);
const isInt = (v) => Number.isInteger(v);

function checkNode(step, field, nodes, errors) {
  const node = step.node;
  if (node === 'leader' && LEADER_ALLOWED.has(step.do)) return;
  if (typeof node !== 'string' || !nodes.includes(node)) {
    const allowed = LEADER_ALLOWED.has(step.do) ? `${nodes.join(', ')} or leader` : nodes.join(', ');
    errors.push({ field: `${field}.node`, message: `${step.do} needs a node: ${allowed}` });
  }
}

// A list of node ids: non-empty, known, no repeats.
function checkNodeList(list, field, nodes, errors) {
  if (!Array.isArray(list) || list.length === 0) {
    errors.push({ field, message: 'needs at least one node' });
    return false;
  }
  const unknown = list.filter((id) => !nodes.includes(id));
  if (unknown.length) {
    errors.push({ field, message: `unknown node ${unknown.map(String).join(', ')} (the cluster has ${nodes.join(', ')})` });
    return false;
  }
  if (new Set(list).size !== list.length) {
    errors.push({ field, message: 'names a node twice' });
    return false;
  }
  return true;
}

function checkPartition(step, field, nodes, errors) {
  const groups = step.groups;
  if (!Array.isArray(groups) || groups.length < 2) {
    errors.push({ field: `${field}.groups`, message: 'a partition needs at least two groups of nodes' });
    return;
  }
  if (!groups.every((g, i) => checkNodeList(g, `${field}.groups[${i}]`, nodes, errors))) return;
  const all = groups.flat();
  if (new Set(all).size !== all.length) {
    errors.push({ field: `${field}.groups`, message: 'a node is in two groups' });
  }
}

function checkBlock(step, field, nodes, errors) {
  const fromOk = checkNodeList(step.from, `${field}.from`, nodes, errors);
  const toOk = checkNodeList(step.to, `${field}.to`, nodes, errors);
  if (fromOk && toOk && step.from.some((id) => step.to.includes(id))) {
    errors.push({ field: `${field}.to`, message: 'a node cannot be blocked from reaching itself' });
  }
}

function checkSet(step, field, errors) {
  const present = ['drop', 'duplicate', 'delayMs'].filter((k) => step[k] !== undefined);
  if (present.length === 0) errors.push({ field, message: 'set needs drop, duplicate or delayMs' });
  for (const key of ['drop', 'duplicate']) {
    const v = step[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) {
      errors.push({ field: `${field}.${key}`, message: `${key} is a probability from 0 to 1` });
    }
  }
  const d = step.delayMs;
  if (d !== undefined && !(typeof d === 'number' && d >= 0 && d <= 1000)) {
    errors.push({ field: `${field}.delayMs`, message: 'delayMs is from 0 to 1000 ms' });
  }
}

/** One step's problems, fields named under `field` (e.g. "faults[2]"). */
export function validateStep(step, { nodes: count, field = 'step' }) {
  const errors = [];
  if (!step || typeof step !== 'object' || Array.isArray(step)) {
    return [{ field, message: 'a fault step is an object like {at: 1000, do: "heal"}' }];
  }
  if (!isInt(step.at) || step.at < 0 || step.at > MAX_AT_MS) {
    errors.push({ field: `${field}.at`, message: `at is whole milliseconds from 0 to ${MAX_AT_MS}` });
  }
  if (!STEP_KINDS.includes(step.do)) {
    errors.push({ field: `${field}.do`, message: `unknown fault "${step.do}" (one of ${STEP_KINDS.join(', ')})` });
    return errors;
  }
  const nodes = nodeIds(count);
  if (NODE_STEPS.has(step.do)) checkNode(step, field, nodes, errors);
  if (step.do === 'crash' && step.keep !== undefined && typeof step.keep !== 'boolean') {
    errors.push({ field: `${field}.keep`, message: 'keep is true or false' });
  }
  if (step.do === 'partition') checkPartition(step, field, nodes, errors);
  if (step.do === 'block') checkBlock(step, field, nodes, errors);
  if (step.do === 'set') checkSet(step, field, errors);
  return errors;
}

/** Every problem of a script for a cluster of `nodes` nodes: [{field, message}]. */
export function validateSteps(steps, { nodes, field = 'faults' }) {
  if (!Array.isArray(steps)) return [{ field, message: 'the fault script is a list of steps' }];
  return steps.flatMap((step, i) => validateStep(step, { nodes, field: `${field}[${i}]` }));
}

// The fields each kind carries, in the order a normalised step lists them.
const FIELDS = {
  crash: ['node', 'keep'],
  restart: ['node'],
  pause: ['node'],
  resume: ['node'],
  isolate: ['node'],
  partition: ['groups'],
  block: ['from', 'to'],
  heal: [],
  set: ['drop', 'duplicate', 'delayMs'],
  trap: ['node'],
};

/**
 * A canonical copy of a (valid) script: steps sorted by time (stable, so steps
 * at the same time keep their order), fields in one order, unknown fields
 * dropped, node lists sorted n1, n2, ..., groups sorted by their first node.
 */
export function normaliseSteps(steps) {
  const sorted = steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.at - b.step.at || a.i - b.i);
  return sorted.map(({ step }) => {
    const out = { at: step.at, do: step.do };
    for (const key of FIELDS[step.do] ?? []) {
      if (step[key] === undefined) continue;
      if (key === 'groups') out.groups = step.groups.map((g) => [...g].sort(byNodeNumber)).sort((a, b) => byNodeNumber(a[0], b[0]));
      else if (key === 'from' || key === 'to') out[key] = [...step[key]].sort(byNodeNumber);
      else out[key] = step[key];
    }
    return out;
  });
}

const list = (ids) => (ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);
const who = (node) => (node === 'leader' ? 'the leader' : node);
const percent = (p) => `${Math.round(p * 1000) / 10}%`;

/** A step in plain words, e.g. "the leader is cut off from every other node". */
export function describeStep(step) {
  switch (step.do) {
    case 'crash':
      return `${who(step.node)} crashes${step.keep ? ' (keeping its state)' : ' and loses what it held in memory'}`;
    case 'restart':
      return `${step.node} restarts`;
    case 'pause':
      return `${step.node} pauses: messages to it wait`;
    case 'resume':
      return `${step.node} resumes and handles the messages that waited`;
    case 'isolate':
      return `${who(step.node)} is cut off from every other node`;
    case 'partition':
      return `the network splits into ${step.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    case 'block':
      return `${list(step.from)} can no longer reach ${list(step.to)} (one way)`;
    case 'heal':
      return 'the network heals: every partition and block is removed';
    case 'set': {
      const parts = [];
      if (step.drop !== undefined) parts.push(`${percent(step.drop)} of messages lost`);
      if (step.duplicate !== undefined) parts.push(`${percent(step.duplicate)} duplicated`);
      if (step.delayMs !== undefined) parts.push(`up to ${step.delayMs} ms extra delay`);
      return `network: ${parts.join(', ')}`;
    }
    case 'trap':
      return `${step.node}'s WebAssembly traps (live engine only)`;
    default:
      return `unknown fault "${step.do}"`;
  }
}

// ---- presets ---------------------------------------------------------------

const majoritySize = (count) => Math.floor(count / 2) + 1;

/** The bridge's shape: two sides that cannot reach each other and one node that reaches both. */
export function bridgeShape(count) {
  const ids = nodeIds(count);
  const left = ids.slice(0, Math.floor((count - 1) / 2));
  return { left, bridge: ids[left.length], right: ids.slice(left.length + 1) };
}

// Each preset: (node count, {at, node?}) -> steps at `at`.
const PRESET_STEPS = {
  'isolate-leader': (count, { at }) => [{ at, do: 'isolate', node: 'leader' }],
  'majority-minority': (count, { at }) => {
    const ids = nodeIds(count);
    return [{ at, do: 'partition', groups: [ids.slice(0, majoritySize(count)), ids.slice(majoritySize(count))] }];
  },
  // The node can still send, but hears nobody: it does not learn it was replaced.
  'one-way': (count, { at, node = 'n1' }) => [
    { at, do: 'block', from: nodeIds(count).filter((id) => id !== node), to: [node] },
  ],
  bridge: (count, { at }) => {
    const { left, right } = bridgeShape(count);
    return [
      { at, do: 'block', from: left, to: right },
      { at, do: 'block', from: right, to: left },
    ];
  },
  heal: (count, { at }) => [{ at, do: 'heal' }],
  'crash-leader': (count, { at }) => [{ at, do: 'crash', node: 'leader' }],
  restart: (count, { at, node = 'n1' }) => [{ at, do: 'restart', node }],
};

export const PRESETS = [
  { id: 'isolate-leader', label: 'Isolate the leader' },
  { id: 'majority-minority', label: 'Majority / minority' },
  { id: 'one-way', label: 'One-way link (a node hears nobody)' },
  { id: 'bridge', label: 'Bridge (two halves, one node reaches both)' },
  { id: 'heal', label: 'Heal the network' },
  { id: 'crash-leader', label: 'Crash the leader' },
  { id: 'restart', label: 'Restart a node' },
];

/** Steps of preset `id` for a cluster of `nodes` nodes, at `at` ms (node: for one-way and restart). */
export function expandPreset(id, { nodes, at, node }) {
  const make = PRESET_STEPS[id];
  if (!make) throw new Error(`unknown preset "${id}"`);
  return make(nodes, { at, node });
}
