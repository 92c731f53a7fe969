// Check: an exercise runs the program `cell.runs` times and judges the report
// lines of every run against the cell's checks (checks.js).
import { strings } from '../strings.js';
import { judge } from './checks.js';
import { runCpp } from './cpp-run.js';

export async function checkExercise(ctx) {
  const { cell, view } = ctx;
  if (ctx.current) return;
  view.hideVerdict();
  const runs = [];
  for (let i = 0; i < cell.runs; i++) {
    const outcome = await runCpp(ctx);
    if (!outcome) return;
    if (outcome.result.status !== 'exit' || outcome.result.code !== 0) {
      view.showVerdict(false, [strings.checkRunFailed(i + 1)]);
      return;
    }
    runs.push(outcome.points);
  }
  const { passed, reasons } = judge(cell.checks, runs);
  view.showVerdict(passed, reasons);
}
