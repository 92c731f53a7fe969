// The page's side of explorer-worker.js: each call posts one request and
// returns a Promise of the worker's reply (replies are matched by id).
//
// One worker per widget, not one per page: Stop terminates the worker in the
// middle of an exploration (a running wasm call cannot be interrupted any
// other way), and that must not take another widget's sessions with it.
import workerUrl from './explorer-worker.js?url';

/** Starts a worker and loads the model in it. Once the worker has failed, every request rejects. */
export function startExplorer() {
  const worker = new Worker(workerUrl, { name: 'explorer' });
  const pending = new Map(); // id -> {resolve, reject}
  let nextId = 1;
  let ended = null; // the Error every request gets once the worker is gone

  function end(error) {
    ended ??= error;
    worker.terminate();
    for (const request of pending.values()) request.reject(ended);
    pending.clear();
  }

  worker.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if ('failure' in data) request.reject(new Error(data.failure));
    else request.resolve(data.reply);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    end(new Error(event.message || 'the explorer worker did not start'));
  };

  function request(type, fields = {}) {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...fields });
    });
  }

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
    terminate: () => end(new Error('the explorer was stopped')),
  };
}
