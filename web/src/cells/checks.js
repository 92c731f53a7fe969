// Judges a cell's checks (exercises) against the report lines of its runs.
// Each check names a series, a comparison and a number; see lessons/README.md.
const COMPARE = {
  '==': (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)),
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * @param {{series: string, op: string, value: number, at: number|null, message: string}[]} checks
 * @param {object[][]} runs the point reports of each run
 * @returns {{passed: boolean, reasons: string[]}}
 */
export function judge(checks, runs) {
  const reasons = [];
  for (const check of checks) {
    const rule = `${check.series} ${check.op} ${check.value}${check.at === null ? '' : ` at ${check.at}`}`;
    runs.forEach((points, i) => {
      const mine = points.filter((p) => p.series === check.series && (check.at === null || p.x === check.at));
      if (mine.length === 0) {
        reasons.push(`Run ${i + 1} reported no “${check.series}”${check.at === null ? '' : ` at ${check.at}`}.`);
        return;
      }
      const bad = mine.find((p) => !COMPARE[check.op](p.y, check.value));
      if (bad) reasons.push(`Run ${i + 1}: “${check.series}” was ${+bad.y.toPrecision(4)} at ${bad.x}; the goal is ${rule}.`);
    });
  }
  const passed = reasons.length === 0;
  if (passed) reasons.push(...checks.map((c) => c.message).filter(Boolean));
  return { passed, reasons };
}
