// When the live checker re-checks its growing history: only after new
// completions arrived, not sooner than 250 ms after the last check began,
// never while a check runs, and after a check of d ms not before d ms more
// have passed: a long history (each check re-reads all of it) then takes at
// most half a core, leaving the other half to the nodes and the router.
// Pure: the checker worker asks it with the time and does what it says.

export const CHECK_EVERY_MS = 250;

export function createCheckPacer(everyMs = CHECK_EVERY_MS) {
  let fresh = false; // completions arrived since the last check began
  let checking = false;
  let lastStart = -Infinity;
  let lastEnd = -Infinity;
  let lastMs = 0; // how long the last check took
  return {
    /** History events arrived; an invoke alone changes no verdict. */
    added(ops) {
      if (ops.some((op) => op.type !== 'invoke')) fresh = true;
    },
    /** Milliseconds until the next check may start (0: now), or null if none is needed or one runs. */
    wait(nowMs) {
      if (!fresh || checking) return null;
      return Math.max(0, lastStart + everyMs - nowMs, lastEnd + lastMs - nowMs);
    },
    begin(nowMs) {
      checking = true;
      fresh = false;
      lastStart = nowMs;
    },
    end(nowMs) {
      checking = false;
      lastEnd = nowMs;
      lastMs = nowMs - lastStart;
    },
  };
}

/** The contract's verdict from kv.checkHistory's result (cluster README "Verdict"). */
export function verdictOf(result, ms) {
  if (result.error) {
    return { verdict: 'unknown', operations: 0, window: [], explanation: `the history could not be read: ${result.error}`, ms };
  }
  const verdict = { verdict: result.verdict, operations: result.operations, window: result.window ?? [], ms };
  for (const field of ['key', 'explanation', 'sentence']) if (result[field] !== undefined) verdict[field] = result[field];
  return verdict;
}
