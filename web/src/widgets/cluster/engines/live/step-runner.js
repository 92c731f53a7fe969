// Fault steps in a live run (web/src/widgets/cluster/README.md "Fault
// steps"): the script's steps at their times and the page's steps at once,
// each recorded with the `at` (ms) it ran at, so the run can be saved as a
// script that replays it. 'leader' is resolved when the step runs. Node steps
// change the router's node table and tell the node's worker; network steps
// change the network.

// Each node step: the statuses it applies to, and what it does (ctx: the router's hooks).
const NODE_STEPS = {
  crash: { from: ['up', 'paused'], apply(ctx, node, id, step, now) {
    for (const flight of node.waiting.splice(0)) ctx.dropFlight(flight, 'node down', now);
    Object.assign(node, { status: 'down', keep: Boolean(step.keep) });
    ctx.toNode(id, { cmd: 'crash', keep: node.keep });
    ctx.emit({ event: 'crash', time: now, node: id, text: node.keep ? 'keeps its state' : 'loses its volatile state', step });
    if (node.state) ctx.emit({ event: 'state', time: now, node: id, state: { ...node.state, role: 'down' } });
  } },
  restart: { from: ['down'], apply(ctx, node, id, step, now) {
    node.status = 'up';
    ctx.toNode(id, { cmd: 'restart' });
    ctx.emit({ event: 'restart', time: now, node: id, step });
  } },
  pause: { from: ['up'], apply(ctx, node, id, step, now) {
    node.status = 'paused';
    ctx.toNode(id, { cmd: 'pause' });
    ctx.emit({ event: 'pause', time: now, node: id, step });
  } },
  resume: { from: ['paused'], apply(ctx, node, id, step, now) {
    node.status = 'up';
    ctx.toNode(id, { cmd: 'resume' });
    ctx.emit({ event: 'resume', time: now, node: id, step });
    for (const flight of node.waiting.splice(0)) if (!flight.cancelled) ctx.deliverTo(id, flight, now);
  } },
  // The node is marked trapped when its worker reports the trap (trapped() below).
  trap: { from: ['up', 'paused', 'down'], apply(ctx, node, id, step, now) {
    ctx.toNode(id, { cmd: 'trap' });
    ctx.emit({ event: 'fault', time: now, text: `${id}'s wasm is made to trap`, step });
  } },
};

/**
 * @param {{spec: object, nodes: ReturnType<import('./node-table.js').createNodeTable>,
 *   network: ReturnType<import('./network.js').createNetwork>, emit: Function, toNode: Function,
 *   deliverTo: Function, dropFlight: Function}} ctx
 */
export function createStepRunner(ctx) {
  const { nodes, network, emit } = ctx;
  const script = [...(ctx.spec.faults ?? [])].sort((a, b) => a.at - b.at);
  let nextScripted = 0;
  const recorded = [];

  /** Runs `step` now; returns whether it took effect (and was recorded). A scripted step keeps its planned `at`. */
  function run(step, now, scripted = false) {
    const kind = NODE_STEPS[step.do];
    const id = kind || step.do === 'isolate' ? nodes.resolve(step.node) : null;
    let done = false;
    if ((kind || step.do === 'isolate') && !id) {
      emit({ event: 'fault', time: now, text: `${step.do} ${step.node}: no such node known now, step skipped`, step });
    } else if (kind && !kind.from.includes(nodes.get(id).status)) {
      emit({ event: 'fault', time: now, text: `${step.do} ${id}: not applied, the node is ${nodes.get(id).status}`, step });
    } else if (kind) {
      kind.apply(ctx, nodes.get(id), id, step, now);
      done = true;
    } else {
      const text = network.apply(step.do === 'isolate' ? { ...step, node: id } : step);
      emit({ event: step.do === 'heal' ? 'heal' : 'fault', time: now, text, step });
      done = true;
    }
    if (done) recorded.push({ ...step, at: scripted ? step.at : Math.round(now / 1e6) });
    return done;
  }

  return {
    run: (step, now) => run(step, now),
    /** Runs the script's steps due by `now`. */
    runDue(now) {
      while (nextScripted < script.length && script[nextScripted].at * 1e6 <= now) run(script[nextScripted++], now, true);
    },
    nextAt: () => (nextScripted < script.length ? script[nextScripted].at * 1e6 : Infinity),
    recorded: () => recorded.map((step) => ({ ...step })),
    /** The node's worker trapped or died: reported once; messages to it are dropped from now on. */
    trapped(id, text, now) {
      const node = nodes.get(id);
      if (!node || node.status === 'trapped') return;
      for (const flight of node.waiting.splice(0)) ctx.dropFlight(flight, 'node down', now);
      node.status = 'trapped';
      emit({ event: 'trap', time: now, node: id, text: String(text) });
      if (node.state) emit({ event: 'state', time: now, node: id, state: { ...node.state, role: 'down' } });
    },
  };
}
