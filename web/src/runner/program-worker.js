// Hosts one run of one WebAssembly program (a classic Web Worker, because
// Emscripten's glue is a classic script and its pthread workers load it again).
// The page creates a fresh worker per run and terminates it to stop the run.
//
// In:  {type: 'run', scriptUrl, args}
// Out: {type: 'lines', lines: [{stream: 'out'|'err', text}]}, {type: 'started'},
//      {type: 'exit', code}, {type: 'abort', reason}, {type: 'crash', reason}
'use strict';

let pending = [];
let lastFlush = 0;
let flushTimer = 0;

// Lines are batched so a chatty program does not flood the page, but never
// held longer than ~30 ms. A single-threaded program blocks this worker, so
// timers cannot fire while it runs: the time check in emit() covers that case.
function flush() {
  clearTimeout(flushTimer);
  flushTimer = 0;
  lastFlush = performance.now();
  if (pending.length === 0) return;
  postMessage({ type: 'lines', lines: pending });
  pending = [];
}

function emit(stream, text) {
  pending.push({ stream, text });
  if (performance.now() - lastFlush > 30) flush();
  else if (!flushTimer) flushTimer = setTimeout(flush, 30);
}

function finish(message) {
  flush();
  postMessage(message);
}

self.addEventListener('error', (event) => {
  finish({ type: 'crash', reason: event.message || String(event.error) });
});
self.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason;
  // Emscripten signals a normal exit by throwing ExitStatus; that is not a crash.
  if (reason && reason.name === 'ExitStatus') return;
  finish({ type: 'crash', reason: String(reason?.message ?? reason) });
});

self.onmessage = (event) => {
  const { type, scriptUrl, args } = event.data;
  if (type !== 'run') return;
  try {
    importScripts(scriptUrl);
  } catch (error) {
    finish({ type: 'crash', reason: `could not load ${scriptUrl}: ${error.message}` });
    return;
  }
  const base = scriptUrl.slice(0, scriptUrl.lastIndexOf('/') + 1);
  let done = false;
  const end = (message) => {
    if (done) return;
    done = true;
    finish(message);
  };
  createProgram({
    arguments: args,
    print: (text) => emit('out', text),
    printErr: (text) => emit('err', text),
    locateFile: (path) => base + path,
    mainScriptUrlOrBlob: scriptUrl, // pthread workers need the glue's URL
    onRuntimeInitialized: () => postMessage({ type: 'started' }),
    onExit: (code) => end({ type: 'exit', code }),
    onAbort: (reason) => end({ type: 'abort', reason: String(reason) }),
  }).catch((error) => {
    if (error && error.name === 'ExitStatus') return;
    end({ type: 'abort', reason: String(error?.message ?? error) });
  });
};
