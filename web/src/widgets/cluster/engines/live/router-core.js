// The live router's logic without a thread or a clock: the router worker
// (../live-router-worker.js) feeds it what the node workers sent and the time
// (ns since the run started), and posts what it returns. So node tests can
// drive it with virtual time and fake nodes.
//
// It routes every message between nodes (the network's latency, loss,
// duplication and blocks), holds messages for paused nodes, drops those for
// crashed or trapped ones, runs the fault script at its times and the page's
// manual steps (recording each with its `at`), runs the lin-kv clients, and
// collects the contract's events (web/src/widgets/cluster/README.md).
import { createRng } from './rng.js';
import { createNetwork } from './network.js';
import { createWorkload } from './workload.js';
import { createNodeTable } from './node-table.js';
import { TimerQueue } from './timer-queue.js';
import { createStepRunner } from './step-runner.js';

const NETWORK_EVENTS = new Set(['send', 'deliver', 'drop']);
export const nodeIdsOf = (spec) => Array.from({ length: spec.nodes }, (_, i) => `n${i + 1}`);

/** @param {object} spec the run spec (validated by the page) */
export function createRouterCore(spec, { detail = 'full' } = {}) {
  const nodeIds = nodeIdsOf(spec);
  const rng = createRng(spec.seed);
  const network = createNetwork(nodeIds, { latency: spec.latency, rng: rng.fork(1) });
  const workload = createWorkload({ nodeIds, clients: spec.clients, keys: spec.keys, rate: spec.rate,
    timeoutNs: spec.clientTimeoutMs * 1e6, rng: rng.fork(2) });
  const nodes = createNodeTable(nodeIds);
  const queue = new TimerQueue();
  const inFlight = new Map(); // id -> {id, message, sent, dest, cancelled?}
  const out = { toNodes: new Map(), events: [], history: [] };
  const counts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0 };
  let nextId = 1;

  const emit = (event) => {
    if (detail === 'full' || !NETWORK_EVENTS.has(event.event)) out.events.push(event);
  };
  const toNode = (node, item) => {
    if (!out.toNodes.has(node)) out.toNodes.set(node, []);
    out.toNodes.get(node).push(item);
  };
  /** A client event: `op` goes to the history; `id` is the message's (the request's, or the reply's). */
  const record = (event, op, message, now, id) => {
    out.history.push(op);
    emit(message ? { event, time: now, op, message, id } : { event, time: now, op });
  };
  const dropFlight = (flight, text, now) => {
    inFlight.delete(flight.id);
    counts.dropped += 1;
    emit({ event: 'drop', time: now, id: flight.id, sent: flight.sent, message: flight.message, text });
  };
  const deliverTo = (node, flight, now) => {
    inFlight.delete(flight.id);
    counts.delivered += 1;
    emit({ event: 'deliver', time: now, id: flight.id, sent: flight.sent, message: flight.message });
    toNode(node, flight.message);
  };

  function send(message, now) {
    const toClient = !network.isNode(message.dest);
    if (toClient && !String(message.dest).startsWith('c')) {
      counts.dropped += 1;
      emit({ event: 'send', time: now, id: nextId, message, arrive: null });
      emit({ event: 'drop', time: now, id: nextId++, sent: now, message, text: 'unknown destination' });
      return;
    }
    const decision = network.route(message.src, message.dest);
    if (decision.drop) {
      counts.sent += 1;
      counts.dropped += 1;
      emit({ event: 'send', time: now, id: nextId, message, arrive: null });
      emit({ event: 'drop', time: now, id: nextId++, sent: now, message, text: decision.drop });
      return;
    }
    counts.duplicated += decision.delays.length - 1;
    for (const delay of decision.delays) {
      const flight = { id: nextId++, message, sent: now, dest: message.dest };
      counts.sent += 1;
      inFlight.set(flight.id, flight);
      queue.push(now + delay, flight);
      emit({ event: 'send', time: now, id: flight.id, message, arrive: now + delay });
    }
  }

  function arrive(flight, now) {
    if (flight.cancelled) return;
    if (!network.isNode(flight.dest)) {
      inFlight.delete(flight.id);
      counts.delivered += 1;
      emit({ event: 'deliver', time: now, id: flight.id, sent: flight.sent, message: flight.message });
      const op = workload.receive(flight.message, now);
      if (op) record('complete', op, flight.message, now, flight.id);
      return;
    }
    const node = nodes.get(flight.dest);
    if (node.status === 'up') deliverTo(flight.dest, flight, now);
    else if (node.status === 'paused') node.waiting.push(flight);
    else dropFlight(flight, 'node down', now);
  }

  const steps = createStepRunner({ spec, nodes, network, emit, toNode, deliverTo, dropFlight });

  function invokeClients(now) {
    for (const op of workload.expire(now)) record('timeout', op, null, now);
    for (const { op, message } of workload.invokeDue(now)) {
      record('invoke', op, message, now, nextId); // its send, next, takes this id
      send(message, now);
    }
  }

  return {
    nodeIds,

    /** The init command for every node (the first thing each node worker gets); `epochMs`: the run's start. */
    start(epochMs) {
      nodeIds.forEach((id, i) => toNode(id, {
        cmd: 'init', start: epochMs, protocol: spec.protocol, seed: (spec.seed * 31 + i + 1) % 2 ** 52,
        config: { replicas: spec.replicas, r: spec.r, w: spec.w },
        message: { src: 'c0', dest: id, body: { type: 'init', msg_id: 0, node_id: id, node_ids: nodeIds } },
      }));
    },

    /** What node worker `node` posted: {out?: messages, state?: summary, trap?: text}. */
    fromNode(node, batch, now) {
      if (batch.state) {
        nodes.get(node).state = batch.state;
        emit({ event: 'state', time: now, node, state: batch.state });
      }
      const status = nodes.get(node).status;
      // A crashed node's worker may still post what it sent before it heard of the crash.
      if (batch.out && status !== 'trapped') for (const message of batch.out) send(message, now);
      if (batch.trap !== undefined) steps.trapped(node, batch.trap, now);
    },

    /** Runs what is due at `now`: fault steps, client timeouts and invocations, deliveries. */
    pump(now) {
      steps.runDue(now);
      invokeClients(now);
      for (const flight of queue.popDue(now)) arrive(flight, now);
    },

    /** A step from the page, run now and recorded. */
    fault: (step, now) => steps.run(step, now),
    /** A learner's client operation {node, f, key, value}. */
    clientOp(op, now) {
      const { op: invoke, message } = workload.manual(op, now);
      record('invoke', invoke, message, now, nextId);
      send(message, now);
    },
    /** Click-to-drop: the message in flight `id` is dropped; false if it already arrived. */
    dropMessage(id, now) {
      const flight = inFlight.get(id);
      if (!flight) return false;
      flight.cancelled = true;
      dropFlight(flight, 'dropped by you', now);
      return true;
    },
    /** A node worker died (error event, or it reported a trap). */
    nodeGone: (node, text, now) => steps.trapped(node, text, now),
    setRate: (rate) => workload.setRate(rate),
    setDetail(value) {
      detail = value;
    },
    /** The steps run so far, each with the `at` (ms) it ran at: a script that replays this run. */
    faultScript: () => steps.recorded(),
    /** When pump() next has something to do (ns). */
    nextWake: () => Math.min(queue.peekTime(), workload.nextWake(), steps.nextAt()),
    inFlightCount: () => inFlight.size,

    /** Takes what was collected: {toNodes: Map(node -> items), events, history}. */
    take(now) {
      if (detail === 'counts' && counts.sent + counts.delivered + counts.dropped > 0) {
        out.events.push({ event: 'counts', time: now, ...counts, inFlight: inFlight.size });
      }
      Object.keys(counts).forEach((k) => { counts[k] = 0; });
      const taken = { toNodes: out.toNodes, events: out.events, history: out.history };
      out.toNodes = new Map();
      out.events = [];
      out.history = [];
      return taken;
    },
  };
}
