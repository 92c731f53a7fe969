// Run: one run of the cell's C++ program with the parameters' arguments; the
// learner's edited version is compiled in the page first.
import { strings } from '../strings.js';
import { runProgram, programUrl } from '../runner/runner.js';
import { isolation, missingFeature } from '../runner/isolation.js';
import { compileEdits } from './compile-edits.js';
import { outputRouter } from './program-output.js';
import { describeCppEnd, endRun } from './run-end.js';

/** Resolves to {result, points} when the run ends, or null if it could not start. */
export async function runCpp(ctx) {
  const { cell, editor, controls, terminal, views, view } = ctx;
  const edited = editor.isEdited();
  // A built program that needs threads or shared memory cannot run here: the
  // cell says which, why, and how to host with isolation. An edited one is
  // compiled single-threaded and tried: without threads it runs, and a thread
  // it starts fails with a message that names it.
  const missing = edited ? null : missingFeature(cell);
  view.showNeeds(missing);
  if (missing) {
    terminal.writeLine(`${strings.needs[missing]} ${strings.needsHow} ${strings.needsEditedRuns[missing]}`.trim(), 'warn');
    view.setStatus(strings.needsStatus[missing], 'error');
    return null;
  }
  view.setRunning(true);
  const compiled = edited ? await compileEdits(ctx) : null;
  if (edited && !compiled) {
    view.setRunning(false);
    return null;
  }
  if (!edited) editor.setMarkers([]);
  const args = controls.args();
  const note = edited ? strings.editedVersionNote : isolation.threads ? '' : strings.singleThreadedNote;
  terminal.writeLine(strings.commandLine(cell.program, args, note), 'info');
  views.resetFor('cpp');
  view.setStatus(strings.loadingProgram(cell.program), 'loading');
  const points = [];
  ctx.current = runProgram({
    scriptUrl: programUrl(cell.program),
    compiled,
    args,
    onStarted: () => view.setStatus(strings.running, 'running'),
    onLine: outputRouter(ctx, 'cpp', points),
  });
  const result = await ctx.current.done;
  endRun(ctx, result, describeCppEnd);
  return { result, points };
}
