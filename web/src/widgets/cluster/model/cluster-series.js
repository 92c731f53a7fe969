// Per-second series of a run, for the plots: operations completed per second (ok, and failed or
// timed out), latency of answered operations (ok or fail; a timeout has no latency) as median and
// 99th percentile, and messages delivered per completed operation. Second s covers run time
// [s, s+1) seconds. Percentiles are nearest-rank: the p-quantile of n sorted samples is the
// ceil(p*n)-th. Memory: the last `maxSeconds` seconds, at most `maxSamples` latencies per second
// (beyond that a new sample replaces an old one in turn).
export function createSeries({ maxSeconds = 900, maxSamples = 4000 } = {}) {
  const buckets = new Map(); // second -> {ok, failed, delivered, latencies: [], seen}
  let last = -1;

  function bucket(timeNs) {
    const s = Math.floor(timeNs / 1e9);
    let b = buckets.get(s);
    if (!b) {
      b = { ok: 0, failed: 0, delivered: 0, latencies: [], seen: 0 };
      buckets.set(s, b);
      if (s > last) last = s;
      for (const old of buckets.keys()) if (old <= last - maxSeconds) buckets.delete(old);
    }
    return b;
  }

  function completed(op) {
    const b = bucket(op.complete);
    if (op.outcome === 'ok') b.ok++;
    else b.failed++;
    if (op.outcome === 'ok' || op.outcome === 'fail') {
      const latency = op.complete - op.invoke;
      if (b.latencies.length < maxSamples) b.latencies.push(latency);
      else b.latencies[b.seen % maxSamples] = latency;
      b.seen++;
    }
  }

  function delivered(timeNs, count = 1) {
    bucket(timeNs).delivered += count;
  }

  /** {seconds, okPerSecond, failedPerSecond, latencyMedianMs, latencyP99Ms, messagesPerOp}, one entry per second. */
  function values() {
    const out = { seconds: [], okPerSecond: [], failedPerSecond: [], latencyMedianMs: [], latencyP99Ms: [], messagesPerOp: [] };
    if (buckets.size === 0) return out;
    const first = Math.min(...buckets.keys());
    for (let s = first; s <= last; s++) {
      const b = buckets.get(s) ?? { ok: 0, failed: 0, delivered: 0, latencies: [] };
      const sorted = [...b.latencies].sort((x, y) => x - y);
      const ops = b.ok + b.failed;
      out.seconds.push(s);
      out.okPerSecond.push(b.ok);
      out.failedPerSecond.push(b.failed);
      out.latencyMedianMs.push(sorted.length ? quantile(sorted, 0.5) / 1e6 : null);
      out.latencyP99Ms.push(sorted.length ? quantile(sorted, 0.99) / 1e6 : null);
      out.messagesPerOp.push(ops ? b.delivered / ops : null);
    }
    return out;
  }

  return { completed, delivered, values, size: () => buckets.size };
}

/** Nearest-rank quantile of sorted numbers. */
export function quantile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
