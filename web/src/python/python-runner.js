// Runs a lesson's Python twin in a fresh worker (Pyodide is loaded only when a
// learner asks for the comparison). Same shape as runner.js's runProgram.
import { trackRun } from '../runner/activity.js';
import { connect } from '../workers/connect.js';

const indexURL = new URL('pyodide/', document.baseURI).href;

export function runPython({ source, fileName, args, onLine, onStarted = () => {} }) {
  const worker = connect(new Worker(new URL('./python-worker.js', import.meta.url), { type: 'module', name: 'python' }),
    { failureMessage: 'the Python worker failed' });
  const startedAt = performance.now();
  let settle;
  const done = new Promise((resolve) => (settle = resolve));
  let ended = false;
  const end = (result) => {
    if (ended) return;
    ended = true;
    worker.terminate();
    settle({ ...result, seconds: (performance.now() - startedAt) / 1000 });
  };
  const onEvent = (event) => {
    if (event.type === 'line') onLine(event.stream, event.text);
    else if (event.type === 'started') onStarted();
  };
  worker.call('run', { indexURL, source, fileName, args }, { onEvent }).then(
    ({ code }) => end({ status: 'exit', code }),
    (error) => end({ status: 'crash', reason: error.message }),
  );
  trackRun(done);
  return { stop: () => end({ status: 'stopped' }), done };
}
