// Fault steps in a live run (web/src/widgets/cluster/README.md "Fault
// steps"): the script's steps at their times and the page's steps at once,
// each recorded with the `at` (ms) it ran at, so the run can be saved as a
// script that replays it. 'leader' is resolved when the step runs. Node steps
// change the router's node table and tell the node's worker; network steps
// change the network.

const NODE_STEPS = new Set(['crash', 'restart', 'pause', 'resume', 'trap']);

export function createStepRunner({ spec, nodes, network, emit, toNode, deliverTo, dropFlight }) {
  const script = [...(spec.faults ?? [])].sort((a, b) => a.at - b.at);
  let nextScripted = 0;
  const recorded = [];

  /** Applies a node step to `id`; returns false when it does not apply (e.g. restart of a node that is up). */
  function nodeStep(step, id, now) {
    const node = nodes.get(id);
    const from = node.status;
    if (step.do === 'crash' && (from === 'up' || from === 'paused')) {
      for (const flight of node.waiting.splice(0)) dropFlight(flight, 'node down', now);
      Object.assign(node, { status: 'down', keep: Boolean(step.keep) });
      toNode(id, { cmd: 'crash', keep: node.keep });
      emit({ event: 'crash', time: now, node: id, text: node.keep ? 'keeps its state' : 'loses its volatile state', step });
      if (node.state) emit({ event: 'state', time: now, node: id, state: { ...node.state, role: 'down' } });
    } else if (step.do === 'restart' && from === 'down') {
      node.status = 'up';
      toNode(id, { cmd: 'restart' });
      emit({ event: 'restart', time: now, node: id, step });
    } else if (step.do === 'pause' && from === 'up') {
      node.status = 'paused';
      toNode(id, { cmd: 'pause' });
      emit({ event: 'pause', time: now, node: id, step });
    } else if (step.do === 'resume' && from === 'paused') {
      node.status = 'up';
      toNode(id, { cmd: 'resume' });
      emit({ event: 'resume', time: now, node: id, step });
      for (const flight of node.waiting.splice(0)) if (!flight.cancelled) deliverTo(id, flight, now);
    } else if (step.do === 'trap' && from !== 'trapped') {
      toNode(id, { cmd: 'trap' });
      emit({ event: 'fault', time: now, text: `${id}'s wasm is made to trap`, step });
    } else {
      emit({ event: 'fault', time: now, text: `${step.do} ${id}: not applied, the node is ${from}`, step });
      return false;
    }
    return true;
  }

  /**
   * Runs `step` now; returns whether it took effect (and was recorded). A
   * scripted step keeps its planned `at` (it ran a turn of the router later
   * at most); a step from the page gets the time it ran.
   */
  function run(step, now, scripted = false) {
    let done = false;
    const needsNode = NODE_STEPS.has(step.do) || step.do === 'isolate';
    const id = needsNode ? nodes.resolve(step.node) : null;
    if (needsNode && !id) {
      emit({ event: 'fault', time: now, text: `${step.do} ${step.node}: no such node known now, step skipped`, step });
    } else if (NODE_STEPS.has(step.do)) {
      done = nodeStep(step, id, now);
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
      for (const flight of node.waiting.splice(0)) dropFlight(flight, 'node down', now);
      node.status = 'trapped';
      emit({ event: 'trap', time: now, node: id, text: String(text) });
      if (node.state) emit({ event: 'state', time: now, node: id, state: { ...node.state, role: 'down' } });
    },
  };
}
