// Compare with Python: runs the program's Python twin (Pyodide) with the same
// arguments; its points join the C++ ones on the same charts.
import { strings } from '../strings.js';
import { runPython } from '../python/python-runner.js';
import { outputRouter } from './program-output.js';
import { parseReportLine } from '../report/parse.js';
import { sizeProgress } from './size-progress.js';
import { describePythonEnd, endRun } from './run-end.js';

/** Starts the Python run unless something runs already; resolves when it has ended. */
export async function comparePython(ctx) {
  const { cell, controls, terminal, views, view } = ctx;
  if (ctx.current || !cell.python) return;
  const args = controls.args();
  terminal.writeLine(strings.commandLine(`python ${cell.python.name}`, args), 'info');
  views.resetFor('python');
  view.setStatus(strings.pythonLoading, 'loading');
  view.setRunning(true);
  ctx.current = runPython({
    source: cell.python.source,
    fileName: cell.python.name,
    args,
    onStarted: () => view.setStatus(strings.pythonRunning, 'running'),
    onLine: withProgress(outputRouter(ctx, 'python'), view),
  });
  const result = await ctx.current.done;
  endRun(ctx, result, describePythonEnd);
}

// Python runs take tens of seconds at the lesson's sizes: the status line says
// which size is done, the time so far and a guess for the next size.
function withProgress(route, view) {
  const progress = sizeProgress();
  const started = performance.now();
  return (stream, text) => {
    route(stream, text);
    const report = stream === 'out' && parseReportLine(text);
    if (report?.kind !== 'point') return;
    const done = progress.point(report.x, (performance.now() - started) / 1000);
    if (done) view.setStatus(strings.pythonProgress(done), 'running');
  };
}
