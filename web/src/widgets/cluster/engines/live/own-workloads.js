// The workloads of a learner's own nodes besides lin-kv (Gossip Glomers'
// echo and broadcast), with the same calls as workload.js so the router core
// drives them alike, plus verdict(now) and nodeMessage() (a node-to-node
// send, for messages per operation). Pure: time (ns) is passed in.
//
// echo:      `echo` with a random string to a random node; `echo_ok` must carry the same string.
// broadcast: `topology` (a grid) to each node once it answered init; `broadcast {message: k}`
//            with unique ints to random nodes, once every node answered topology (or
//            TOPOLOGY_WAIT_NS after the start, so one silent node does not stop the run);
//            every READ_EVERY_NS a `read` from every node.
//            A value acknowledged at least SETTLE_NS before a node's latest read began must be
//            in that read; the verdict is that check over every node's latest read.
// Verdict: {verdict: 'valid'|'invalid'|'pending', workload, sentence, stats}.
import { ClientPool, latencyStats } from './client-pool.js';

export const READ_EVERY_NS = 1000e6;
export const SETTLE_NS = 2000e6;
export const TOPOLOGY_WAIT_NS = 5000e6;
const MANUAL_PROCESS_BASE = 1_000_000;
const seconds = (ns) => `${(ns / 1e9).toFixed(2)} s`;

class EchoWorkload {
  #pool;
  #nodeIds;
  #rng;
  #stats = { ops: 0, ok: 0, failed: 0, timedOut: 0, mismatched: 0 };
  #latencies = [];
  #firstMismatch = null;
  #manualCount = 0;

  constructor({ nodeIds, clients, rate, timeoutNs, rng }) {
    this.#pool = new ClientPool({ clients, rate, timeoutNs });
    this.#nodeIds = nodeIds;
    this.#rng = rng;
  }

  #request(node, text) {
    return { f: 'echo', value: text, dest: node, body: { type: 'echo', echo: text } };
  }

  invokeDue(now) {
    const started = this.#pool.due(now, () => {
      const node = this.#nodeIds[this.#rng.int(this.#nodeIds.length)];
      return this.#request(node, `hello ${this.#rng.int(1e9).toString(36)}`);
    });
    this.#stats.ops += started.length;
    return started;
  }

  receive(message, now) {
    const flight = this.#pool.answered(message);
    if (!flight) return null;
    const body = message.body;
    const { op } = flight;
    if (body.type !== 'echo_ok') {
      this.#stats.failed += 1;
      return { ...op, type: 'fail', time: now, error: body.code ?? body.type };
    }
    this.#latencies.push(now - op.time);
    this.#stats.ok += 1;
    if (body.echo !== op.value) {
      this.#stats.mismatched += 1;
      this.#firstMismatch ??= { node: message.src, sent: op.value, got: body.echo };
    }
    return { ...op, type: 'ok', time: now, value: body.echo ?? null };
  }

  expire(now) {
    const ended = this.#pool.expired(now).map(({ op }) => ({ ...op, type: 'info', time: now }));
    this.#stats.timedOut += ended.length;
    return ended;
  }

  nextWake() {
    return this.#pool.nextWake();
  }

  manual({ node, value }, now) {
    const slot = { process: MANUAL_PROCESS_BASE + this.#manualCount++, busy: false, nextMsgId: 1 };
    this.#stats.ops += 1;
    return this.#pool.send(slot, this.#request(node, String(value ?? 'hello')), now);
  }

  setRate(rate) {
    this.#pool.setRate(rate);
  }

  verdict() {
    const stats = { ...this.#stats, ...latencyStats(this.#latencies) };
    const base = { workload: 'echo', stats };
    const m = this.#firstMismatch;
    if (m) {
      return { ...base, verdict: 'invalid',
        sentence: `${m.node} answered echo ${JSON.stringify(m.sent)} with ${JSON.stringify(m.got)} (${stats.mismatched} of ${stats.ok} replies differ)` };
    }
    if (stats.ok === 0) return { ...base, verdict: 'pending', sentence: 'no echo has been answered yet' };
    return { ...base, verdict: 'valid', sentence: `every one of the ${stats.ok} replies echoed its request` };
  }
}

/** Each node's neighbours in a grid of ceil(sqrt(n)) columns (Maelstrom's default topology). */
export function gridTopology(nodeIds) {
  const columns = Math.ceil(Math.sqrt(nodeIds.length));
  const at = (row, col) => (col >= 0 && col < columns ? nodeIds[row * columns + col] : undefined);
  return Object.fromEntries(nodeIds.map((id, i) => {
    const [row, col] = [Math.floor(i / columns), i % columns];
    return [id, [at(row - 1, col), at(row + 1, col), at(row, col - 1), at(row, col + 1)].filter(Boolean)];
  }));
}

class BroadcastWorkload {
  #pool;
  #readers;
  #nodeIds;
  #rng;
  #topology;
  #outbox = []; // topology messages to send
  #topologyOk = new Set(); // nodes that answered topology
  #nextTopologyId = 1;
  #nextValue = 0;
  #acked = new Map(); // value -> ns acknowledged
  #latestRead = new Map(); // node -> {invoked, values: Set}
  #nextRead = READ_EVERY_NS;
  #latencies = [];
  #stats = { broadcasts: 0, acknowledged: 0, reads: 0, timedOut: 0, nodeMessages: 0 };
  #manualCount = 0;
  #cache = null;

  constructor({ nodeIds, clients, rate, timeoutNs, rng }) {
    this.#pool = new ClientPool({ clients, rate, timeoutNs });
    // One reader per node, with processes after the clients' (paced by READ_EVERY_NS, not by a rate).
    this.#readers = new ClientPool({ clients: nodeIds.length, rate: 1, timeoutNs, firstProcess: clients });
    this.#nodeIds = nodeIds;
    this.#rng = rng;
    this.#topology = gridTopology(nodeIds);
  }

  #broadcast(node, value) {
    return { f: 'broadcast', value, dest: node, body: { type: 'broadcast', message: value } };
  }

  invokeDue(now) {
    const due = this.#outbox.splice(0).map((message) => ({ op: null, message }));
    const ready = this.#topologyOk.size === this.#nodeIds.length || now >= TOPOLOGY_WAIT_NS;
    const started = ready ? this.#pool.due(now, () => this.#broadcast(this.#nodeIds[this.#rng.int(this.#nodeIds.length)], this.#nextValue++)) : [];
    this.#stats.broadcasts += started.length;
    due.push(...started);
    if (now >= this.#nextRead) {
      this.#nextRead = now + READ_EVERY_NS;
      this.#readers.slots().forEach((slot, i) => {
        if (!slot.busy) due.push(this.#readers.send(slot, { f: 'read', value: null, dest: this.#nodeIds[i], body: { type: 'read' } }, now));
      });
    }
    return due;
  }

  receive(message, now) {
    const body = message.body ?? {};
    if (body.type === 'init_ok' && this.#topology[message.src]) {
      this.#outbox.push({ src: message.dest, dest: message.src,
        body: { type: 'topology', topology: this.#topology, msg_id: this.#nextTopologyId++ } });
      return null;
    }
    if (body.type === 'topology_ok' && this.#topology[message.src]) {
      this.#topologyOk.add(message.src);
      return null;
    }
    const flight = this.#pool.answered(message) ?? this.#readers.answered(message);
    if (!flight) return null;
    const { op } = flight;
    if (body.type !== `${op.f}_ok`) return { ...op, type: 'fail', time: now, error: body.code ?? body.type };
    if (op.f === 'read') {
      const values = Array.isArray(body.messages) ? body.messages : [];
      this.#latestRead.set(message.src, { invoked: op.time, values: new Set(values) });
      this.#cache = null;
      this.#stats.reads += 1;
      return { ...op, type: 'ok', time: now, value: [...values].sort((a, b) => a - b) };
    }
    this.#acked.set(op.value, now);
    this.#stats.acknowledged += 1;
    this.#latencies.push(now - op.time);
    return { ...op, type: 'ok', time: now };
  }

  expire(now) {
    const ended = [...this.#pool.expired(now), ...this.#readers.expired(now)].map(({ op }) => ({ ...op, type: 'info', time: now }));
    this.#stats.timedOut += ended.length;
    return ended;
  }

  nextWake() {
    const notBefore = this.#topologyOk.size === this.#nodeIds.length ? 0 : TOPOLOGY_WAIT_NS;
    return Math.min(Math.max(this.#pool.nextWake(), notBefore), this.#readers.nextDeadline(), this.#nextRead, this.#outbox.length ? 0 : Infinity);
  }

  manual({ node, f, value }, now) {
    const slot = { process: MANUAL_PROCESS_BASE + this.#manualCount++, busy: false, nextMsgId: 1 };
    if (f === 'read') return this.#readers.send(slot, { f: 'read', value: null, dest: node, body: { type: 'read' } }, now);
    this.#stats.broadcasts += 1;
    return this.#pool.send(slot, this.#broadcast(node, Number.isInteger(value) ? value : this.#nextValue++), now);
  }

  setRate(rate) {
    this.#pool.setRate(rate);
  }

  nodeMessage() {
    this.#stats.nodeMessages += 1;
  }

  verdict() {
    const s = this.#stats;
    const stats = { ...s, messagesPerOp: s.broadcasts ? s.nodeMessages / s.broadcasts : null, ...latencyStats(this.#latencies) };
    this.#cache ??= this.#judge(); // only a read (or a failed one) changes the judgement
    return { ...this.#cache, workload: 'broadcast', stats };
  }

  #judge() {
    const base = {};
    let checked = 0;
    let missing = 0;
    let first = null;
    for (const [node, read] of this.#latestRead) {
      for (const [value, ackedAt] of this.#acked) {
        if (ackedAt + SETTLE_NS > read.invoked) continue;
        checked += 1;
        if (read.values.has(value)) continue;
        missing += 1;
        first ??= { node, value, ackedAt, readAt: read.invoked };
      }
    }
    if (first) {
      return { ...base, verdict: 'invalid', sentence: `${first.node} does not have ${first.value}: acknowledged at ${seconds(first.ackedAt)}, `
        + `missing from ${first.node}'s read at ${seconds(first.readAt)} (${missing} value${missing === 1 ? '' : 's'} missing across the latest reads)` };
    }
    if (checked === 0) return { ...base, verdict: 'pending', sentence: 'no read has been due to contain an acknowledged value yet' };
    return { ...base, verdict: 'valid', sentence: `every value acknowledged ${SETTLE_NS / 1e9} s before a node's latest read is in it (${this.#acked.size} values, ${this.#latestRead.size} nodes)` };
  }
}

/** @param {'echo'|'broadcast'} name @param {object} options as createWorkload's */
export function createOwnWorkload(name, options) {
  if (name === 'echo') return new EchoWorkload(options);
  if (name === 'broadcast') return new BroadcastWorkload(options);
  throw new Error(`no workload named ${name}`);
}
