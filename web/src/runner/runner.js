// Runs a lesson program in a fresh Web Worker and streams its output.
// The main thread never runs wasm; stop() terminates the worker at once.
import workerUrl from './program-worker.js?url';
import { isolation } from './isolation.js';
import { describeAbort } from './exit-reasons.js';

const wasmBase = new URL('wasm/', document.baseURI).href;

/** URL of a built program's glue script: threaded, or the single-threaded fallback. */
export function programUrl(program, { threaded = isolation.threads } = {}) {
  return `${wasmBase}${program}${threaded ? '' : '.st'}.js`;
}

/**
 * @param {{scriptUrl: string, args: string[],
 *          onLine: (stream: 'out'|'err', text: string) => void,
 *          onStarted?: () => void}} options
 * @returns {{stop: () => void, done: Promise<{status: 'exit'|'abort'|'crash'|'stopped', code?: number, reason?: string, seconds: number}>}}
 */
export function runProgram({ scriptUrl, args, onLine, onStarted = () => {} }) {
  const worker = new Worker(workerUrl, { name: 'program' });
  const startedAt = performance.now();
  let settle;
  const done = new Promise((resolve) => (settle = resolve));
  const end = (result) => {
    worker.terminate();
    settle({ ...result, seconds: (performance.now() - startedAt) / 1000 });
  };
  worker.onmessage = ({ data }) => {
    if (data.type === 'lines') for (const { stream, text } of data.lines) onLine(stream, text);
    else if (data.type === 'started') onStarted();
    else if (data.type === 'exit') end({ status: 'exit', code: data.code });
    else if (data.type === 'abort') end({ status: 'abort', reason: describeAbort(data.reason) });
    else if (data.type === 'crash') end({ status: 'crash', reason: describeAbort(data.reason) });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    end({ status: 'crash', reason: event.message || 'the worker failed to start' });
  };
  worker.postMessage({ type: 'run', scriptUrl, args });
  return { stop: () => end({ status: 'stopped' }), done };
}
