// Compare with Python: runs the program's Python twin (Pyodide) with the same
// arguments; its points join the C++ ones on the same charts.
import { strings } from '../strings.js';
import { runPython } from '../python/python-runner.js';
import { outputRouter } from './program-output.js';
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
    onLine: outputRouter(ctx, 'python'),
  });
  const result = await ctx.current.done;
  endRun(ctx, result, describePythonEnd);
}
