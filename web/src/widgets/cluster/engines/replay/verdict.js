// The checker's result (kv check() / checkHistory) as the contract's verdict
// (README.md "Verdict"), with the sentence and the window's start time.

/**
 * A sentence for a violation when the checker gave none (builds of kv.js
 * before the sentence existed): the key and the window's operations, in the
 * checker's own words.
 */
function windowSentence(check) {
  const described = (check.window ?? []).map((op) => op.description).filter(Boolean);
  const key = check.key ? ` on ${check.key}` : '';
  if (described.length === 0) return `No order of the operations${key} explains what the clients saw.`;
  return `No order of the operations${key} explains what the clients saw: ${described.join('; ')}.`;
}

/** The contract's verdict from a parsed check result; `ms`: how long the check took. */
export function toVerdict(check, ms) {
  const verdict = {
    verdict: check.verdict,
    operations: check.operations ?? 0,
    window: check.window ?? [],
    ms,
  };
  if (check.key !== undefined) verdict.key = check.key;
  if (check.explanation !== undefined) verdict.explanation = check.explanation;
  if (check.verdict === 'not linearizable') verdict.sentence = check.sentence ?? windowSentence(check);
  else if (check.sentence !== undefined) verdict.sentence = check.sentence;
  return verdict;
}

/** When a violation's window begins: the earliest invoke among its operations (ns), or null. */
/**
 * When the violation shows: the last completion among the window's definite
 * operations (the answer no order can explain has arrived by then); the
 * window's start if it holds none.
 */
export function violationNs(verdict) {
  const times = (verdict.window ?? []).filter((op) => op.outcome !== 'info').map((op) => op.complete).filter(Number.isFinite);
  return times.length ? Math.max(...times) : windowStartNs(verdict);
}

export function windowStartNs(verdict) {
  const times = (verdict.window ?? []).map((op) => op.invoke).filter(Number.isFinite);
  return times.length ? Math.min(...times) : null;
}

/** Runs the simulator's check and times it. */
export function checkSimulator(sim, now = () => performance.now()) {
  const start = now();
  const check = JSON.parse(sim.check());
  return toVerdict(check, now() - start);
}
