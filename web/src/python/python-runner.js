// Runs a lesson's Python twin in a fresh worker (Pyodide is loaded only when a
// learner asks for the comparison). Same shape as runner.js's runProgram.
import { trackRun } from '../runner/activity.js';

const indexURL = new URL('pyodide/', document.baseURI).href;

export function runPython({ source, fileName, args, onLine, onStarted = () => {} }) {
  const worker = new Worker(new URL('./python-worker.js', import.meta.url), { type: 'module', name: 'python' });
  const startedAt = performance.now();
  let settle;
  const done = new Promise((resolve) => (settle = resolve));
  const end = (result) => {
    worker.terminate();
    settle({ ...result, seconds: (performance.now() - startedAt) / 1000 });
  };
  worker.onmessage = ({ data }) => {
    if (data.type === 'line') onLine(data.stream, data.text);
    else if (data.type === 'started') onStarted();
    else if (data.type === 'exit') end({ status: 'exit', code: data.code });
    else if (data.type === 'crash') end({ status: 'crash', reason: data.reason });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    end({ status: 'crash', reason: event.message || 'the Python worker failed' });
  };
  worker.postMessage({ type: 'run', indexURL, source, fileName, args });
  trackRun(done);
  return { stop: () => end({ status: 'stopped' }), done };
}
