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

/**
 * @param {{nodeIds: string[], clients: number, keys: number, rate: number, timeoutNs: number,
 *          rng: ReturnType<import('./rng.js').createRng>}} options
 */
export function createWorkload({ nodeIds, clients, keys, rate, timeoutNs, rng }) {
  // One slot per client; its process and name change after an info.
  const slots = Array.from({ length: clients }, (_, i) => ({ process: i, busy: null, nextMsgId: 1 }));
  const inFlight = new Map(); // client name -> {slot, msgId, op, deadline}
  let gapNs = 1e9 / rate;
  let nextInvoke = gapNs; // the first one gap after the start, as if one had been invoked at 0
  let lastInvoke = -Infinity;
  let manualCount = 0;
  const clientName = (process) => `c${process + 1}`;

  function request(slot, f, key, value, node, now) {
    const name = clientName(slot.process);
    const msgId = slot.nextMsgId++;
    const body = { type: f, key, msg_id: msgId };
    if (f === 'write') body.value = value;
    if (f === 'cas') [body.from, body.to] = value;
    const op = { process: slot.process, type: 'invoke', f, key, value: f === 'read' ? null : value, time: now };
    const flight = { slot, msgId, op, deadline: now + timeoutNs };
    slot.busy = flight;
    inFlight.set(name, flight);
    return { op, message: { src: name, dest: node, body } };
  }

  function randomRequest(slot, now) {
    const key = `k${rng.int(keys)}`;
    const pick = rng.int(4);
    const node = nodeIds[rng.int(nodeIds.length)];
    if (pick === 0) return request(slot, 'read', key, null, node, now);
    if (pick === 1) return request(slot, 'write', key, rng.uniform(0, MAX_VALUE), node, now);
    return request(slot, 'cas', key, [rng.uniform(0, MAX_VALUE), rng.uniform(0, MAX_VALUE)], node, now);
  }

  /** Ends `flight` as `type`; a client slot continues as a new process after an info. */
  function complete(name, flight, type, now, extra = {}) {
    inFlight.delete(name);
    flight.slot.busy = null;
    const op = { ...flight.op, type, time: now, ...extra };
    if (type === 'info' && flight.slot.process < MANUAL_PROCESS_BASE) flight.slot.process += clients;
    return op;
  }

  return {
    /** New invocations due at `now`: [{op, message}], at most one per idle client. */
    invokeDue(now) {
      const started = [];
      if (nextInvoke < now - BACKLOG_NS) nextInvoke = now - BACKLOG_NS;
      for (const slot of slots) {
        if (nextInvoke > now) break;
        if (slot.busy) continue;
        started.push(randomRequest(slot, now));
        lastInvoke = now;
        nextInvoke += gapNs;
      }
      return started;
    },

    /** A reply reaching a client: its history event, or null if no request waits for it. */
    receive(message, now) {
      const flight = inFlight.get(message.dest);
      const body = message.body ?? {};
      if (!flight || body.in_reply_to !== flight.msgId) return null;
      if (body.type === `${flight.op.f}_ok`) {
        return complete(message.dest, flight, 'ok', now, flight.op.f === 'read' ? { value: body.value ?? null } : {});
      }
      if (body.type !== 'error') return null;
      if (INDEFINITE_CODES.has(body.code)) return complete(message.dest, flight, 'info', now);
      return complete(message.dest, flight, 'fail', now, { error: body.code, ...(flight.op.f === 'read' ? { value: null } : {}) });
    },

    /** Requests whose client gave up by `now`: their info events. */
    expire(now) {
      const ended = [];
      for (const [name, flight] of inFlight) if (flight.deadline <= now) ended.push(complete(name, flight, 'info', now));
      return ended;
    },

    /** When `invokeDue` or `expire` next has something to do (ns; Infinity: nothing planned). */
    nextWake() {
      let wake = slots.some((s) => !s.busy) ? nextInvoke : Infinity;
      for (const flight of inFlight.values()) wake = Math.min(wake, flight.deadline);
      return wake;
    },

    /** A learner's operation ({node, f, key, value}), from a process of its own. */
    manual({ node, f, key, value }, now) {
      const slot = { process: MANUAL_PROCESS_BASE + manualCount++, busy: null, nextMsgId: 1 };
      return request(slot, f, key, f === 'read' ? null : value, node, now);
    },

    /** A new pace; the next invocation comes one new gap after the last one (a faster rate acts at once). */
    setRate(perSecond) {
      gapNs = 1e9 / perSecond;
      nextInvoke = Math.min(nextInvoke, lastInvoke + gapNs);
    },
  };
}
