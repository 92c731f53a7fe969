// The run spec's latency string ('uniform:1ms:5ms', 'constant:2ms',
// 'exponential:3ms'), as the simulator reads it (cpp/kv/network.cpp), turned
// into a sampler of nanoseconds.

const UNITS = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, '': 1e6 };

/** Nanoseconds of a time like '5ms', '250us', '1.5s', '3' (ms); null if malformed. */
export function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ns|us|ms|s|)$/.exec(String(text).trim());
  if (!match) return null;
  const ns = Number(match[1]) * UNITS[match[2]];
  return ns <= 3600e9 ? Math.round(ns) : null;
}

/**
 * @param {string} text e.g. 'uniform:1ms:5ms'
 * @returns {{kind: 'constant'|'uniform'|'exponential', a: number, b: number}} times in ns
 * @throws {Error} when the text is none of the three forms
 */
export function parseLatency(text) {
  const [kind, ...times] = String(text).split(':');
  const ns = times.map(parseDuration);
  const arity = { constant: 1, uniform: 2, exponential: 1 }[kind];
  const ok = arity === times.length && ns.every((t) => t !== null) && (kind !== 'uniform' || ns[1] >= ns[0]);
  if (!ok) {
    throw new Error(`latency '${text}' is not one of constant:<t>, uniform:<min>:<max>, exponential:<mean> (e.g. uniform:1ms:5ms)`);
  }
  return { kind, a: ns[0], b: kind === 'uniform' ? ns[1] : ns[0] };
}

/** One delay in ns drawn from `latency` with `rng` (see rng.js). */
export function sampleLatency(latency, rng) {
  if (latency.kind === 'constant') return latency.a;
  if (latency.kind === 'uniform') return latency.b > latency.a ? rng.uniform(latency.a, latency.b) : latency.a;
  return Math.round(rng.exponential(latency.a));
}
