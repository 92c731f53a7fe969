// A small seeded random generator for the live engine's router: the network's
// decisions (latency, loss, duplication) and the clients' choices. Seeded, so
// node tests can assert decisions; in a live run real time still varies.
//
// Marsaglia's xorshift on 32-bit state words, two streams combined (xorshift
// alone fails simple tests on its low bits); seeds up to 2^52 are split into
// their high and low parts so nearby seeds give unrelated sequences.

/** A well-mixed 32-bit word from `x` (an avalanche step, so seed 1 and 2 start far apart). */
function mix32(x) {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * @param {number} seed an integer 0..2^52 (other values are truncated)
 * @returns {{next(): number, int(n: number): number, chance(p: number): boolean, uniform(a: number, b: number): number, exponential(mean: number): number, fork(salt: number): object}}
 */
export function createRng(seed = 0) {
  const low = Math.floor(seed) >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  let a = mix32(low ^ 0x9e3779b9) || 1;
  let b = mix32(high ^ mix32(low + 0x7f4a7c15)) || 2;

  const next = () => {
    a ^= a << 13; a ^= a >>> 17; a ^= a << 5;
    b ^= b << 15; b ^= b >>> 21; b ^= b << 4;
    return ((a >>> 0) + Math.imul(b >>> 0, 0x9e3779b1) >>> 0) / 2 ** 32;
  };
  return {
    /** Uniform in [0, 1). */
    next,
    /** Uniform integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** True with probability p (never for p <= 0, always for p >= 1). */
    chance: (p) => p > 0 && (p >= 1 || next() < p),
    /** Uniform in [a, b] (integers when a and b are). */
    uniform: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** Exponentially distributed with the given mean. */
    exponential: (mean) => -Math.log(1 - next()) * mean,
    /** An independent stream derived from this seed and `salt`. */
    fork: (salt) => createRng(mix32(low ^ mix32(salt)) + mix32(high + salt) * 2 ** 20),
  };
}
