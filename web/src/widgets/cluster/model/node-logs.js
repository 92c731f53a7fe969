// What each own node wrote on stderr and the stdout lines the router rejected (`log` events), and
// the problem it was reported with (`problem` events: crashed, hung, throttled, no-init), folded
// per node. Pure; bounded: a node keeps its last `maxLines` lines and counts the ones it dropped.
export const PROBLEM_STATUS = { crashed: 'crashed', hung: 'hung' }; // problems that take a node down

export function createNodeLogs(nodeIds, { maxLines = 200 } = {}) {
  const logs = new Map(nodeIds.map((id) => [id, { lines: [], dropped: 0, problem: null, version: 0 }]));
  return {
    /** {lines: [{time, stream, text, rejected}], dropped, problem: {kind, text, time} | null, version} */
    of: (id) => logs.get(id) ?? null,
    /** A `log` event: false when it names no node of this cluster. */
    log(event) {
      const log = logs.get(event.node);
      if (!log) return false;
      log.lines.push({ time: event.time, stream: event.stream === 'out' ? 'out' : 'err', text: String(event.text ?? ''), rejected: event.rejected ?? null });
      if (log.lines.length > maxLines) {
        log.dropped += log.lines.length - maxLines;
        log.lines.splice(0, log.lines.length - maxLines);
      }
      log.version++;
      return true;
    },
    problem(event) {
      const log = logs.get(event.node);
      if (!log) return false;
      log.problem = { kind: event.kind, text: event.text ?? '', time: event.time };
      log.version++;
      return true;
    },
    /** A node that restarts starts without its old problem. */
    clearProblem(id) {
      const log = logs.get(id);
      if (log?.problem) {
        log.problem = null;
        log.version++;
      }
    },
  };
}
