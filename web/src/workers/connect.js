// The page's side of the one protocol every worker speaks (serve.js is the
// worker's side):
//   const worker = connect(new Worker(url));          // or any MessagePort
//   const result = await worker.call('compile', args, { onEvent, transfer });
//   worker.terminate();                               // at once; calls in flight reject
//
// A call resolves with what the worker's handler returned, or rejects with an
// Error rebuilt from what the handler threw (its name, message and own
// primitive fields, such as a code). Events the handler emits reach onEvent in
// order, all before the call settles. Once the worker fails (an uncaught
// error, a script that does not load) or is terminated, every call in flight
// and every later call rejects: with a 'WorkerFailed' error, or with the
// reason given to terminate().

/** Whether a call rejected because its worker failed (not because the handler threw). */
export const isWorkerFailure = (error) => error?.name === 'WorkerFailed';

const namedError = (name, message) => Object.assign(new Error(message), { name });

/**
 * @param {Worker|MessagePort} endpoint a worker whose script calls serve(), or a port served by one
 * @param {{failureMessage?: string}} options what a failure says when the browser gives no message
 */
export function connect(endpoint, { failureMessage = 'the worker failed' } = {}) {
  const calls = new Map(); // id -> {resolve, reject, onEvent}
  let nextId = 1;
  let ended = null; // the Error every call gets once the worker is gone

  function end(error) {
    if (ended) return;
    ended = error;
    if (typeof endpoint.terminate === 'function') endpoint.terminate();
    else endpoint.close();
    for (const pending of calls.values()) pending.reject(error);
    calls.clear();
  }

  endpoint.onmessage = ({ data }) => {
    const pending = data && calls.get(data.call);
    if (!pending) return;
    if ('event' in data) {
      pending.onEvent(data.event);
      return;
    }
    calls.delete(data.call);
    if ('error' in data) pending.reject(Object.assign(new Error(data.error.message), data.error));
    else pending.resolve(data.result);
  };
  if ('onerror' in endpoint) {
    endpoint.onerror = (event) => {
      event.preventDefault();
      end(namedError('WorkerFailed', event.message || failureMessage));
    };
  }

  return {
    /**
     * @param {string} method a handler's name in the worker's serve()
     * @param {*} args structured-cloneable
     * @param {{onEvent?: (event) => void, transfer?: Transferable[]}} options
     * @returns {Promise<*>} the handler's result
     */
    call(method, args, { onEvent = () => {}, transfer = [] } = {}) {
      if (ended) return Promise.reject(ended);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve, reject, onEvent });
        try {
          endpoint.postMessage({ call: id, method, args }, transfer);
        } catch (error) {
          calls.delete(id);
          reject(error);
        }
      });
    },
    /** Ends the worker at once; calls in flight and later calls reject with `reason`. */
    terminate(reason = namedError('WorkerTerminated', 'the worker was stopped')) {
      end(reason);
    },
    /** False once the worker has failed or been terminated. */
    get isOpen() {
      return !ended;
    },
  };
}
