// Hosts one run of one WebAssembly program (a classic Web Worker, because
// Emscripten's glue is a classic script and its pthread workers load it again).
// The page may start the worker ahead of time (prepare), so the program is
// downloaded and compiled before Run is pressed; none of the program's code
// runs before Run: instantiating it (which runs its static constructors) and
// main() both wait for the 'run' call. The page terminates the worker to stop
// the run, and never reuses it.
//
// Calls (web/src/workers/serve.js):
//   prepare({scriptUrl})                a built program: fetch its glue, compile its wasm
//   prepare({compiled: {loaderUrl, wasm, runtime}})
//                                       a program compiled in the page (web/src/compiler/)
//   run({args, stdin?, pthreadPoolSize?}) -> {status: 'exit', code} | {status: 'abort', reason}
//                                          | {status: 'crash', reason, errorName?} (see exit-reasons.js)
//     events: {type: 'started'}, {type: 'lines', lines: [{stream: 'out'|'err', text}]}
//     stdin: a SharedArrayBuffer pipe (stdin-pipe.js) the program reads, blocking
//       until bytes arrive, and waits on with poll() on fd 0; its URL is in this
//       worker's fragment as `stdinPipe`. Without it stdin is empty.
//     pthreadPoolSize: pthread workers to start (a compiled program's glue reads it).
'use strict';

(function loadScripts(params) {
  importScripts(params.get('protocol'));
  if (params.get('stdinPipe')) importScripts(params.get('stdinPipe'));
})(new URLSearchParams(self.location.hash.slice(1)));

let factory = null; // (moduleArgs) => Promise of the instance; instantiates and runs main
let mainScriptUrl = '';
let baseUrl = '';
let current = null; // the run in progress: {emit, end}

// Lines are batched so a chatty program does not flood the page, but never
// held longer than ~30 ms. A single-threaded program blocks this worker, so
// timers cannot fire while it runs: the time check in print() covers that case.
let pending = [];
let lastFlush = 0;
let flushTimer = 0;

function flush() {
  clearTimeout(flushTimer);
  flushTimer = 0;
  lastFlush = performance.now();
  if (pending.length === 0 || !current) return;
  current.emit({ type: 'lines', lines: pending });
  pending = [];
}

function print(stream, text) {
  pending.push({ stream, text });
  if (performance.now() - lastFlush > 30) flush();
  else if (!flushTimer) flushTimer = setTimeout(flush, 30);
}

const isExit = (error) => error && error.name === 'ExitStatus';
const end = (outcome) => current?.end(outcome);

// A thrown error as {status: 'crash', errorName, reason} (web/src/runner/exit-reasons.js
// names it: errorName 'RuntimeError' is a WebAssembly trap). A pthread's error
// reaches this worker as an ErrorEvent that Emscripten's glue throws again
// here ("Uncaught [object ErrorEvent]"); its message is the browser's report of
// the original, "Uncaught RuntimeError: memory access out of bounds".
function crashOf(error, fallbackMessage = '') {
  if (error instanceof Error) return { status: 'crash', errorName: error.name, reason: error.message };
  const message = typeof error?.message === 'string' ? error.message : fallbackMessage || String(error);
  const uncaught = /^Uncaught (\w+): ([\s\S]*)$/.exec(message);
  return uncaught ? { status: 'crash', errorName: uncaught[1], reason: uncaught[2] } : { status: 'crash', reason: message };
}

// A single-threaded program that calls exit() unwinds with ExitStatus; onExit has reported it.
function failed(error) {
  if (!isExit(error)) end(crashOf(error));
}

// Reported here, as the run's outcome, the error does not also go to the page as
// a failure of the worker (which would arrive first and name nothing).
self.addEventListener('error', (event) => {
  if (!current) return;
  end(crashOf(event.error, event.message));
  event.preventDefault();
});
self.addEventListener('unhandledrejection', (event) => failed(event.reason));

// A threaded program's glue starts its pthread pool, when it runs, with
// `new Worker(locateFile('<name>.worker.js'))`, one per pool thread; each then
// waits for the module before it loads the program. Those workers are started
// here at prepare time and handed to the glue at Run (through this scope's
// Worker constructor), so Run does not wait for threads to start. They run
// Emscripten's worker script only: nothing of the program.
// A glue that does not spell its pool size out (lesson 4's reads it from
// Module.cddPoolSize) gets PTHREAD_POOL_SIZE of cmake/CddProgram.cmake.
// Starting too many costs idle threads only; too few, start-up time.
function startPthreadWorkersEarly(glue) {
  const script = /locateFile\(\s*["']([^"']+\.worker\.js)["']\s*\)/.exec(glue);
  if (!script) return; // a single-threaded build
  const poolSize = Number(/pthreadPoolSize\s*=\s*(\d+)/.exec(glue)?.[1] ?? 4);
  const url = baseUrl + script[1];
  const NativeWorker = self.Worker;
  const early = Array.from({ length: poolSize }, () => new NativeWorker(url));
  self.Worker = function Worker(workerUrl, options) {
    return String(workerUrl) === url && early.length > 0 ? early.shift() : new NativeWorker(workerUrl, options);
  };
}

async function compileWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // compileStreaming compiles while the bytes arrive, but needs the wasm MIME type.
  if ((response.headers.get('content-type') || '').startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

// A built program: its glue defines createProgram; its wasm is compiled now
// and instantiated by the glue at Run through instantiateWasm.
async function prepareBuilt(scriptUrl) {
  const [glue, wasmModule] = await Promise.all([
    fetch(scriptUrl).then((response) => {
      if (!response.ok) throw new Error(`${scriptUrl}: HTTP ${response.status}`);
      return response.text();
    }),
    compileWasm(scriptUrl.replace(/\.js$/, '.wasm')),
  ]);
  // Every pthread worker evaluates the glue again: hand them an in-memory
  // copy, instead of one download per thread.
  mainScriptUrl = URL.createObjectURL(new Blob([glue], { type: 'text/javascript' }));
  importScripts(mainScriptUrl); // defines createProgram; runs nothing of the program
  const createProgram = self.createProgram;
  baseUrl = scriptUrl.slice(0, scriptUrl.lastIndexOf('/') + 1);
  startPthreadWorkersEarly(glue);
  return (moduleArgs) => createProgram({
    ...moduleArgs,
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then(
        (instance) => receiveInstance(instance, wasmModule),
        (error) => end({ status: 'abort', reason: `cannot start the program: ${error.message}` }),
      );
      return {}; // the exports arrive through receiveInstance
    },
  });
}

async function prepare({ scriptUrl, compiled }) {
  try {
    if (compiled) {
      importScripts(compiled.loaderUrl);
      factory = await self.cddLoadCompiledProgram({ wasm: compiled.wasm, ...compiled.runtime });
    } else {
      factory = await prepareBuilt(scriptUrl);
    }
  } catch (error) {
    throw new Error(`could not load the program: ${error.message}`);
  }
}

// Module settings that make the program read `stdin` (a pipe buffer): a read
// blocks until bytes arrive, poll() on fd 0 waits up to its timeout; the lines
// held for the page are sent before either blocks.
function stdinSettings(stdin) {
  if (!stdin) return {};
  if (!self.cddStdinPipe) throw new Error('a stdin pipe needs stdinPipe in the program worker\'s URL');
  const reader = self.cddStdinPipe.pipeReader(stdin, { beforeBlock: flush });
  return {
    // Emscripten's device read loop calls this per byte; `first` is passed by patch-runtime.mjs.
    stdin: (first) => reader.readByte(first),
    cddPollStdin: (timeoutMs) => reader.poll(timeoutMs),
  };
}

function run({ args, stdin, pthreadPoolSize }, call) {
  if (!factory) throw new Error('could not load the program: it was not prepared');
  const settings = stdinSettings(stdin);
  if (pthreadPoolSize !== undefined) settings.cddPoolSize = pthreadPoolSize;
  return new Promise((resolve) => {
    current = {
      emit: call.emit,
      end(outcome) {
        flush();
        current = null;
        resolve(outcome);
      },
    };
    call.emit({ type: 'started' });
    // A single-threaded program runs main() inside this call: its trap is thrown here.
    new Promise((started) => started(factory({
      ...settings,
      arguments: args,
      print: (text) => print('out', text),
      printErr: (text) => print('err', text),
      locateFile: (path) => baseUrl + path,
      mainScriptUrlOrBlob: mainScriptUrl, // pthread workers load the glue from here
      onExit: (code) => end({ status: 'exit', code }),
      onAbort: (reason) => end({ status: 'abort', reason: String(reason ?? '') }),
    }))).catch(failed);
  });
}

self.cddWorkerProtocol.serve({ prepare, run });
