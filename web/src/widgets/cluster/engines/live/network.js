// The live engine's network between nodes: which links are blocked
// (partitions, one-way blocks, isolation), the loss, duplication and extra
// delay rates, and the decision for one message. Pure: the router asks
// `route()` at each send, as the simulator's network does
// (cpp/kv/network.cpp), with the router's seeded random generator.
import { parseLatency, sampleLatency } from './latency.js';

/**
 * @param {string[]} nodeIds n1..nN
 * @param {{latency: string, rng: ReturnType<import('./rng.js').createRng>}} options
 */
export function createNetwork(nodeIds, { latency, rng }) {
  const nodes = new Set(nodeIds);
  const delay = parseLatency(latency);
  const blocked = new Set(); // 'a>b': a cannot reach b
  const rates = { drop: 0, duplicate: 0, delayMs: 0 };
  const link = (from, to) => `${from}>${to}`;

  const block = (from, to) => {
    for (const a of from) for (const b of to) if (a !== b) blocked.add(link(a, b));
  };
  const sample = () => sampleLatency(delay, rng) + (rates.delayMs > 0 ? rng.uniform(0, Math.round(rates.delayMs * 1e6)) : 0);

  return {
    isNode: (id) => nodes.has(id),
    isBlocked: (from, to) => blocked.has(link(from, to)),
    rates: () => ({ ...rates }),

    /**
     * A message from `from` to `to` (node ids; a client end has latency only).
     * @returns {{delays: number[]} | {drop: 'partition' | 'loss'}} one delay (ns), two for a duplicate
     */
    route(from, to) {
      if (!nodes.has(from) || !nodes.has(to)) return { delays: [sampleLatency(delay, rng)] };
      if (blocked.has(link(from, to))) return { drop: 'partition' };
      if (rng.chance(rates.drop)) return { drop: 'loss' };
      const copies = rng.chance(rates.duplicate) ? 2 : 1;
      const delays = [];
      for (let i = 0; i < copies; i += 1) delays.push(sample());
      return { delays };
    },

    /**
     * Applies a network fault step (isolate with a resolved node, partition,
     * block, heal, set); returns a sentence saying what changed.
     */
    apply(step) {
      switch (step.do) {
        case 'isolate': {
          const others = nodeIds.filter((n) => n !== step.node);
          block([step.node], others);
          block(others, [step.node]);
          return `${step.node} isolated from every other node`;
        }
        case 'partition': {
          const groups = step.groups.map((g) => g.filter((n) => nodes.has(n)));
          groups.forEach((g, i) => groups.forEach((h, j) => i !== j && block(g, h)));
          return `partition ${groups.map((g) => g.join(' ')).join(' | ')}`;
        }
        case 'block':
          block(step.from, step.to);
          return `${step.from.join(' ')} cannot reach ${step.to.join(' ')}`;
        case 'heal':
          blocked.clear();
          return 'every partition and block removed';
        case 'set': {
          const said = [];
          for (const name of ['drop', 'duplicate', 'delayMs']) {
            if (typeof step[name] === 'number') {
              rates[name] = step[name];
              said.push(`${name} ${step[name]}`);
            }
          }
          return `network: ${said.join(', ') || 'unchanged'}`;
        }
        default:
          throw new Error(`not a network step: ${step.do}`);
      }
    },
  };
}
