// The compile step of a run whose source the learner edited: compiles in the
// page (edited-program.js), marks the diagnostics in the editor, and lets Stop
// cancel the compile while it lasts.
import { strings } from '../strings.js';
import { compileEdited, cancelCompile } from './edited-program.js';

/** Resolves to the compiled program, or null when it did not compile (or the learner pressed Stop). */
export async function compileEdits(ctx) {
  const { editor, terminal, view } = ctx;
  let stopped = false;
  ctx.current = { stop: () => ((stopped = true), cancelCompile()) };
  try {
    const outcome = await compileEdited(editor.sources(), { terminal, setStatus: view.setStatus });
    editor.setMarkers(outcome.diagnostics);
    if (outcome.cancelled || stopped) {
      terminal.writeLine(strings.compileCancelled, 'warn');
      view.setStatus(strings.compileCancelled, 'stopped');
      return null;
    }
    if (!outcome.compiled) view.setStatus(strings.compileFailed, 'error');
    return outcome.compiled ?? null;
  } catch (error) {
    terminal.writeLine(error.message, 'err');
    view.setStatus(error.message, 'error');
    return null;
  } finally {
    ctx.current = null;
  }
}
