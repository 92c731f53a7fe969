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
import { createOwnWorkload } from './own-workloads.js';
import { createNodeTable } from './node-table.js';
import { TimerQueue } from './timer-queue.js';
import { createStepRunner } from './step-runner.js';

const VERDICT_EVERY_NS = 100e6;
const NETWORK_EVENTS = new Set(['send', 'deliver', 'drop']);
export const nodeIdsOf = (spec) => Array.from({ length: spec.nodes }, (_, i) => `n${i + 1}`);

class RouterCore {
  #spec;
  #detail;
  #network;
  #workload;
  #nodes;
  #steps;
  #queue = new TimerQueue();
  #inFlight = new Map(); // id -> {id, message, sent, dest, cancelled?}
  #out = { toNodes: new Map(), events: [], history: [] };
  #counts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0 };
  #nextId = 1;
  #lastVerdict = '';
  #verdictAt = -Infinity;

  constructor(spec, detail) {
    this.#spec = spec;
    this.#detail = detail;
    this.nodeIds = nodeIdsOf(spec);
    const rng = createRng(spec.seed);
    this.#network = createNetwork(this.nodeIds, { latency: spec.latency, rng: rng.fork(1) });
    const clients = { nodeIds: this.nodeIds, clients: spec.clients, keys: spec.keys, rate: spec.rate,
      timeoutNs: spec.clientTimeoutMs * 1e6, rng: rng.fork(2) };
    // A learner's nodes ('own') may run the echo or broadcast workload, judged here; lin-kv by the checker.
    const own = spec.protocol === 'own' && (spec.workload ?? 'lin-kv') !== 'lin-kv';
    this.#workload = own ? createOwnWorkload(spec.workload, clients) : createWorkload(clients);
    this.#nodes = createNodeTable(this.nodeIds);
    this.#steps = createStepRunner({
      spec, nodes: this.#nodes, network: this.#network,
      emit: (event) => this.#emit(event),
      toNode: (node, item) => this.#toNode(node, item),
      deliverTo: (node, flight, now) => this.#deliverTo(node, flight, now),
      dropFlight: (flight, text, now) => this.#dropFlight(flight, text, now),
    });
  }

  /** The init command for every node (the first thing each node worker gets); `epochMs`: the run's start. */
  start(epochMs) {
    const { protocol, seed, replicas, r, w } = this.#spec;
    this.nodeIds.forEach((id, i) => this.#toNode(id, {
      cmd: 'init', start: epochMs, protocol, seed: (seed * 31 + i + 1) % 2 ** 52, config: { replicas, r, w },
      message: { src: 'c0', dest: id, body: { type: 'init', msg_id: 0, node_id: id, node_ids: this.nodeIds } },
    }));
  }

  /**
   * What node worker `node` posted: {out?: messages, state?: summary, trap?: text}; a learner's node
   * also {log?: [{stream, text, rejected?}], problem?: [{kind, text}]}.
   */
  fromNode(node, batch, now) {
    for (const entry of batch.log ?? []) this.#emit({ event: 'log', time: now, node, ...entry });
    for (const { kind, text } of batch.problem ?? []) this.#emit({ event: 'problem', time: now, node, kind, text });
    if (batch.state) {
      this.#nodes.get(node).state = batch.state;
      this.#emit({ event: 'state', time: now, node, state: batch.state });
    }
    // A crashed node's worker may still post what it sent before it heard of the crash.
    if (batch.out && this.#nodes.get(node).status !== 'trapped') for (const message of batch.out) this.#send(message, now);
    if (batch.trap !== undefined) this.#steps.trapped(node, batch.trap, now);
  }

  /** Runs what is due at `now`: fault steps, client timeouts and invocations, deliveries. */
  pump(now) {
    this.#steps.runDue(now);
    for (const op of this.#workload.expire(now)) this.#record('timeout', op, null, now);
    for (const { op, message } of this.#workload.invokeDue(now)) {
      // op null: a message that is no operation (broadcast's topology)
      if (op) this.#record('invoke', op, message, now, this.#nextId); // its send, next, takes this id
      this.#send(message, now);
    }
    for (const flight of this.#queue.popDue(now)) this.#arrive(flight, now);
  }

  /** A step from the page, run now and recorded; false if it did not apply. */
  fault(step, now) {
    return this.#steps.run(step, now);
  }

  /** A learner's client operation {node, f, key, value}. */
  clientOp(op, now) {
    const { op: invoke, message } = this.#workload.manual(op, now);
    this.#record('invoke', invoke, message, now, this.#nextId);
    this.#send(message, now);
  }

  /** Click-to-drop: the message in flight `id` is dropped; false if it already arrived. */
  dropMessage(id, now) {
    const flight = this.#inFlight.get(id);
    if (!flight) return false;
    flight.cancelled = true;
    this.#dropFlight(flight, 'dropped by you', now);
    return true;
  }

  /** A node worker died (error event, or it reported a trap). */
  nodeGone(node, text, now) {
    this.#steps.trapped(node, text, now);
  }

  setRate(rate) {
    this.#workload.setRate(rate);
  }

  setDetail(detail) {
    this.#detail = detail;
  }

  /** The steps run so far, each with the `at` (ms) it ran at: a script that replays this run. */
  faultScript() {
    return this.#steps.recorded();
  }

  /** When pump() next has something to do (ns). */
  nextWake() {
    return Math.min(this.#queue.peekTime(), this.#workload.nextWake(), this.#steps.nextAt());
  }

  inFlightCount() {
    return this.#inFlight.size;
  }

  /** Takes what was collected: {toNodes: Map(node -> items), events, history, verdict?} (verdict: when it changed). */
  take(now) {
    // The router's own verdict (echo, broadcast): recomputed at most every VERDICT_EVERY_NS.
    let verdict = null;
    if (this.#workload.verdict && now - this.#verdictAt >= VERDICT_EVERY_NS) {
      this.#verdictAt = now;
      verdict = this.#workload.verdict(now);
    }
    const verdictText = verdict ? JSON.stringify(verdict) : this.#lastVerdict;
    const counts = this.#counts;
    if (this.#detail === 'counts' && counts.sent + counts.delivered + counts.dropped > 0) {
      this.#out.events.push({ event: 'counts', time: now, ...counts, inFlight: this.#inFlight.size });
    }
    Object.keys(counts).forEach((k) => { counts[k] = 0; });
    const taken = this.#out;
    this.#out = { toNodes: new Map(), events: [], history: [] };
    if (verdictText !== this.#lastVerdict) {
      this.#lastVerdict = verdictText;
      taken.verdict = verdict;
    }
    return taken;
  }

  #emit(event) {
    if (this.#detail === 'full' || !NETWORK_EVENTS.has(event.event)) this.#out.events.push(event);
  }

  #toNode(node, item) {
    const { toNodes } = this.#out;
    if (!toNodes.has(node)) toNodes.set(node, []);
    toNodes.get(node).push(item);
  }

  /** A client event: `op` goes to the history; `id` is the message's (the request's, or the reply's). */
  #record(event, op, message, now, id) {
    this.#out.history.push(op);
    this.#emit(message ? { event, time: now, op, message, id } : { event, time: now, op });
  }

  #dropFlight(flight, text, now) {
    this.#inFlight.delete(flight.id);
    this.#counts.dropped += 1;
    this.#emit({ event: 'drop', time: now, id: flight.id, sent: flight.sent, message: flight.message, text });
  }

  #deliverTo(node, flight, now) {
    this.#inFlight.delete(flight.id);
    this.#counts.delivered += 1;
    this.#emit({ event: 'deliver', time: now, id: flight.id, sent: flight.sent, message: flight.message });
    if (node) this.#toNode(node, flight.message);
  }

  /** A message leaves its sender: dropped at once, or in flight (twice if duplicated) until it arrives. */
  #send(message, now) {
    const toClient = !this.#network.isNode(message.dest);
    if (!toClient && this.#network.isNode(message.src)) this.#workload.nodeMessage?.();
    const decision = toClient && !String(message.dest).startsWith('c')
      ? { drop: 'unknown destination' }
      : this.#network.route(message.src, message.dest);
    if (decision.drop) {
      const id = this.#nextId++;
      this.#counts.sent += 1;
      this.#emit({ event: 'send', time: now, id, message, arrive: null });
      this.#dropFlight({ id, message, sent: now }, decision.drop, now);
      return;
    }
    this.#counts.duplicated += decision.delays.length - 1;
    for (const delay of decision.delays) {
      const flight = { id: this.#nextId++, message, sent: now, dest: message.dest };
      this.#counts.sent += 1;
      this.#inFlight.set(flight.id, flight);
      this.#queue.push(now + delay, flight);
      this.#emit({ event: 'send', time: now, id: flight.id, message, arrive: now + delay });
    }
  }

  /** A message's time in flight is over: to its node (or held, or dropped), or to its client. */
  #arrive(flight, now) {
    if (flight.cancelled) return;
    if (!this.#network.isNode(flight.dest)) {
      this.#deliverTo(null, flight, now);
      const op = this.#workload.receive(flight.message, now);
      if (op) this.#record('complete', op, flight.message, now, flight.id);
      return;
    }
    const node = this.#nodes.get(flight.dest);
    if (node.status === 'up') this.#deliverTo(flight.dest, flight, now);
    else if (node.status === 'paused') node.waiting.push(flight);
    else this.#dropFlight(flight, 'node down', now);
  }
}

/** @param {object} spec the run spec (validated by the page) @param {{detail?: 'full'|'counts'}} options */
export const createRouterCore = (spec, { detail = 'full' } = {}) => new RouterCore(spec, detail);
