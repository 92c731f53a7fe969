// Figures of a history (JSON Lines, cpp/kv/README.md "History format"):
// outcomes and the latency of acknowledged operations.

/** Pairs each invoke with its process's next completion: [{type, latencyNs}]. */
export function completedOperations(jsonl) {
  const open = new Map(); // process -> invoke time
  const done = [];
  for (const line of jsonl.split('\n')) {
    if (!line) continue;
    const event = JSON.parse(line);
    if (event.type === 'invoke') {
      open.set(event.process, event.time);
    } else if (open.has(event.process)) {
      done.push({ type: event.type, latencyNs: event.time - open.get(event.process) });
      open.delete(event.process);
    }
  }
  return done;
}

/** The q-quantile (0..1) of sorted numbers, nearest rank; null for none. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median and p99 latency in ms of the ok operations (null when none succeeded). */
export function latencySummary(jsonl) {
  const ms = completedOperations(jsonl)
    .filter((op) => op.type === 'ok')
    .map((op) => op.latencyNs / 1e6)
    .sort((a, b) => a - b);
  return { count: ms.length, medianMs: quantile(ms, 0.5), p99Ms: quantile(ms, 0.99) };
}
