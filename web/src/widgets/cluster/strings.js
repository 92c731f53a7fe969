// Every user-facing string of the cluster widget, in one place (the lead adds the controls' own).
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export const text = {
  // Fault and node markers (timeline labels when an event carries no text of its own).
  crashed: (node) => `${node} crashed`,
  restarted: (node) => `${node} restarted`,
  paused: (node) => `${node} paused`,
  resumed: (node) => `${node} resumed`,
  trapped: (node) => `${node} trapped`,
  fault: 'fault',
  healed: 'network healed',

  // Node status words (ring, node detail).
  status: { up: 'up', paused: 'paused', crashed: 'crashed', trapped: 'trapped (its worker is gone)', hung: 'hung (no answer to a heartbeat)' },
  // An own node's problem (the `problem` event), as a word next to the node and in its log panel.
  problem: { crashed: 'crashed', hung: 'hung', throttled: 'throttled', 'no-init': 'no init' },
  roleUnknown: 'no state yet',
  termLabel: (protocol) => (protocol && protocol.startsWith('primary-backup') ? 'view' : 'term'),

  // Ring view.
  ringTitle: 'The cluster: nodes on a ring, messages travelling between them',
  // shown: the words in the node's circle (its name first); then its role and status in full.
  nodeButton: (shown, role, status) => `${shown}. ${role}${status === 'up' ? '' : `, ${status}`}. Press Enter for details.`,
  messageButton: (m) => `message ${m.type} from ${m.src} to ${m.dest}, in flight. Press Enter to drop it.`,
  inFlight: (n) => `${plural(n, 'message', 'messages')} in flight`,
  // The numbers under a node: Raft's term and commit/log, primary-backup's view, none otherwise.
  nodeLine(protocol, node) {
    if (protocol === 'raft') return `term ${node.term} · commit ${node.commit}/${node.log}`;
    if (protocol?.startsWith('primary-backup')) return `view ${node.term}`;
    return '';
  },
  keysLine: (keys) => (keys.length ? keys.map(([k, v]) => `${k}=${v}`).join(' ') : 'no keys'),

  // Node detail.
  detailTitle: (node) => `Node ${node}`,
  noNodeSelected: 'Select a node on the ring to see its state and log.',
  detailFields: { problem: 'Problem', role: 'Role', status: 'Status', term: 'Term', view: 'View', commit: 'Commit index', log: 'Log length', leader: 'Believes the leader is' },
  noLeader: 'nobody',
  keysHeading: 'Its copy of the keys',
  keyColumn: 'Key',
  valueColumn: 'Value',
  noKeys: 'This node holds no keys yet.',
  entriesHeading: 'Last log entries',
  entryColumns: ['Index', 'Term', 'Entry'],
  noEntries: 'No log entries.',

  // History view.
  historyTitle: 'History: one lane per client, each operation a bar from invoke to completion',
  historyLegend: { ok: 'ok', fail: 'failed (no effect)', info: 'indefinite (timed out)', pending: 'in flight' },
  operation: (op) =>
    `${op.lane} ${op.f} ${op.key}${formatValue(op)} → ${op.outcome === 'pending' ? 'waiting' : op.outcome}` +
    `${op.complete != null ? ` after ${formatMs(op.complete - op.invoke)}` : ''}`,
  verdictWindow: 'checker’s window',
  historyShown: (n) => `${text.historyTitle}. ${plural(n, 'operation', 'operations')} shown; arrow keys walk them.`,
  timeAxis: 'time since the run started (s)',

  // Diagram view.
  diagramTitle: 'Messages over the last seconds: one line per node, time flows down',
  clientsColumn: 'clients',
  dropped: (why) => `dropped${why ? `: ${why}` : ''}`,
  messageLabel: (m) => `${m.type} ${m.src} → ${m.dest}`,

  // Verdict view.
  verdictTitle: 'Checker',
  verdict: {
    linearizable: 'Linearizable',
    'not linearizable': 'Not linearizable',
    unknown: 'Unknown',
    pending: 'Checking…',
    valid: 'Valid',
    invalid: 'Invalid',
  },
  // An echo or broadcast verdict (own nodes): its workload, and the numbers it reports.
  workloadVerdict: (workload, word) => `${workload}: ${word}`,
  statsHeading: 'Measured',
  stats: {
    ops: 'requests sent', ok: 'answered', failed: 'failed', timedOut: 'timed out', mismatched: 'answered with another text',
    broadcasts: 'values broadcast', acknowledged: 'values acknowledged', reads: 'reads', nodeMessages: 'messages between nodes',
    messagesPerOp: 'messages per operation', medianMs: 'median latency (ms)', maxMs: 'max latency (ms)',
  },
  // A stat the page has no name for: its camelCase key in words.
  statName: (key) => text.stats[key] ?? `${key.replace(/Ms$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}${/Ms$/.test(key) ? ' (ms)' : ''}`,
  verdictSummary: (v) =>
    `${plural(v.operations ?? 0, 'operation', 'operations')} checked${v.ms != null ? ` in ${formatMs(v.ms * 1e6)}` : ''}.`,
  unknownBudget: 'The search hit its budget before deciding: too many timed-out operations to try every order.',
  noVerdict: 'No verdict yet.',
  windowHeading: (key) => `The operations it could not order${key ? ` (key ${key})` : ''}`,

  // Plots.
  plots: {
    ops: { title: 'Throughput', y: 'ops/s', ok: 'ok', failed: 'failed or timed out' },
    latency: { title: 'Latency of answered operations', y: 'latency (ms)', median: 'median', p99: '99th percentile' },
    messages: { title: 'Messages delivered per completed operation', y: 'messages/op', series: 'messages/op' },
    x: 'time since the run started (s)',
    xLegend: 'time (s)',
    figure: (title, y) => `${title}: ${y} against time since the run started (s)`,
  },
};

export function formatMs(ns) {
  const ms = ns / 1e6;
  return ms >= 100 ? `${Math.round(ms)} ms` : `${+ms.toPrecision(2)} ms`;
}

function formatValue(op) {
  if (op.value == null) return '';
  return Array.isArray(op.value) ? ` ${op.value[0]}→${op.value[1]}` : ` ${op.value}`;
}
