// Key-value engine benchmark: the same workloads natively (kv_bench, g++ -O3)
// and in WebAssembly under node (kv.js), with medians and wasm/native ratios.
//   - linearizability checker on 10,000-operation histories (parse + check):
//     a generated one, and the history of a 5-node Raft run with every fault
//   - simulator throughput: delivered messages per second, 5-node Raft, 20,000 ops
//
//   node tools/bench/kv/run.mjs [--native build/native/programs/kv_bench] [--reps 7]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, fmt, printTable } from '../stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const reps = Number(arg('reps', 7));
const nativeBin = arg('native', join(process.env.CDD_NATIVE_DIR || join(root, 'build', 'native'), 'programs', 'kv_bench'));
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');

if (!existsSync(nativeBin)) throw new Error(`no native benchmark at ${nativeBin} (build target kv_bench, or pass --native)`);
if (!existsSync(join(wasmDir, 'kv.js'))) throw new Error(`no kv.js in ${wasmDir} (build target kv_wasm)`);

// Native: the binary prints one JSON line with its medians.
const nativeOut = execFileSync(nativeBin, [`reps=${reps}`], { encoding: 'utf8' });
console.log(nativeOut.trim());
const native = JSON.parse(nativeOut.trim().split('\n').find((l) => l.startsWith('{"bench":"kv"')));

// WebAssembly: the same workloads through the Embind module.
delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
const createKv = createRequire(import.meta.url)(join(wasmDir, 'kv.js'));
const kv = await createKv({ wasmBinary: readFileSync(join(wasmDir, 'kv.wasm')) });

function timeCheck(text) {
  const times = [];
  let result;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    result = JSON.parse(kv.checkHistory(text));
    times.push(performance.now() - t0);
  }
  if (result.verdict !== 'linearizable') throw new Error(`unexpected verdict ${result.verdict}`);
  return median(times);
}

const raftOptions = (ops, faults) =>
  JSON.stringify({ protocol: 'raft', nodes: 5, seed: 42, ops, ...(faults ? { nemesis: 'all' } : {}) });

const generated = kv.generateHistory(10000, 1);
const recorded = new kv.KvSimulator(raftOptions(10000, true));
recorded.run();
const raftHistory = recorded.history();
recorded.delete();

function throughput(faults) {
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const sim = new kv.KvSimulator(raftOptions(20000, faults));
    const t0 = performance.now();
    const stats = JSON.parse(sim.run());
    const ms = performance.now() - t0;
    rates.push(stats.delivered / (ms / 1000));
    sim.delete();
  }
  return median(rates);
}

const wasm = {
  check_generated_ms: timeCheck(generated),
  check_raft_ms: timeCheck(raftHistory),
  sim_msgs_per_s: throughput(false),
  sim_faults_msgs_per_s: throughput(true),
};

const rows = [
  ['checker: generated 10,000-op history (ms)', 'check_generated_ms', 'time'],
  ['checker: Raft 10,000-op history with faults (ms)', 'check_raft_ms', 'time'],
  ['simulator: 5-node Raft, no faults (delivered msg/s)', 'sim_msgs_per_s', 'rate'],
  ['simulator: 5-node Raft, all faults (delivered msg/s)', 'sim_faults_msgs_per_s', 'rate'],
].map(([label, key, kind]) => {
  // Always the ratio of run times, wasm / native (> 1: wasm is slower); for
  // rates that is native rate / wasm rate.
  const ratio = kind === 'time' ? wasm[key] / native[key] : native[key] / wasm[key];
  const show = (v) => (kind === 'time' ? fmt(v, 1) : Math.round(v).toLocaleString('en-US'));
  return [label, show(native[key]), show(wasm[key]), fmt(ratio)];
});
printTable(`Key-value engine, medians of ${reps} (wasm under node ${process.version})`, ['workload', 'native', 'wasm', 'wasm/native time'], rows);
