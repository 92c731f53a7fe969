// Clients with one request in flight each, paced at `rate` requests per
// second in total from the time passed in (ns), with a timeout per request:
// what the echo and broadcast workloads (own-workloads.js) share. Requests
// and replies are matched by client name and msg_id.

const BACKLOG_NS = 100e6; // after a stall, catch up at most 100 ms of missed requests
export const clientName = (process) => `c${process + 1}`;

export class ClientPool {
  #slots;
  #inFlight = new Map(); // client name -> {slot, msgId, op, deadline}
  #timeoutNs;
  #gapNs;
  #nextInvoke;
  #lastInvoke = -Infinity;

  constructor({ clients, rate, timeoutNs, firstProcess = 0 }) {
    this.#slots = Array.from({ length: clients }, (_, i) => ({ process: firstProcess + i, busy: false, nextMsgId: 1 }));
    this.#timeoutNs = timeoutNs;
    this.#gapNs = 1e9 / rate;
    this.#nextInvoke = this.#gapNs;
  }

  /** Calls `make(slot)` -> {f, value, dest, body} for each request due at `now`; returns [{op, message}]. */
  due(now, make) {
    const started = [];
    if (this.#nextInvoke < now - BACKLOG_NS) this.#nextInvoke = now - BACKLOG_NS;
    for (const slot of this.#slots) {
      if (this.#nextInvoke > now) break;
      if (slot.busy) continue;
      started.push(this.send(slot, make(slot), now));
      this.#lastInvoke = now;
      this.#nextInvoke += this.#gapNs;
    }
    return started;
  }

  /** Sends a request from `slot` now, whatever the pace: {op, message}. */
  send(slot, { f, value, dest, body }, now) {
    const name = clientName(slot.process);
    const msgId = slot.nextMsgId++;
    const op = { process: slot.process, type: 'invoke', f, key: null, value, time: now };
    slot.busy = true;
    this.#inFlight.set(name, { slot, msgId, op, deadline: now + this.#timeoutNs });
    return { op, message: { src: name, dest, body: { ...body, msg_id: msgId } } };
  }

  /** The request a reply answers (removed from flight), or null. */
  answered(message) {
    const flight = this.#inFlight.get(message.dest);
    if (!flight || message.body?.in_reply_to !== flight.msgId) return null;
    this.#inFlight.delete(message.dest);
    flight.slot.busy = false;
    return flight;
  }

  /** Requests that timed out by `now`, removed from flight. */
  expired(now) {
    const ended = [];
    for (const [name, flight] of this.#inFlight) {
      if (flight.deadline > now) continue;
      this.#inFlight.delete(name);
      flight.slot.busy = false;
      ended.push(flight);
    }
    return ended;
  }

  /** When due() or expired() next has something to do (ns). */
  nextWake() {
    return Math.min(this.#slots.some((s) => !s.busy) ? this.#nextInvoke : Infinity, this.nextDeadline());
  }

  /** When expired() next has something to do (ns): for a pool whose requests are sent by send() only. */
  nextDeadline() {
    let wake = Infinity;
    for (const flight of this.#inFlight.values()) wake = Math.min(wake, flight.deadline);
    return wake;
  }

  setRate(perSecond) {
    this.#gapNs = 1e9 / perSecond;
    this.#nextInvoke = Math.min(this.#nextInvoke, this.#lastInvoke + this.#gapNs);
  }

  slots() {
    return this.#slots;
  }
}

/** Median and maximum of a list of ns durations, in ms (null when empty). */
export function latencyStats(durationsNs) {
  if (durationsNs.length === 0) return { medianMs: null, maxMs: null };
  const sorted = [...durationsNs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs: median / 1e6, maxMs: sorted.at(-1) / 1e6 };
}
