// How a cell tells the learner that a run ended (web/src/cells/run-end.js):
// the C++ program and its Python twin go through the same ending.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

let describeCppEnd, describePythonEnd, endRun, strings;
before(async () => {
  // web/src/strings.js reads navigator.platform, which node 20 does not define.
  globalThis.navigator ??= { platform: 'Linux x86_64' };
  ({ describeCppEnd, describePythonEnd, endRun } = await import('../../web/src/cells/run-end.js'));
  ({ strings } = await import('../../web/src/strings.js'));
});

// A cell context that records what endRun does to it.
function fakeCell() {
  const calls = [];
  return {
    calls,
    ctx: {
      current: { stop() {} },
      view: {
        setRunning: (running) => calls.push(['running', running]),
        setStatus: (text, state) => calls.push(['status', text, state]),
      },
      terminal: { writeLine: (text, tone) => calls.push(['terminal', text, tone]) },
    },
  };
}

test('a stopped run is told the same way for C++ and Python', () => {
  const stopped = { status: 'stopped', seconds: 1.5 };
  assert.deepEqual(describePythonEnd(stopped), describeCppEnd(stopped));
  assert.deepEqual(describeCppEnd(stopped), { text: strings.stopped(1.5), tone: 'warn', state: 'stopped' });
});

test('C++: a clean exit is done, another exit code an error, exit code 2 a status without a terminal line', () => {
  assert.deepEqual(describeCppEnd({ status: 'exit', code: 0, seconds: 0.25 }),
    { text: strings.finished(0.25, 0), tone: 'ok', state: 'done' });
  assert.deepEqual(describeCppEnd({ status: 'exit', code: 1, seconds: 0.25 }),
    { text: strings.finished(0.25, 1), tone: 'err', state: 'error' });
  assert.deepEqual(describeCppEnd({ status: 'exit', code: 2, seconds: 0.25 }),
    { text: strings.badArguments, tone: null, state: 'error' });
});

test('C++: out of memory, an abort and a crash each get their own words', () => {
  assert.equal(describeCppEnd({ status: 'crash', reason: 'out of memory' }).text, strings.outOfMemory);
  assert.equal(describeCppEnd({ status: 'abort', reason: 'boom' }).text, strings.aborted('boom'));
  assert.equal(describeCppEnd({ status: 'crash', reason: 'boom' }).text, strings.crashed('boom'));
});

test('Python: a clean exit is done; a failure names the reason, or else the exit code', () => {
  assert.deepEqual(describePythonEnd({ status: 'exit', code: 0, seconds: 2 }),
    { text: strings.pythonFinished(2), tone: 'ok', state: 'done' });
  assert.deepEqual(describePythonEnd({ status: 'exit', code: 3 }),
    { text: strings.pythonFailed('exit code 3'), tone: 'err', state: 'error' });
  assert.equal(describePythonEnd({ status: 'crash', reason: 'Traceback' }).text, strings.pythonFailed('Traceback'));
});

test('endRun leaves the running state, then writes the line and the status', () => {
  const { ctx, calls } = fakeCell();
  endRun(ctx, { status: 'exit', code: 0, seconds: 2 }, describePythonEnd);
  assert.equal(ctx.current, null);
  const text = strings.pythonFinished(2);
  assert.deepEqual(calls, [['running', false], ['terminal', text, 'ok'], ['status', text, 'done']]);
});

test('endRun without a tone sets the status only', () => {
  const { ctx, calls } = fakeCell();
  endRun(ctx, { status: 'exit', code: 2, seconds: 0 }, describeCppEnd);
  assert.deepEqual(calls, [['running', false], ['status', strings.badArguments, 'error']]);
});
