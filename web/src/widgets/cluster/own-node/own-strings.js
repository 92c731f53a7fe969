// Every user-facing string of the own-node panel (editor, template picker, compile step, node logs).
import { text } from '../strings.js';

export const ownText = {
  panel: 'Your node program (C++)',
  templateLegend: 'Start from a template',
  // What each template's workload checks: one sentence, shown next to its name.
  templates: {
    echo: { name: 'Echo', checks: 'The echo workload sends each node echo requests and checks that every reply carries back the same text.' },
    broadcast: { name: 'Broadcast with gossip', checks: 'The broadcast workload sends values to random nodes, then reads every node: each acknowledged value must be read on every node; it reports messages per operation and latency.' },
    lin_kv: { name: 'Single-node lin-kv store', checks: 'The lin-kv workload sends read, write and cas to the one node, and the checker judges the history linearizable or not.' },
    primary_backup: { name: 'Primary-backup (a planted bug)', checks: 'The lin-kv workload runs against three nodes; isolate n1 (the primary) while it runs and the checker catches the bug: find it in the code.' },
    raft: { name: 'Raft skeleton (write log replication)', checks: 'The lin-kv workload runs against three nodes; the election is done, and the checker judges your log replication.' },
  },
  missingTemplate: '(not in this build)',
  reset: 'Reset to the template',
  resetDone: 'The editor holds the template again.',
  edited: 'Edited: Run compiles your version.',
  needsIsolation:
    'Your own node cannot run here: this page is not cross-origin isolated, so the browser does not allow ' +
    'SharedArrayBuffer, which a node program needs to wait for its input. Serve the site with the ' +
    'headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (npm start does).',
  compiling: 'Compiling your node…',
  compileFailed: 'Your node did not compile: see the messages below the code and the marks in it.',
  compileCancelled: 'Compilation stopped.',
  compiled: 'Compiled: starting a worker per node…',
  compileLog: 'Compiler messages',
  compareHint: 'After a lin-kv run of your node: its figures beside the built-in protocols on the same settings.',
  compareNeedsRun: 'Run your node with the lin-kv workload first; Compare then sets its run beside the built-in protocols.',
  compareCaption: (builtIn) => `${builtIn}; your node's row is its live run (real time), the others are simulated with as many operations`,
  liveOnly: 'Your own node runs live only (a worker per node).',

  // Node logs.
  logsTitle: 'Each node’s standard error and rejected output',
  logsOf: (node) => `${node}’s log`,
  noLogLines: 'Nothing on standard error yet.',
  stream: { err: 'stderr', out: 'stdout, rejected' },
  rejectedWhy: (why) => (typeof why === 'string' && why ? why : 'not a JSON message'),
  dropped: (n) => `${n} earlier line${n === 1 ? '' : 's'} not kept`,
  problem: (kind, why) => `${text.problem[kind] ?? kind}${why ? `: ${why}` : ''}`,
};
