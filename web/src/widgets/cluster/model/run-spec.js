// The run's settings (README.md "Run spec"): defaults per protocol,
// validation with messages a learner can act on, and share links that carry a
// spec (and optionally the event hash it produced) in the URL's fragment.
import { validateSteps } from './fault-script.js';
import { encodeShare, decodeShare } from '../../../share/envelope.js';

export const PROTOCOLS = ['single', 'primary-backup', 'primary-backup-sync', 'quorum', 'raft', 'own'];
// 'own': the learner's C++ node program (own-node/), run live only, under one of these workloads.
export const OWN_WORKLOADS = ['echo', 'broadcast', 'lin-kv'];
// The node templates (lessons/05-distributed-systems/nodes/<id>.cpp) and what each one starts with:
// the workload it serves and the nodes it needs (one store, or a primary and two backups...).
export const OWN_TEMPLATES = {
  echo: { workload: 'echo', nodes: 3 },
  broadcast: { workload: 'broadcast', nodes: 5 },
  lin_kv: { workload: 'lin-kv', nodes: 1 },
  primary_backup: { workload: 'lin-kv', nodes: 3 },
  raft: { workload: 'lin-kv', nodes: 3 },
};
export const MAX_RATE = 500; // operations per second the page's live engine can keep up with
export const MAX_SEED = 2 ** 52;

const COMMON_DEFAULTS = {
  nodes: 5,
  seed: 1,
  ops: 500,
  rate: 50,
  clients: 10,
  keys: 3,
  latency: 'uniform:1ms:5ms',
  clientTimeoutMs: 1000,
};
// What each protocol shows best with: three nodes are enough for one primary
// and its backups; a quorum reads and writes two of three replicas.
const PROTOCOL_DEFAULTS = {
  single: { nodes: 1, clients: 6 }, // one node holds everything: more would be unrelated stores
  'primary-backup': { nodes: 3, clients: 6 },
  'primary-backup-sync': { nodes: 3, clients: 6 },
  quorum: { nodes: 5, replicas: 3, r: 2, w: 2 },
  raft: { nodes: 5 },
  own: { template: 'lin_kv', ...OWN_TEMPLATES.lin_kv, clients: 6 },
};

/** A complete spec for `protocol` (a fresh object; faults empty). */
export function defaultSpec(protocol = 'raft') {
  if (!PROTOCOLS.includes(protocol)) throw new Error(`unknown protocol "${protocol}"`);
  return { protocol, ...COMMON_DEFAULTS, ...PROTOCOL_DEFAULTS[protocol], faults: [] };
}

/** `spec` switched to template `template`: its workload and node count; faults naming nodes it no longer has are dropped. */
export function withTemplate(spec, template) {
  const settings = OWN_TEMPLATES[template];
  if (!settings) throw new Error(`unknown template "${template}"`);
  const faults = (spec.faults ?? []).filter((step) => validateSteps([step], { nodes: settings.nodes }).length === 0);
  return { ...spec, protocol: 'own', template, ...settings, faults };
}

/** `spec` under a built-in protocol loses the own node's fields (they mean nothing there). */
export function withoutOwnFields(spec) {
  const { workload, template, ...rest } = spec;
  return rest;
}

const TIME = String.raw`\d+(?:\.\d+)?(?:ns|us|ms|s)?`;
const LATENCY = new RegExp(`^(?:constant:${TIME}|exponential:${TIME}|uniform:(${TIME}):(${TIME}))$`);
const UNIT_NS = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, '': 1e6 };
const toNs = (t) => {
  const [, number, unit] = t.match(/^([\d.]+)(\w*)$/);
  return Number(number) * UNIT_NS[unit];
};

/** Why a latency text is not one the simulator reads, or null. */
export function latencyProblem(text) {
  const match = typeof text === 'string' && text.match(LATENCY);
  if (!match) return 'latency is constant:<t>, uniform:<min>:<max> or exponential:<mean>, e.g. uniform:1ms:5ms';
  if (match[1] && toNs(match[1]) > toNs(match[2])) return 'uniform latency needs min <= max';
  return null;
}

function integerIn(spec, field, lo, hi, errors, message) {
  const v = spec[field];
  if (!Number.isInteger(v) || v < lo || v > hi) errors.push({ field, message: message ?? `${field} is a whole number from ${lo} to ${hi}` });
}

function validateQuorum(spec, errors) {
  const { nodes, replicas, r, w } = spec;
  integerIn(spec, 'replicas', 1, 64, errors, 'replicas (N) is a whole number from 1 to the number of nodes');
  if (Number.isInteger(replicas) && Number.isInteger(nodes) && replicas > nodes) {
    errors.push({ field: 'replicas', message: `N = ${replicas} replicas cannot exceed the ${nodes} nodes` });
  }
  for (const [field, name] of [['r', 'R'], ['w', 'W']]) {
    const v = spec[field];
    if (!Number.isInteger(v) || v < 1) errors.push({ field, message: `${name} is a whole number of at least 1` });
    else if (Number.isInteger(nodes) && v > nodes) errors.push({ field, message: `${name} = ${v} cannot exceed the ${nodes} nodes` });
    else if (Number.isInteger(replicas) && v > replicas) errors.push({ field, message: `${name} = ${v} cannot exceed N = ${replicas} replicas` });
  }
}

// The own node's workload and template; a built-in protocol serves lin-kv and has no template.
function validateOwnFields(spec, errors) {
  if (spec.protocol !== 'own') {
    if (spec.workload !== undefined && spec.workload !== 'lin-kv') errors.push({ field: 'workload', message: 'the built-in protocols serve the lin-kv workload' });
    if (spec.template !== undefined) errors.push({ field: 'template', message: 'a template belongs to your own node only' });
    return;
  }
  if (!OWN_WORKLOADS.includes(spec.workload)) errors.push({ field: 'workload', message: `workload is one of ${OWN_WORKLOADS.join(', ')}` });
  if (!Object.hasOwn(OWN_TEMPLATES, spec.template)) errors.push({ field: 'template', message: `template is one of ${Object.keys(OWN_TEMPLATES).join(', ')}` });
}

/** Every problem of a spec: [{field, message}], empty when the spec can run. */
export function validateSpec(spec) {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return [{ field: 'spec', message: 'the run spec is an object' }];
  const errors = [];
  if (!PROTOCOLS.includes(spec.protocol)) errors.push({ field: 'protocol', message: `protocol is one of ${PROTOCOLS.join(', ')}` });
  if (spec.protocol === 'single') integerIn(spec, 'nodes', 1, 1, errors, 'the single protocol runs on one node');
  else if (spec.protocol === 'own') integerIn(spec, 'nodes', 1, 7, errors, 'your own node runs on 1 to 7 nodes');
  else integerIn(spec, 'nodes', 3, 7, errors, 'a cluster has 3 to 7 nodes');
  validateOwnFields(spec, errors);
  integerIn(spec, 'seed', 0, MAX_SEED, errors, 'seed is a whole number from 0 to 2^52');
  integerIn(spec, 'ops', 1, 20000, errors, 'operations: from 1 to 20000');
  if (typeof spec.rate === 'number' && spec.rate > MAX_RATE) {
    errors.push({ field: 'rate', message: `the page cannot sustain more than ${MAX_RATE} operations per second` });
  } else {
    integerIn(spec, 'rate', 1, MAX_RATE, errors, `rate is a whole number of operations per second from 1 to ${MAX_RATE}`);
  }
  integerIn(spec, 'clients', 1, 20, errors, 'clients: from 1 to 20');
  integerIn(spec, 'keys', 1, 10, errors, 'keys: from 1 to 10');
  if (spec.protocol === 'quorum') validateQuorum(spec, errors);
  const latency = latencyProblem(spec.latency);
  if (latency) errors.push({ field: 'latency', message: latency });
  integerIn(spec, 'clientTimeoutMs', 10, 60000, errors, 'the client timeout is from 10 to 60000 ms');
  const nodes = Number.isInteger(spec.nodes) ? spec.nodes : 0;
  errors.push(...validateSteps(spec.faults, { nodes, field: 'faults' }));
  return errors;
}

// ---- share links -------------------------------------------------------------
// A run travels in the common share envelope (web/src/share/envelope.js) as
// the payload {cluster: <widget id>, run: <spec>, hash: <16 hex> | null};
// links of version 1 (before the envelope) decode to the same payload.

/** {text: the fragment's query ("v=2&s=..."), error: null} for a run of widget `id`, or {text: null, error} if too big. */
export function encodeShareLink(spec, hash = null, id = null) {
  return encodeShare({ cluster: id, run: spec, hash: hash ?? null });
}

const fail = (error, cluster = null) => ({ cluster, spec: null, hash: null, error });

/**
 * Reads a run's link: a whole URL, a fragment or its query. Never throws:
 * {cluster, spec, hash, error: null} or {cluster: null, spec: null, hash: null, error}.
 */
export function decodeShareLink(text) {
  const { payload, error } = decodeShare(text);
  if (error) return fail(error);
  if (!('run' in payload)) return fail('this is not a link to a cluster run');
  // From here on the link names its widget, which says what is wrong with the run.
  const cluster = typeof payload.cluster === 'string' ? payload.cluster : null;
  const problems = validateSpec(payload.run);
  if (problems.length) return fail(`the link's run settings are not valid: ${problems[0].field}: ${problems[0].message}`, cluster);
  const hash = payload.hash ?? null;
  if (hash !== null && !/^[0-9a-f]{16}$/.test(hash)) return fail('the link is damaged: its event hash is not 16 hexadecimal digits', cluster);
  return { cluster, spec: payload.run, hash, error: null };
}
