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
      terminal: {
        writeLine: (text, tone) => calls.push(['terminal', text, tone]),
        flush: () => calls.push(['flush', 'terminal']),
      },
      views: { flush: () => calls.push(['flush', 'views']) },
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

test('C++: each kind of failure gets its own words, as an error', () => {
  const failures = [
    { kind: 'exception', type: 'std::runtime_error', what: 'no room left' },
    { kind: 'out-of-memory', limitBytes: 2 ** 31, requestedBytes: 3e9 },
    { kind: 'memory-access', message: 'memory access out of bounds' },
    { kind: 'trap', message: 'unreachable' },
    { kind: 'abort', message: '' },
    { kind: 'crash', message: 'boom' },
  ];
  const texts = failures.map((failure) => describeCppEnd({ status: 'crash', failure, seconds: 1 }));
  for (const [i, end] of texts.entries()) assert.deepEqual(end, { text: strings.failed(failures[i]), tone: 'err', state: 'error' });
  assert.equal(new Set(texts.map((t) => t.text)).size, failures.length);
  assert.match(texts[0].text, /uncaught exception: std::runtime_error \(“no room left”\)/);
  assert.match(texts[1].text, /ran out of memory: WebAssembly memory is limited to 2 GB here, and it needed 2\.79 GB/);
  assert.match(texts[2].text, /memory access out of bounds/);
  assert.match(texts[3].text, /WebAssembly trap: unreachable/);
  assert.match(texts[4].text, /called abort\(\)/);
  assert.match(texts[5].text, /worker failed: boom/);
});

test('Python: a clean exit is done; a failure names the reason, or else the exit code', () => {
  assert.deepEqual(describePythonEnd({ status: 'exit', code: 0, seconds: 2 }),
    { text: strings.pythonFinished(2), tone: 'ok', state: 'done' });
  assert.deepEqual(describePythonEnd({ status: 'exit', code: 3 }),
    { text: strings.pythonFailed('exit code 3'), tone: 'err', state: 'error' });
  assert.equal(describePythonEnd({ status: 'crash', reason: 'Traceback' }).text, strings.pythonFailed('Traceback'));
});

test('endRun leaves the running state, writes the line, draws every paced output, then sets the status', () => {
  const { ctx, calls } = fakeCell();
  endRun(ctx, { status: 'exit', code: 0, seconds: 2 }, describePythonEnd);
  assert.equal(ctx.current, null);
  const text = strings.pythonFinished(2);
  assert.deepEqual(calls, [['running', false], ['terminal', text, 'ok'], ['flush', 'terminal'], ['flush', 'views'], ['status', text, 'done']]);
});

test('endRun without a tone writes no line: it draws the paced output and sets the status', () => {
  const { ctx, calls } = fakeCell();
  endRun(ctx, { status: 'exit', code: 2, seconds: 0 }, describeCppEnd);
  assert.deepEqual(calls, [['running', false], ['flush', 'terminal'], ['flush', 'views'], ['status', strings.badArguments, 'error']]);
});
