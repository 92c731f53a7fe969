// What the exercises judge (exercise-checks.js): every operation of a run,
// folded from the event stream, with the node that answered it. Unlike the
// views' model it keeps the whole run, but only a few numbers per operation
// (a run has at most 20,000 operations). A replay that steps back and plays
// forward again hands over the same events twice: each operation is kept once.
export function createRunRecord() {
  const open = new Map(); // process -> operation waiting for its completion
  const known = new Set(); // "process@invoke time" of every operation seen
  const ops = [];
  const invoke = (e) => {
    const key = `${e.op.process}@${e.op.time}`;
    if (known.has(key)) return;
    known.add(key);
    open.set(e.op.process, { f: e.op.f, key: e.op.key, value: e.op.value ?? null, outcome: 'info', invoke: e.op.time, complete: Infinity, node: e.message?.dest ?? null });
  };
  const complete = (e) => {
    const op = open.get(e.op.process);
    if (!op) return;
    open.delete(e.op.process);
    op.outcome = e.op.type;
    if (e.op.type !== 'info') op.complete = e.op.time;
    if (op.f === 'read' && e.op.type === 'ok') op.value = e.op.value;
    if (e.message?.src) op.node = e.message.src;
    ops.push(op);
  };
  return {
    ops,
    apply(events) {
      for (const e of events) {
        if (!e.op) continue;
        if (e.event === 'invoke') invoke(e);
        else if (e.event === 'complete' || e.event === 'timeout') complete(e);
      }
    },
  };
}
