// The page's side of explorer-worker.js: each call posts one request and
// returns a Promise of the worker's reply (web/src/workers/connect.js).
//
// One worker per widget, not one per page: Stop terminates the worker in the
// middle of an exploration (a running wasm call cannot be interrupted any
// other way), and that must not take another widget's sessions with it.
import workerUrl from './explorer-worker.js?url';
import { startClassicWorker } from '../../workers/classic-worker.js';

/** Starts a worker and loads the model in it. Once the worker has failed, every request rejects. */
export function startExplorer() {
  const worker = startClassicWorker(workerUrl, { name: 'explorer', failureMessage: 'the explorer worker did not start' });
  const request = (method, args = {}) => worker.call(method, args);

  // A failed load fails every later request with the same reason: those report it.
  request('load', { wasmBase: new URL('wasm/', document.baseURI).href }).catch(() => {});

  return {
    open: (program) => request('open', { program }),
    step: (session, thread) => request('step', { session, thread }),
    undo: (session) => request('undo', { session }),
    reset: (session) => request('reset', { session }),
    replay: (session, schedule) => request('replay', { session, schedule }),
    exploreAll: (session, maxStates) => request('exploreAll', { session, maxStates }),
    delete: (session) => request('delete', { session }),
    /** Ends the worker at once: pending and later requests reject. */
    terminate: () => worker.terminate(new Error('the explorer was stopped')),
  };
}
