// What the exercises judge (exercise-checks.js): every operation of a run,
// folded from the event stream, with the node that answered it. Unlike the
// views' model it keeps the whole run, but only a few numbers per operation
// (a run has at most 20,000 operations).
export function createRunRecord() {
  const open = new Map(); // process -> operation waiting for its completion
  const ops = [];
  return {
    ops,
    apply(events) {
      for (const e of events) {
        if (e.event === 'invoke' && e.op) {
          open.set(e.op.process, { f: e.op.f, key: e.op.key, value: e.op.value ?? null, outcome: 'info', invoke: e.op.time, complete: Infinity, node: e.message?.dest ?? null });
        } else if ((e.event === 'complete' || e.event === 'timeout') && e.op) {
          const op = open.get(e.op.process);
          if (!op) continue;
          open.delete(e.op.process);
          op.outcome = e.op.type;
          if (e.op.type !== 'info') op.complete = e.op.time;
          if (op.f === 'read' && e.op.type === 'ok') op.value = e.op.value;
          if (e.message?.src) op.node = e.message.src;
          ops.push(op);
        }
      }
    },
  };
}
