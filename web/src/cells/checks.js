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

// A goal in words: "exactly 0", "at least 1.7 at threads = 2".
const GOAL = { '==': 'exactly', '!=': 'anything but', '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least' };
const number = (v) => String(+Number(v).toPrecision(4));

/**
 * @param {{series: string, op: string, value: number, at: number|null, message: string}[]} checks
 * @param {object[][]} runs the report lines of each run: its points, and the
 *   declarations of their charts ({kind: 'chart', id, x, y}), which name the axes
 * @returns {{passed: boolean, reasons: string[]}}
 */
export function judge(checks, runs) {
  const reasons = [];
  for (const check of checks) {
    runs.forEach((reports, i) => {
      const charts = new Map(reports.filter((r) => r.kind === 'chart').map((c) => [c.id, c]));
      const mine = reports.filter((p) => p.kind !== 'chart' && p.series === check.series && (check.at === null || p.x === check.at));
      if (mine.length === 0) {
        reasons.push(`Run ${i + 1} reported no “${check.series}”${check.at === null ? '' : ` at ${check.at}`}.`);
        return;
      }
      const bad = mine.find((p) => !COMPARE[check.op](p.y, check.value));
      if (bad) reasons.push(describeMiss(i + 1, check, bad, charts.get(bad.chart)));
    });
  }
  const passed = reasons.length === 0;
  if (passed) reasons.push(...checks.map((c) => c.message).filter(Boolean));
  return { passed, reasons };
}

// "Run 2, attempt 1: “opposite” was 1 (deadlocks detected); the goal is exactly 0."
function describeMiss(run, check, point, chart) {
  const where = chart?.x ? `${chart.x} ${number(point.x)}` : `x = ${number(point.x)}`;
  const what = chart?.y ? ` (${chart.y})` : '';
  return `Run ${run}, ${where}: “${check.series}” was ${number(point.y)}${what}; the goal is ${GOAL[check.op]} ${number(check.value)}.`;
}
