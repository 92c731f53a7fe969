// Runs a lesson program in a Web Worker and streams its output. The main
// thread never runs wasm; stop() terminates the worker at once.
//
// A worker can be prepared before Run is pressed (prepare()): it downloads and
// compiles the program, so Run only instantiates it and calls main(). Nothing
// of the program runs before Run (see program-worker.js).
import workerUrl from './program-worker.js?url';
import { startClassicWorker } from '../workers/classic-worker.js';
import { isolation } from './isolation.js';
import { describeFailure } from './exit-reasons.js';
import { trackRun } from './activity.js';

const wasmBase = new URL('wasm/', document.baseURI).href;
const MAX_PREPARED = 2; // each holds a compiled module and, if threaded, its idle pthread workers
const prepared = new Map(); // scriptUrl -> {worker, loaded}, least recently prepared first

/** URL of a built program's glue script: threaded, or the single-threaded fallback. */
export function programUrl(program, { threaded = isolation.threads } = {}) {
  return `${wasmBase}${program}${threaded ? '' : '.st'}.js`;
}

// A worker with the program loading in it; `loaded` settles when it is ready to run.
function loadWorker(source) {
  const worker = startClassicWorker(workerUrl, { name: 'program', failureMessage: 'the worker failed to start' });
  const loaded = worker.call('prepare', source);
  loaded.catch(() => {}); // reported by the run that takes this worker
  return { worker, loaded };
}

/** Starts loading a program so that a later run of it starts at once. */
export function prepare(scriptUrl) {
  if (prepared.has(scriptUrl)) return;
  const entry = loadWorker({ scriptUrl });
  // A mark in the page's performance timeline (for tests and measurements).
  entry.loaded.then(() => performance.mark('cdd-program-prepared', { detail: scriptUrl }), () => {});
  prepared.set(scriptUrl, entry);
  while (prepared.size > MAX_PREPARED) {
    const [oldest, { worker }] = prepared.entries().next().value;
    worker.terminate();
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
 * @returns {{stop: () => void, done: Promise<{status: 'exit'|'abort'|'crash'|'stopped', code?: number,
 *            failure?: object, seconds: number}>}} failure: why an abort or crash happened (exit-reasons.js)
 */
export function runProgram({ scriptUrl, compiled, args, onLine, onStarted = () => {} }) {
  const { worker, loaded } = (!compiled && takePrepared(scriptUrl)) || loadWorker(compiled ? { compiled } : { scriptUrl });
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
    if (event.type === 'lines') for (const { stream, text } of event.lines) onLine(stream, text);
    else if (event.type === 'started') onStarted();
  };
  loaded
    .then(() => worker.call('run', { args }, { onEvent }))
    .then(
      (outcome) => end(outcome.status === 'exit' ? { status: 'exit', code: outcome.code }
        : { status: outcome.status, failure: describeFailure(outcome) }),
      (error) => end({ status: 'crash', failure: describeFailure({ status: 'crash', reason: error.message }) }),
    );
  // The time terminate() takes the page's main thread (the worker and its
  // pthread workers), measured for tools/bench/stop-latency.mjs.
  const stop = () => {
    if (ended) return;
    const start = performance.now();
    end({ status: 'stopped' });
    performance.measure('cdd-stop-terminate', { start, end: performance.now() });
  };
  trackRun(done);
  return { stop, done };
}
