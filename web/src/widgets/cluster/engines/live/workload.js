// The lin-kv clients of a live run, in the simulator's shape (cpp/kv/
// simulator.cpp): keys k0.., values 0..4, read : write : cas = 1 : 1 : 2, one
// request in flight per client, a random node per request; an error 0 or 13
// or a client timeout is `info` and the client goes on as a new process.
// Pacing: `rate` invocations per second in total (the first one 1/rate after
// the start), computed from the time the router passes in (ns), so the same
// calls give the same history: no timers.

const MAX_VALUE = 4;
const BACKLOG_NS = 100e6; // after a stall, catch up at most 100 ms of missed invocations
const MANUAL_PROCESS_BASE = 1_000_000; // manual operations' processes, apart from the clients'
const INDEFINITE_CODES = new Set([0, 13]);
const clientName = (process) => `c${process + 1}`;

class Workload {
  #nodeIds;
  #clients;
  #keys;
  #timeoutNs;
  #rng;
  #slots; // one per client; its process (and so its name) changes after an info
  #inFlight = new Map(); // client name -> {slot, msgId, op, deadline}
  #gapNs;
  #nextInvoke;
  #lastInvoke = -Infinity;
  #manualCount = 0;

  constructor({ nodeIds, clients, keys, rate, timeoutNs, rng }) {
    this.#nodeIds = nodeIds;
    this.#clients = clients;
    this.#keys = keys;
    this.#timeoutNs = timeoutNs;
    this.#rng = rng;
    this.#slots = Array.from({ length: clients }, (_, i) => ({ process: i, busy: false, nextMsgId: 1 }));
    this.#gapNs = 1e9 / rate;
    this.#nextInvoke = this.#gapNs; // as if one had been invoked at 0
  }

  /** New invocations due at `now`: [{op, message}], at most one per idle client. */
  invokeDue(now) {
    const started = [];
    if (this.#nextInvoke < now - BACKLOG_NS) this.#nextInvoke = now - BACKLOG_NS;
    for (const slot of this.#slots) {
      if (this.#nextInvoke > now) break;
      if (slot.busy) continue;
      started.push(this.#randomRequest(slot, now));
      this.#lastInvoke = now;
      this.#nextInvoke += this.#gapNs;
    }
    return started;
  }

  /** A reply reaching a client: its history event, or null if no request waits for it. */
  receive(message, now) {
    const flight = this.#inFlight.get(message.dest);
    const body = message.body ?? {};
    if (!flight || body.in_reply_to !== flight.msgId) return null;
    const isRead = flight.op.f === 'read';
    if (body.type === `${flight.op.f}_ok`) return this.#complete(message.dest, flight, 'ok', now, isRead ? { value: body.value ?? null } : {});
    if (body.type !== 'error') return null;
    if (INDEFINITE_CODES.has(body.code)) return this.#complete(message.dest, flight, 'info', now);
    return this.#complete(message.dest, flight, 'fail', now, { error: body.code, ...(isRead ? { value: null } : {}) });
  }

  /** Requests whose client gave up by `now`: their info events. */
  expire(now) {
    const ended = [];
    for (const [name, flight] of this.#inFlight) if (flight.deadline <= now) ended.push(this.#complete(name, flight, 'info', now));
    return ended;
  }

  /** When `invokeDue` or `expire` next has something to do (ns; Infinity: nothing planned). */
  nextWake() {
    let wake = this.#slots.some((s) => !s.busy) ? this.#nextInvoke : Infinity;
    for (const flight of this.#inFlight.values()) wake = Math.min(wake, flight.deadline);
    return wake;
  }

  /** A learner's operation ({node, f, key, value}), from a process of its own. */
  manual({ node, f, key, value }, now) {
    const slot = { process: MANUAL_PROCESS_BASE + this.#manualCount++, busy: false, nextMsgId: 1 };
    return this.#request(slot, f, key, f === 'read' ? null : value, node, now);
  }

  /** A new pace; the next invocation comes one new gap after the last one (a faster rate acts at once). */
  setRate(perSecond) {
    this.#gapNs = 1e9 / perSecond;
    this.#nextInvoke = Math.min(this.#nextInvoke, this.#lastInvoke + this.#gapNs);
  }

  #request(slot, f, key, value, node, now) {
    const name = clientName(slot.process);
    const msgId = slot.nextMsgId++;
    const body = { type: f, key, msg_id: msgId };
    if (f === 'write') body.value = value;
    if (f === 'cas') [body.from, body.to] = value;
    const op = { process: slot.process, type: 'invoke', f, key, value: f === 'read' ? null : value, time: now };
    slot.busy = true;
    this.#inFlight.set(name, { slot, msgId, op, deadline: now + this.#timeoutNs });
    return { op, message: { src: name, dest: node, body } };
  }

  #randomRequest(slot, now) {
    const rng = this.#rng;
    const key = `k${rng.int(this.#keys)}`;
    const pick = rng.int(4);
    const node = this.#nodeIds[rng.int(this.#nodeIds.length)];
    if (pick === 0) return this.#request(slot, 'read', key, null, node, now);
    if (pick === 1) return this.#request(slot, 'write', key, rng.uniform(0, MAX_VALUE), node, now);
    return this.#request(slot, 'cas', key, [rng.uniform(0, MAX_VALUE), rng.uniform(0, MAX_VALUE)], node, now);
  }

  /** Ends `flight` as `type`; a client slot continues as a new process after an info. */
  #complete(name, flight, type, now, extra = {}) {
    this.#inFlight.delete(name);
    flight.slot.busy = false;
    const op = { ...flight.op, type, time: now, ...extra };
    if (type === 'info' && flight.slot.process < MANUAL_PROCESS_BASE) flight.slot.process += this.#clients;
    return op;
  }
}

/**
 * @param {{nodeIds: string[], clients: number, keys: number, rate: number, timeoutNs: number,
 *          rng: ReturnType<import('./rng.js').createRng>}} options
 */
export const createWorkload = (options) => new Workload(options);
