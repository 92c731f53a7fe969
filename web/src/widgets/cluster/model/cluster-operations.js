// Client operations of the cluster's event stream, one lane per client, and the links between an
// operation and the messages that served it.
//
// Lanes: a client that times out continues as a new checker process (Jepsen's rule), and the
// simulator numbers processes so that process p runs in client slot p % clients. So with `clients`
// known (the run spec's), the lane of process p is `c<p % clients + 1>`: one lane per client for
// the whole run. Without it, the lane is the request's `src`, or `p<process>`.
//
// The link rule: an operation's request has the key
// `client:msg_id`. A message serves that operation when it is
//   - the client's request (src = the client, body.msg_id),
//   - a forward of it by a node (body.client, body.client_msg_id),
//   - the answer to such a forward (dest = the forwarding node, body.in_reply_to = the forward's
//     msg_id),
//   - the reply to the client (dest = the client, body.in_reply_to = msg_id).
// Replication traffic (append_entries, replicate, quorum reads of other nodes) is shared by many
// operations and linked to none.
//
// Memory: at most `maxOps` operations are kept (the oldest go first); links of forgotten
// operations go with them.
export function createOperationLog({ maxOps = 4000, clients = 0 } = {}) {
  const ops = []; // invoke order
  let head = 0;
  let nextSeq = 1;
  const bySeq = new Map();
  const pendingByProcess = new Map(); // process -> op
  const byRequest = new Map(); // 'client:msg_id' -> op
  const forwards = new Map(); // 'node:msg_id' of a forward -> op
  const lanes = new Map(); // lane name -> index in order of first appearance

  function laneOf(event) {
    if (clients > 0 && Number.isInteger(event.op.process)) return `c${(event.op.process % clients) + 1}`;
    const src = event.message?.src;
    return src != null ? String(src) : `p${event.op.process}`;
  }

  function invoke(event) {
    const h = event.op;
    const lane = laneOf(event);
    if (!lanes.has(lane)) lanes.set(lane, lanes.size);
    const msgId = event.message?.body?.msg_id;
    const client = event.message?.src ?? lane;
    const op = { seq: nextSeq++, lane, process: h.process, f: h.f, key: h.key, value: h.value,
      invoke: h.time ?? event.time, complete: null, outcome: 'pending', error: null,
      request: msgId != null ? `${client}:${msgId}` : null, messages: [] };
    ops.push(op);
    bySeq.set(op.seq, op);
    pendingByProcess.set(h.process, op);
    if (op.request) byRequest.set(op.request, op);
    while (ops.length - head > maxOps) forget(ops[head++]);
    if (head > 1024 && head * 2 > ops.length) {
      ops.splice(0, head);
      head = 0;
    }
    return op;
  }

  function forget(op) {
    bySeq.delete(op.seq);
    if (pendingByProcess.get(op.process) === op) pendingByProcess.delete(op.process);
    if (op.request && byRequest.get(op.request) === op) byRequest.delete(op.request);
    for (const key of op.forwards ?? []) forwards.delete(key);
  }

  // complete (ok/fail) or timeout (info): the process's pending operation ends.
  function complete(event) {
    const h = event.op;
    const op = pendingByProcess.get(h.process);
    if (!op) return null;
    pendingByProcess.delete(h.process);
    op.complete = h.time ?? event.time;
    op.outcome = h.type === 'ok' || h.type === 'fail' ? h.type : 'info';
    if (h.error != null) op.error = h.error;
    if (h.type === 'ok' && op.f === 'read') op.value = h.value;
    return op;
  }

  /** The operation a message serves (see the link rule above), or null; records the link. */
  function link(record, isNode) {
    const b = record.body;
    let op = null;
    if (b.client != null && b.client_msg_id != null) {
      op = byRequest.get(`${b.client}:${b.client_msg_id}`) ?? null;
      if (op && b.msg_id != null) {
        const key = `${record.src}:${b.msg_id}`;
        forwards.set(key, op);
        (op.forwards ??= []).push(key);
      }
    } else if (!isNode(record.src) && b.msg_id != null) {
      op = byRequest.get(`${record.src}:${b.msg_id}`) ?? null;
    } else if (b.in_reply_to != null) {
      const key = `${record.dest}:${b.in_reply_to}`;
      op = (isNode(record.dest) ? forwards.get(key) : byRequest.get(key)) ?? null;
    }
    if (op) {
      record.op = op.seq;
      if (!op.messages.includes(record.id)) op.messages.push(record.id);
    }
    return op;
  }

  return {
    invoke, complete, link,
    get: (seq) => bySeq.get(seq) ?? null,
    all: () => ops.slice(head),
    count: () => ops.length - head,
    lanes: () => laneOrder([...lanes.keys()]),
    pending: () => [...pendingByProcess.values()],
  };
}

/** Lanes sorted by name with numbers compared as numbers: c2 before c10. */
export function laneOrder(names) {
  return [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The class (and colour variable suffix) of an operation's outcome: op-ok, op-fail, op-info, op-pending. */
export function outcomeClass(op) {
  return `op-${['ok', 'fail', 'info'].includes(op.outcome) ? op.outcome : 'pending'}`;
}
