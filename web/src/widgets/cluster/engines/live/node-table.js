// What the router knows about each node: up, down (crashed), paused or
// trapped, messages waiting for a paused node, and its latest summary (the
// `state` it reported), from which "leader" is resolved.

export function createNodeTable(nodeIds) {
  const nodes = new Map(nodeIds.map((id) => [id, { status: 'up', keep: false, waiting: [], state: null }]));
  return {
    get: (id) => nodes.get(id),
    ids: () => [...nodes.keys()],

    /**
     * The node a step's 'leader' means now: of the nodes that are up and
     * report themselves leader (or primary), the one with the highest term.
     * Null when none is known. Other names pass through.
     */
    resolve(name) {
      if (name !== 'leader') return nodes.has(name) ? name : null;
      let best = null;
      for (const [id, node] of nodes) {
        const role = node.state?.role;
        if (node.status !== 'up' || (role !== 'leader' && role !== 'primary')) continue;
        if (!best || node.state.term > nodes.get(best).state.term) best = id;
      }
      return best;
    },
  };
}
