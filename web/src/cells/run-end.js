// How a run ends, for every kind of run (the C++ program, its Python twin): one
// function leaves the running state and says why the run ended, in the terminal
// and the status line; only the wording differs between the two languages.
import { strings } from '../strings.js';

/**
 * @typedef {{text: string, tone: 'ok'|'warn'|'err'|null, state: 'done'|'stopped'|'error'}} EndNote
 *   tone: how the terminal shows the line; null: the status line only (the
 *   program has already said what is wrong).
 */

const stoppedAfter = (seconds) => ({ text: strings.stopped(seconds), tone: 'warn', state: 'stopped' });

/** @returns {EndNote} for a C++ program's result {status, code, failure, seconds} (runner.js) */
export function describeCppEnd({ status, code, failure, seconds }) {
  if (status === 'exit' && code === 2) return { text: strings.badArguments, tone: null, state: 'error' };
  if (status === 'exit') return { text: strings.finished(seconds, code), tone: code ? 'err' : 'ok', state: code ? 'error' : 'done' };
  if (status === 'stopped') return stoppedAfter(seconds);
  return { text: strings.failed(failure ?? { kind: 'crash', message: status }), tone: 'err', state: 'error' };
}

/** @returns {EndNote} for a Python program's result: finished, stopped (as for C++), or failed */
export function describePythonEnd({ status, code, reason, seconds }) {
  if (status === 'exit' && !code) return { text: strings.pythonFinished(seconds), tone: 'ok', state: 'done' };
  if (status === 'stopped') return stoppedAfter(seconds);
  return { text: strings.pythonFailed(reason ?? strings.exitCode(code)), tone: 'err', state: 'error' };
}

/** Ends the cell's run in progress: `describe` (one of the above) words the result. */
export function endRun(ctx, result, describe) {
  ctx.current = null;
  ctx.view.setRunning(false);
  const { text, tone, state } = describe(result);
  if (tone) ctx.terminal.writeLine(text, tone);
  // Output was drawn paced while the program ran: show all of it before the status says it ended.
  ctx.terminal.flush();
  ctx.views.flush();
  ctx.view.setStatus(text, state);
}
