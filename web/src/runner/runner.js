// Runs a lesson program in a Web Worker and streams its output. The main
// thread never runs wasm; stop() terminates the worker at once.
//
// A worker can be prepared before Run is pressed (prepare()): it downloads and
// compiles the program and starts its thread pool, so Run only calls main().
import workerUrl from './program-worker.js?url';
import { isolation } from './isolation.js';
import { describeAbort } from './exit-reasons.js';
import { trackRun } from './activity.js';

const wasmBase = new URL('wasm/', document.baseURI).href;
const MAX_PREPARED = 2; // each holds a wasm memory and a thread pool
const prepared = new Map(); // scriptUrl -> {worker, early}, least recently prepared first

/** URL of a built program's glue script: threaded, or the single-threaded fallback. */
export function programUrl(program, { threaded = isolation.threads } = {}) {
  return `${wasmBase}${program}${threaded ? '' : '.st'}.js`;
}

function loadWorker(scriptUrl, compiled) {
  const worker = new Worker(workerUrl, { name: 'program' });
  worker.postMessage({ type: 'load', scriptUrl, compiled });
  return worker;
}

/** Starts loading a program so that a later run of it starts at once. */
export function prepare(scriptUrl) {
  if (prepared.has(scriptUrl)) return;
  const worker = loadWorker(scriptUrl);
  // Keep what the worker says before it runs (e.g. that loading failed), to
  // hand it to the run that takes this worker.
  const early = [];
  worker.onmessage = ({ data }) => early.push(data);
  worker.onerror = (event) => {
    event.preventDefault();
    early.push({ type: 'crash', reason: event.message || 'the worker failed to start' });
  };
  prepared.set(scriptUrl, { worker, early });
  while (prepared.size > MAX_PREPARED) {
    const [oldest, entry] = prepared.entries().next().value;
    entry.worker.terminate();
    prepared.delete(oldest);
  }
}

function takePrepared(scriptUrl) {
  const entry = prepared.get(scriptUrl);
  prepared.delete(scriptUrl);
  return entry;
}

/**
 * Runs a built program (scriptUrl) or one compiled in the page
 * (compiled: {loaderUrl, wasm, runtime}, see web/src/compiler/client.js).
 * @param {{scriptUrl?: string, compiled?: object, args: string[],
 *          onLine: (stream: 'out'|'err', text: string) => void,
 *          onStarted?: () => void}} options
 * @returns {{stop: () => void, done: Promise<{status: 'exit'|'abort'|'crash'|'stopped', code?: number, reason?: string, seconds: number}>}}
 */
export function runProgram({ scriptUrl, compiled, args, onLine, onStarted = () => {} }) {
  const { worker, early } = (!compiled && takePrepared(scriptUrl)) || { worker: loadWorker(scriptUrl, compiled), early: [] };
  const startedAt = performance.now();
  let settle;
  const done = new Promise((resolve) => (settle = resolve));
  const end = (result) => {
    worker.terminate();
    settle({ ...result, seconds: (performance.now() - startedAt) / 1000 });
  };
  const handle = (data) => {
    if (data.type === 'lines') for (const { stream, text } of data.lines) onLine(stream, text);
    else if (data.type === 'started') onStarted();
    else if (data.type === 'exit') end({ status: 'exit', code: data.code });
    else if (data.type === 'abort') end({ status: 'abort', reason: describeAbort(data.reason) });
    else if (data.type === 'crash') end({ status: 'crash', reason: describeAbort(data.reason) });
  };
  worker.onmessage = ({ data }) => handle(data);
  worker.onerror = (event) => {
    event.preventDefault();
    end({ status: 'crash', reason: event.message || 'the worker failed to start' });
  };
  early.forEach(handle);
  worker.postMessage({ type: 'run', args });
  trackRun(done);
  return { stop: () => end({ status: 'stopped' }), done };
}
