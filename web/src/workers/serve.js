// The worker's side of the one protocol every worker of the page speaks
// (connect.js is the page's side). A worker calls, at once when it starts,
//   cddWorkerProtocol.serve({ method(args, call) { ...; return result } })
// A handler may return a promise; `call.emit(event)` streams events to the
// caller while it runs; what it throws reaches the caller as a value.
//
// A classic script with no import or export, so that a classic worker (one
// that must importScripts Emscripten's glue) loads it with importScripts and a
// module worker with a plain `import './serve.js'`; either way it defines
// globalThis.cddWorkerProtocol.
//
// Messages (structured clones):
//   caller -> worker  {call: id, method, args}
//   worker -> caller  {call: id, event}                       any number, in order, then one of
//                     {call: id, result}
//                     {call: id, error: {name, message, ...}}  (own primitive fields kept, e.g. code)
// Cancelling is terminating the worker (or closing the port): there is no
// message for it, because a busy handler could not read one anyway.
(function (scope) {
  'use strict';

  /** What crosses the boundary of a thrown value: plain data that survives structured cloning. */
  function errorValue(thrown) {
    if (!(thrown instanceof Error)) return { name: 'Error', message: String(thrown) };
    var value = { name: thrown.name, message: thrown.message };
    Object.keys(thrown).forEach(function (key) {
      var field = thrown[key];
      if (field === null || ['string', 'number', 'boolean'].indexOf(typeof field) >= 0) value[key] = field;
    });
    return value;
  }

  /**
   * Answers calls arriving at `endpoint` (default: this worker's global scope)
   * with `handlers[method](args, call)`. Installs the message handler
   * synchronously: call it before the worker awaits anything, or calls that
   * arrive meanwhile are lost.
   *   call.emit(event, transfer?)       streams an event (dropped once the call has ended)
   *   call.transferOnReturn(transfer)   transferables to move with the result
   */
  function serve(handlers, endpoint) {
    var port = endpoint || scope;
    // A result that cannot be cloned still ends the call, as an error. (An
    // event that cannot be cloned throws in the handler that emitted it.)
    var reply = function (message, transfer) {
      try {
        port.postMessage(message, transfer);
      } catch (error) {
        port.postMessage({ call: message.call, error: errorValue(new Error('the worker could not send its result: ' + error.message)) });
      }
    };
    port.onmessage = function (messageEvent) {
      var message = messageEvent.data;
      if (!message || typeof message.call !== 'number' || typeof message.method !== 'string') return;
      var id = message.call;
      var ended = false;
      var resultTransfer = [];
      var call = {
        emit: function (event, transfer) {
          if (!ended) port.postMessage({ call: id, event: event }, transfer || []);
        },
        transferOnReturn: function (transfer) {
          resultTransfer = transfer;
        },
      };
      var handler = Object.prototype.hasOwnProperty.call(handlers, message.method) ? handlers[message.method] : null;
      new Promise(function (resolve) {
        if (typeof handler !== 'function') throw new Error('the worker has no method "' + message.method + '"');
        resolve(handler(message.args, call));
      }).then(function (result) {
        ended = true;
        reply({ call: id, result: result }, resultTransfer);
      }, function (thrown) {
        ended = true;
        reply({ call: id, error: errorValue(thrown) }, []);
      });
    };
  }

  scope.cddWorkerProtocol = { serve: serve, errorValue: errorValue };
})(typeof self !== 'undefined' ? self : globalThis);
