// When the live checker re-checks its growing history: only after new
// completions arrived, not sooner than 250 ms after the last check began,
// and never while a check runs. Pure: the checker worker asks it with the
// time and does what it says.

export const CHECK_EVERY_MS = 250;

export function createCheckPacer(everyMs = CHECK_EVERY_MS) {
  let fresh = false; // completions arrived since the last check began
  let checking = false;
  let lastStart = -Infinity;
  return {
    /** History events arrived; an invoke alone changes no verdict. */
    added(ops) {
      if (ops.some((op) => op.type !== 'invoke')) fresh = true;
    },
    /** Milliseconds until the next check may start (0: now), or null if none is needed or one runs. */
    wait(nowMs) {
      if (!fresh || checking) return null;
      return Math.max(0, lastStart + everyMs - nowMs);
    },
    begin(nowMs) {
      checking = true;
      fresh = false;
      lastStart = nowMs;
    },
    end() {
      checking = false;
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
