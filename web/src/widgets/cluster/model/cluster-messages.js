// Messages of the cluster's event stream: those in flight (sent, neither delivered nor dropped yet)
// and the recent ones the message diagram draws, in a window of the last `windowNs` of run time.
// Memory stays bounded whatever the run's length: finished messages older than the window are
// forgotten, and beyond `maxRecent` records (a flood inside the window) the oldest go first; the
// in-flight set is capped at `maxInFlight` (messages waiting for a paused node can pile up).
//
// A record: {id, src, dest, type, body, sent, arrive, delivered, dropped, dropText, op}
// (times in ns; arrive null when the network dropped the message at once; delivered and dropped
// null until they happen; op: the operation's seq it serves, or null).
// Engines without `send` events (older simulators) deliver messages with neither id nor send
// time: such a message gets a negative id and is drawn from its delivery time (zero length).
export function createMessageWindow({ windowNs = 5e9, maxRecent = 5000, maxInFlight = 20000 } = {}) {
  const inFlight = new Map(); // id -> record
  const byId = new Map(); // id -> newest record with that id, in `recent`
  let recent = [];
  let head = 0; // recent[head..] are kept; compacted now and then
  let anonymous = 0;

  function remember(record) {
    recent.push(record);
    byId.set(record.id, record);
    if (recent.length - head > maxRecent) forget(recent[head++]);
  }

  function forget(record) {
    if (byId.get(record.id) === record) byId.delete(record.id);
  }

  function recordOf(message, id, sent, arrive) {
    return { id, src: message.src, dest: message.dest, type: message.body?.type ?? '?', body: message.body ?? {},
      sent, arrive, delivered: null, dropped: null, dropText: '', op: null };
  }

  /** A message left its sender. Returns its record. */
  function send(event) {
    const record = recordOf(event.message, event.id, event.time, event.arrive ?? null);
    if (event.arrive == null) {
      record.dropped = event.time;
      record.dropText = event.text ?? '';
    } else {
      inFlight.set(record.id, record);
      if (inFlight.size > maxInFlight) inFlight.delete(inFlight.keys().next().value);
    }
    remember(record);
    return record;
  }

  // The record a deliver or drop event finishes; a duplicate delivered twice gets a second record.
  // A message the network dropped at once (send with arrive null) keeps its one record when the
  // engine then reports its drop.
  function finished(event) {
    const known = event.id != null ? byId.get(event.id) ?? inFlight.get(event.id) : undefined;
    inFlight.delete(event.id);
    const droppedAtOnce = known && known.arrive == null && known.delivered == null && event.event === 'drop';
    if (known && ((known.delivered == null && known.dropped == null) || droppedAtOnce)) {
      if (byId.get(known.id) !== known) remember(known); // it had left the window while in flight
      return known;
    }
    const id = event.id ?? --anonymous;
    const sent = event.sent ?? known?.sent ?? event.time;
    const record = recordOf(event.message, id, sent, event.time);
    if (known) record.op = known.op;
    remember(record);
    return record;
  }

  function deliver(event) {
    const record = finished(event);
    record.delivered = event.time;
    if (record.arrive == null) record.arrive = event.time;
    return record;
  }

  function drop(event) {
    const record = finished(event);
    record.dropped ??= event.time;
    record.dropText = event.text ?? '';
    return record;
  }

  // Forgets messages that ended (or, still in flight, were sent) before now - windowNs. One still
  // in flight stays in the in-flight set and comes back into the window when it arrives.
  function prune(nowNs) {
    const horizon = nowNs - windowNs;
    while (head < recent.length) {
      const r = recent[head];
      if ((r.delivered ?? r.dropped ?? r.sent) >= horizon) break;
      forget(r);
      head++;
    }
    if (head > 1024 && head * 2 > recent.length) {
      recent = recent.slice(head);
      head = 0;
    }
  }

  return {
    send, deliver, drop, prune,
    get: (id) => inFlight.get(id) ?? byId.get(id),
    inFlight: () => [...inFlight.values()],
    inFlightCount: () => inFlight.size,
    isInFlight: (id) => inFlight.has(id),
    /** Records sent or finished at or after fromNs, oldest first. */
    recent(fromNs = -Infinity) {
      const out = [];
      for (let i = head; i < recent.length; i++) {
        const r = recent[i];
        if ((r.delivered ?? r.dropped ?? Infinity) >= fromNs) out.push(r);
      }
      return out;
    },
    size: () => recent.length - head,
    storedSize: () => recent.length,
  };
}
