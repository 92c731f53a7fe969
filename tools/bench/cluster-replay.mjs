// The cluster widget's replay engine under node (kv.js, the same pure modules
// its worker runs): simulated messages per second of wall time, medians of 3.
//   - detached runs (runDetached: the simulator's run() and the check) per protocol
//   - the same Raft run with a fault script (when kv.js has the script)
//   - stepped replay (advance in 100 ms slices of virtual time, every event as
//     JSON, as the page receives them): events per second
//
//   node tools/bench/cluster-replay.mjs [--ops 5000] [--reps 3]
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, fmt, printTable } from './stats.mjs';
import { runDetached } from '../../web/src/widgets/cluster/engines/replay/detached.js';
import { ReplaySession } from '../../web/src/widgets/cluster/engines/replay/session.js';
import { defaultSpec } from '../../web/src/widgets/cluster/model/run-spec.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ops = arg('ops', 5000);
const reps = arg('reps', 3);
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');
if (!existsSync(join(wasmDir, 'kv.js'))) throw new Error(`no kv.js in ${wasmDir} (build target kv_wasm)`);

delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
const createKv = createRequire(import.meta.url)(join(wasmDir, 'kv.js'));
const kv = await createKv({ wasmBinary: readFileSync(join(wasmDir, 'kv.wasm')) });

const script = [
  { at: 500, do: 'isolate', node: 'leader' },
  { at: 1500, do: 'heal' },
  { at: 2000, do: 'partition', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] },
  { at: 3000, do: 'set', drop: 0.1, duplicate: 0.1 },
  { at: 4000, do: 'heal' },
];

function detachedRow(label, spec) {
  const runs = Array.from({ length: reps }, () => runDetached(kv, spec));
  const warning = runs[0].warnings.length ? ` (${runs[0].warnings[0]})` : '';
  return [
    label + warning,
    String(runs[0].stats.delivered),
    fmt(median(runs.map((r) => r.wallMs)), 1),
    fmt(median(runs.map((r) => r.messagesPerSecond)) / 1e6, 2),
    fmt(median(runs.map((r) => r.verdict.ms)), 1),
    runs[0].verdict.verdict,
  ];
}

function steppedRow(label, spec) {
  const rates = [];
  let events = 0;
  for (let r = 0; r < reps; r += 1) {
    const session = new ReplaySession(kv, spec);
    events = 0;
    const start = performance.now();
    for (let until = 1e8; ; until += 1e8) {
      const result = session.advance({ untilNs: until });
      events += result.events.length;
      if (result.done) break;
    }
    rates.push(events / ((performance.now() - start) / 1000));
    session.close();
  }
  return [label, String(events), fmt(median(rates) / 1e6, 2)];
}

const spec = (protocol, extra = {}) => ({ ...defaultSpec(protocol), nodes: 5, ops, seed: 42, ...extra });
const detached = [
  detachedRow('raft, no faults', spec('raft')),
  detachedRow('raft, fault script', spec('raft', { faults: script })),
  detachedRow('primary-backup', spec('primary-backup')),
  detachedRow('primary-backup-sync', spec('primary-backup-sync')),
  detachedRow('quorum N=3 R=2 W=2', spec('quorum')),
  detachedRow('single', spec('single')),
];
printTable(
  `Detached runs, 5 nodes, ${ops} operations, seed 42 (medians of ${reps})`,
  ['run', 'delivered messages', 'simulation (ms)', 'M delivered msg/s', 'check (ms)', 'verdict'],
  detached,
);
printTable(
  `Stepped replay (advance in 100 ms slices, events as JSON), 5 nodes, ${ops} operations (medians of ${reps})`,
  ['run', 'events', 'M events/s'],
  [steppedRow('raft, no faults', spec('raft')), steppedRow('raft, fault script', spec('raft', { faults: script }))],
);
