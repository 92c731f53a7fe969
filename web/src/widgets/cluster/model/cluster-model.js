// The cluster widget's model: folds the engines' event stream (README.md "Event stream") into what
// the views draw. Pure JavaScript, no DOM: tested under node.
//
//   const model = createClusterModel({nodes: ['n1', 'n2', 'n3'], protocol: 'raft', clients: 6});
//   engine.onEvents = (events) => model.apply(events);
//   model.setVerdict(verdict);
//   // views read: model.version, model.now, model.node(id), model.messages, model.operations, ...
//
// `version` grows with every change a view could draw, so a view redraws only when it moved (or,
// for animation, when time moved). Memory is bounded whatever the run's length (see the parts).
import { text } from '../strings.js';
import { createMessageWindow } from './cluster-messages.js';
import { createOperationLog, outcomeClass, laneOrder } from './cluster-operations.js';
import { createSeries } from './cluster-series.js';
import { createNodeLogs, PROBLEM_STATUS } from './node-logs.js';

export { outcomeClass, laneOrder };

const STATUS_OF = { crash: 'crashed', restart: 'up', pause: 'paused', resume: 'up', trap: 'trapped' };
const MARKER_TEXT = { crash: text.crashed, restart: text.restarted, pause: text.paused, resume: text.resumed, trap: text.trapped };

export function createClusterModel({ nodes = [], protocol = '', clients = 0, windowNs = 5e9, maxRecent = 5000, maxOps = 4000, maxFaults = 500 } = {}) {
  const nodeIds = nodes.map(String);
  const nodeSet = new Set(nodeIds);
  const isNode = (id) => nodeSet.has(id);
  let nodeStates, messages, operations, series, faults;
  const logs = createNodeLogs(nodeIds); // kept across a replay's seek: only live runs have logs
  function fresh() {
    nodeStates = new Map(nodeIds.map((id) => [id, blankNode(id)]));
    messages = createMessageWindow({ windowNs, maxRecent });
    operations = createOperationLog({ maxOps, clients });
    series = createSeries();
    faults = [];
  }
  fresh();
  const model = {
    version: 0, now: 0, protocol, nodeIds, messages, operations, faults,
    verdict: null, selectedNode: null, highlightedOperation: null,
    apply, setVerdict, windowOperations, isNode, reset,
    node: (id) => nodeStates.get(id) ?? null,
    /** An own node's stderr and rejected stdout lines and its problem (model/node-logs.js). */
    logs: (id) => logs.of(id),
    nodes: () => nodeIds.map((id) => nodeStates.get(id)),
    series: () => series.values(),
    /** The operation a message served, or null. */
    operationOfMessage: (id) => operations.get(messages.get(id)?.op) ?? null,
    /** Message ids that served an operation (the link rule in cluster-operations.js). */
    messagesOfOperation: (seq) => operations.get(seq)?.messages.slice() ?? [],
    selectNode(id) { if (model.selectedNode !== id) { model.selectedNode = id; model.version++; } },
    highlightOperation(seq) { if (model.highlightedOperation !== seq) { model.highlightedOperation = seq; model.version++; } },
  };

  /** Forgets the run (a replay seeks back, then applies a snapshot); keeps the verdict and the selection. */
  function reset() {
    fresh();
    Object.assign(model, { now: 0, messages, operations, faults, highlightedOperation: null });
    model.version++;
  }

  function apply(events) {
    for (const event of events) {
      if (typeof event.time === 'number' && event.time > model.now) model.now = event.time;
      applyOne(event);
    }
    messages.prune(model.now);
    if (events.length) model.version++;
  }

  function applyOne(event) {
    switch (event.event) {
      case 'send': operations.link(messages.send(event), isNode); break;
      case 'deliver': {
        const record = messages.deliver(event);
        if (record.op == null) operations.link(record, isNode);
        series.delivered(event.time);
        break;
      }
      case 'drop': {
        const record = messages.drop(event);
        if (record.op == null) operations.link(record, isNode);
        break;
      }
      case 'invoke': operations.invoke(event); break;
      case 'complete': case 'timeout': {
        const op = operations.complete(event);
        if (op) series.completed(op);
        break;
      }
      case 'crash': case 'restart': case 'pause': case 'resume': case 'trap': nodeEvent(event); break;
      case 'fault': case 'heal': marker(event, event.event, event.text || (event.event === 'heal' ? text.healed : text.fault)); break;
      case 'state': nodeSummary(event); break;
      case 'log': logs.log(event); break;
      case 'problem': problem(event); break;
      // Not in the contract's table: a live engine in 'counts' detail reports deliveries as counters.
      case 'counts': if (event.delivered) series.delivered(event.time, event.delivered); break;
      default: break;
    }
  }

  function nodeEvent(event) {
    const node = nodeStates.get(event.node);
    if (event.event === 'restart') logs.clearProblem(event.node);
    if (node) {
      node.status = STATUS_OF[event.event];
      node.reason = node.status === 'up' ? '' : event.text ?? '';
      node.since = event.time;
    }
    marker(event, event.event, event.text && event.event !== 'trap' ? event.text : MARKER_TEXT[event.event](event.node));
    if (event.event === 'trap' && event.text) faults[faults.length - 1].detail = event.text;
  }

  // An own node's problem: crashed and hung take it down (with the reason); each is a marker.
  function problem(event) {
    if (!logs.problem(event)) return;
    const node = nodeStates.get(event.node);
    const status = PROBLEM_STATUS[event.kind];
    if (status && node.status !== status) Object.assign(node, { status, reason: event.text ?? '', since: event.time });
    marker(event, 'problem', `${event.node} ${text.problem[event.kind] ?? event.kind}`);
  }

  function marker(event, kind, label) {
    faults.push({ time: event.time, kind, node: event.node ?? null, text: label, step: event.step ?? null });
    if (faults.length > maxFaults) faults.splice(0, faults.length - maxFaults);
  }

  function nodeSummary(event) {
    const node = nodeStates.get(event.node ?? event.state?.id);
    if (!node || !event.state) return;
    const s = event.state;
    Object.assign(node, {
      role: s.role ?? node.role, term: s.term ?? 0, commit: s.commit ?? 0, log: s.log ?? 0,
      leader: s.leader ?? null, keys: s.keys ?? {}, entries: s.entries ?? [], state: s, stateTime: event.time,
    });
  }

  function setVerdict(verdict) {
    model.verdict = verdict ?? null;
    model.version++;
  }

  /**
   * The operations of the verdict's window that this model still holds (key,
   * process and invoke time match). Views ask every frame they draw; the
   * answer is kept until the model changes.
   */
  let windowCache = { version: -1, ops: [] };
  function windowOperations() {
    if (windowCache.version === model.version) return windowCache.ops;
    const window = model.verdict?.window ?? [];
    const wanted = new Set(window.map((w) => `${w.key}|${w.process}|${w.invoke}`));
    const ops = window.length ? operations.all().filter((op) => wanted.has(`${op.key}|${op.process}|${op.invoke}`)) : [];
    windowCache = { version: model.version, ops };
    return ops;
  }

  return model;
}

function blankNode(id) {
  return { id, role: null, term: 0, commit: 0, log: 0, leader: null, keys: {}, entries: [], state: null,
    stateTime: null, status: 'up', reason: '', since: 0 };
}
