// Regenerates the simulator-made part of the fuzz corpus (files named sim-*)
// from kvsim's traces and histories; the hand-written entries stay as they are.
//
//   node tests/fuzz/make-corpus.mjs [build/native/programs/kvsim]
//
// kvnode/sim-<protocol>-<node>.jsonl: an init, then up to 40 messages that
//   node received in a 3-node run under every fault (at most 8 of each type,
//   so heartbeats do not crowd out the rest);
// codec/sim-<type>.json: the first message of each type seen in those runs;
// history/sim-<protocol>.jsonl: the first 40 events of each run's history.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kvsim = process.argv[2] || join(here, '..', '..', 'build', 'native', 'programs', 'kvsim');
const protocols = ['single', 'primary-backup', 'primary-backup-sync', 'quorum', 'raft'];
const nodeIds = ['n1', 'n2', 'n3'];
const work = mkdtempSync(join(tmpdir(), 'cdd-corpus-'));
const firstOfType = new Map();
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

for (const protocol of protocols) {
  const trace = join(work, `${protocol}.trace`), history = join(work, `${protocol}.history`);
  const nodes = protocol === 'single' ? 1 : 3;
  execFileSync(kvsim, ['--protocol', protocol, '--nodes', String(nodes), '--seed', '5', '--ops', '300',
    '--nemesis', 'all', '--trace', trace, '--history', history]);
  const delivered = lines(trace).map((l) => JSON.parse(l)).filter((e) => e.event === 'deliver').map((e) => e.message);
  for (const m of delivered) if (!firstOfType.has(m.body.type)) firstOfType.set(m.body.type, m);
  for (const node of nodeIds.slice(0, nodes === 1 ? 1 : 2)) {
    const perType = new Map();
    const picked = [];
    for (const m of delivered) {
      if (m.dest !== node || picked.length >= 40) continue;
      const seen = perType.get(m.body.type) || 0;
      if (seen >= 8) continue;
      perType.set(m.body.type, seen + 1);
      picked.push(m);
    }
    const init = { src: 'c0', dest: node, body: { type: 'init', msg_id: 1, node_id: node, node_ids: nodeIds.slice(0, nodes) } };
    const text = [init, ...picked].map((m) => JSON.stringify(m)).join('\n') + '\n';
    writeFileSync(join(here, 'corpus', 'kvnode', `sim-${protocol}-${node}.jsonl`), text);
  }
  writeFileSync(join(here, 'corpus', 'history', `sim-${protocol}.jsonl`), lines(history).slice(0, 40).join('\n') + '\n');
}
for (const [type, m] of firstOfType) {
  writeFileSync(join(here, 'corpus', 'codec', `sim-${type}.json`), JSON.stringify(m) + '\n');
}
rmSync(work, { recursive: true, force: true });
console.log(`corpus: ${protocols.length} protocols, ${firstOfType.size} message types`);
