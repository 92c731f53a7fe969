// Hosts one run of one WebAssembly program (a classic Web Worker, because
// Emscripten's glue is a classic script and its pthread workers load it again).
// The page may create the worker ahead of time, so the module is compiled and
// its thread pool started before Run is pressed; it terminates the worker to
// stop the run, and never reuses it.
//
// In:  {type: 'load', scriptUrl}   a built program: load and instantiate it,
//                                  but do not start main() yet
//      {type: 'load', compiled: {loaderUrl, wasm, runtime}}
//                                  a program compiled in the page (web/src/compiler/):
//                                  same runtime settings, instantiated at 'run'
//      {type: 'run', args}         start main(args) (after load, or queued)
// Out: {type: 'ready'}, {type: 'started'},
//      {type: 'lines', lines: [{stream: 'out'|'err', text}]},
//      {type: 'exit', code}, {type: 'abort', reason}, {type: 'crash', reason}
'use strict';

let pending = [];
let lastFlush = 0;
let flushTimer = 0;
let module = null; // the instantiated program, once ready
let queuedArgs = null; // Run pressed before the module was ready
let done = false;

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

function end(message) {
  if (done) return;
  done = true;
  flush();
  postMessage(message);
}

const isExit = (error) => error && error.name === 'ExitStatus';

self.addEventListener('error', (event) => end({ type: 'crash', reason: event.message || String(event.error) }));
self.addEventListener('unhandledrejection', (event) => {
  if (!isExit(event.reason)) end({ type: 'crash', reason: String(event.reason?.message ?? event.reason) });
});

let factory = null; // createProgram of the loaded program
let mainScriptUrl = '';
let baseUrl = '';
let deferInstantiation = false; // compiled programs: instantiate at 'run', with arguments

function moduleArgs(extra) {
  return {
    print: (text) => emit('out', text),
    printErr: (text) => emit('err', text),
    locateFile: (path) => baseUrl + path,
    mainScriptUrlOrBlob: mainScriptUrl, // pthread workers load the glue from here
    onExit: (code) => end({ type: 'exit', code }),
    onAbort: (reason) => end({ type: 'abort', reason: String(reason) }),
    ...extra,
  };
}

function failed(error) {
  if (!isExit(error)) end({ type: 'abort', reason: String(error?.message ?? error) });
}

function start(args) {
  postMessage({ type: 'started' });
  if (deferInstantiation) {
    factory(moduleArgs({ arguments: args })).catch(failed);
    return;
  }
  try {
    module.callMain(args);
  } catch (error) {
    // A single-threaded program that calls exit() unwinds with ExitStatus.
    failed(error);
  }
}

async function load({ scriptUrl, compiled }) {
  try {
    if (compiled) {
      importScripts(compiled.loaderUrl);
      factory = await self.cddLoadCompiledProgram({ wasm: compiled.wasm, ...compiled.runtime });
      deferInstantiation = true;
    } else {
      // Every pthread worker evaluates the glue again: fetch it once and hand
      // them an in-memory copy, instead of one download per thread.
      const response = await fetch(scriptUrl);
      if (!response.ok) throw new Error(`${scriptUrl}: HTTP ${response.status}`);
      mainScriptUrl = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
      importScripts(mainScriptUrl);
      factory = self.createProgram;
      baseUrl = scriptUrl.slice(0, scriptUrl.lastIndexOf('/') + 1);
    }
  } catch (error) {
    end({ type: 'crash', reason: `could not load the program: ${error.message}` });
    return;
  }
  if (deferInstantiation) {
    module = {};
    postMessage({ type: 'ready' });
    if (queuedArgs) start(queuedArgs);
    return;
  }
  factory(moduleArgs({ noInitialRun: true })).then((instance) => {
    module = instance;
    postMessage({ type: 'ready' });
    if (queuedArgs) start(queuedArgs);
  }, failed);
}

self.onmessage = ({ data }) => {
  if (data.type === 'load') load(data);
  else if (data.type === 'run') {
    if (module) start(data.args);
    else queuedArgs = data.args;
  }
};
