// Browser backend of cdd::mp, linked into every program that uses the
// library (--js-library, see ../CMakeLists.txt), so the page's runner needs
// no knowledge of it and a program compiled in the page can carry it too.
//
// A "process" is a new Web Worker (a worker_threads Worker under node) that
// loads the same program script, instantiates its own copy of the wasm with
// its own memory, and runs one registered task (cdd_mp_child_main) without
// running main(). Parent and children share exactly one thing: the arena, a
// SharedArrayBuffer in which queues, shared blocks, transferred buffers and
// each child's exit status live, reached with Atomics.
//
// Who holds what:
// - The program's main browser thread (the runner's worker, whose event loop
//   stays free because main() runs on a pthread) creates the arena at start-
//   up and hands it to every pthread worker right after Emscripten's 'load'
//   message. It also creates and terminates the child workers (spawn and kill
//   are proxied to it): a worker whose thread is blocked inside wasm cannot
//   start a nested worker, since the browser needs that thread's event loop
//   to fetch the new worker's script.
// - The C++ code (on main()'s pthread, or on a child's own thread) reaches
//   the arena through the functions below, in its own realm.
// Why not postMessage for messages? The C++ code that waits for a message is
// blocked inside wasm, so its event loop never runs and a posted message
// would never be delivered; browsers have no synchronous receive.
// Atomics.wait on shared memory is the one way such a thread can sleep until
// another worker has written something for it.
mergeInto(LibraryManager.library, {
#if USE_PTHREADS
  $CDDMP__deps: ['$PThread'],
#endif
  $CDDMP__postset: 'CDDMP.init();',
  $CDDMP: {
    arena: null,
    i32: null,
    i64: null,
    u8: null,
    children: [],
    scriptUrl: null,
    // 1 GiB of address space; a growable SharedArrayBuffer commits only what
    // is used. Without growable buffers, a fixed 256 MiB one.
    maxBytes: 1024 * 1024 * 1024,
    fixedBytes: 256 * 1024 * 1024,

    // ENVIRONMENT_IS_PTHREAD exists only in the threaded build.
    onPthread: function () {
      return typeof ENVIRONMENT_IS_PTHREAD != 'undefined' && ENVIRONMENT_IS_PTHREAD;
    },

    attach: function (sab) {
      CDDMP.arena = sab;
      CDDMP.i32 = new Int32Array(sab);
      CDDMP.i64 = new BigInt64Array(sab);
      CDDMP.u8 = new Uint8Array(sab);
    },

    // Why processes cannot run here, or '' when they can. `toStart`: this
    // thread wants to start processes, not only use the arena.
    whyUnavailable: function (toStart) {
      if (typeof SharedArrayBuffer == 'undefined')
        return 'processes are not available in this build: they need SharedArrayBuffer, which the browser ' +
               'only offers on a cross-origin isolated page';
      if (typeof Worker == 'undefined' && !ENVIRONMENT_IS_NODE)
        return 'processes are not available in this build: this context cannot start Web Workers';
      if (typeof Atomics == 'undefined' || typeof Atomics.wait != 'function')
        return 'processes are not available in this build: Atomics.wait is missing';
      if (toStart && !ENVIRONMENT_IS_NODE && !CDDMP.onPthread())
        return 'processes are not available in this build: in a browser they must be started from a thread ' +
               'other than the one hosting the program (the threaded build, where main() runs on its own thread)';
      if (!CDDMP.arena) return 'processes are not available in this build: the shared arena did not reach this thread';
      return '';
    },

    newArena: function () {
      try {
        var grown = new SharedArrayBuffer(16 * 1024 * 1024, { maxByteLength: CDDMP.maxBytes });
        if (grown.growable) return grown;
      } catch (e) {
        // No growable SharedArrayBuffer here: a fixed one instead.
      }
      return new SharedArrayBuffer(CDDMP.fixedBytes);
    },

    // Runs once in every realm that evaluates the program (see __postset).
    init: function () {
      if (CDDMP.onPthread()) {
        // The arena arrives as a message right after Emscripten's 'load'.
        var emscriptenHandler = self.onmessage;
        self.onmessage = function (e) {
          if (e.data && e.data.cmd === 'cddArena') CDDMP.attach(e.data.arena);
          else return emscriptenHandler.apply(this, arguments);
        };
        return;
      }
      if (Module['cddProcessChild']) {
        CDDMP.attach(Module['cddProcessChild'].arena);
        return;
      }
      if (typeof SharedArrayBuffer == 'undefined') return;
      CDDMP.attach(CDDMP.newArena());
#if USE_PTHREADS
      var loadWorker = PThread.loadWasmModuleToWorker;
      PThread.loadWasmModuleToWorker = function (worker) {
        var result = loadWorker.apply(PThread, arguments);
        worker.postMessage({ cmd: 'cddArena', arena: CDDMP.arena });
        return result;
      };
#endif
    },

    // Compiles the program's .wasm once, synchronously (this thread is busy
    // in wasm and cannot await), so children only instantiate it. Workers may
    // compile modules of any size synchronously.
    compileProgram: function (scriptUrl) {
      var wasmUrl = scriptUrl.replace(/\.js$/, '.wasm');
      var bytes;
      if (ENVIRONMENT_IS_NODE) {
        bytes = require('fs').readFileSync(wasmUrl);
      } else {
        var request = new XMLHttpRequest();
        request.open('GET', wasmUrl, false);
        request.responseType = 'arraybuffer';
        request.send(null);
        if (request.status != 200) throw new Error('could not load ' + wasmUrl + ' (HTTP ' + request.status + ')');
        bytes = request.response;
      }
      return new WebAssembly.Module(bytes);
    },

    // The code a child worker starts with (turned into source text, so it
    // must not refer to anything outside itself).
    childBootstrap: function (isNode) {
      var port = isNode ? require('worker_threads').parentPort : self;
      var onInit = function (init) {
        var words = new Int32Array(init.arena);
        var bytes = new Uint8Array(init.arena);
        var at = init.status >> 2;
        var finished = false;
        // Status block: [0] state 0 starting / 1 running / 2 ended,
        // [1] exit code, [2] aborted, [3] killed, then a message.
        var finish = function (code, aborted, message) {
          if (finished) return;
          finished = true;
          var text = new TextEncoder().encode(String(message || '')).slice(0, 230);
          bytes.fill(0, init.status + 16, init.status + 256);
          bytes.set(text, init.status + 16);
          Atomics.store(words, at + 1, code | 0);
          Atomics.store(words, at + 2, aborted ? 1 : 0);
          Atomics.store(words, at, 2);
          Atomics.notify(words, at);
          if (isNode) process.exit(0); else close();
        };
        var isExit = function (e) { return e && e.name === 'ExitStatus'; };
        try {
          var createProgram;
          var options = {
            noInitialRun: true,
            cddProcessChild: init,
            // The in-page compiler's shared glue reads the module it runs to
            // fill in imports the glue lacks (tools/compiler/patch-runtime.mjs).
            wasmModule: init.wasmModule,
            // Output goes to the thread that started this worker, which prints
            // it with the program's own print (the page's terminal).
            print: function (t) { port.postMessage({ cddOut: String(t) }); },
            printErr: function (t) { port.postMessage({ cddErr: String(t) }); },
            onAbort: function (reason) { finish(134, true, reason ? String(reason) : 'abort() was called'); },
            onExit: function (code) { finish(code, false, ''); },
          };
          if (isNode) {
            createProgram = require(init.scriptUrl);
          } else {
            importScripts(init.scriptUrl);
            createProgram = self.createProgram;
            var base = init.scriptUrl.slice(0, init.scriptUrl.lastIndexOf('/') + 1);
            options.locateFile = function (path) { return base + path; };
            options.mainScriptUrlOrBlob = init.scriptUrl;
          }
          if (init.maximumPages)  // a memory limit: the instance's memory cannot grow past it
            options.wasmMemory = new WebAssembly.Memory({ initial: init.initialPages, maximum: init.maximumPages, shared: true });
          createProgram(options).then(function (program) {
            Atomics.store(words, at, 1);
            Atomics.notify(words, at);
            var code;
            try {
              code = program._cdd_mp_child_main(init.request);
            } catch (e) {
              if (isExit(e)) code = e.status;
              else return finish(134, true, 'the wasm instance stopped: ' + (e && e.message ? e.message : e));
            }
            finish(code, false, '');
          }, function (e) {
            if (isExit(e)) finish(e.status, false, '');
            else finish(134, true, 'the process could not start: ' + (e && e.message ? e.message : e));
          });
        } catch (e) {
          finish(134, true, 'the process could not start: ' + (e && e.message ? e.message : e));
        }
      };
      if (isNode) port.once('message', onInit);
      else port.onmessage = function (e) { port.onmessage = null; onInit(e.data); };
    },
  },

  cdd_mp_js_unavailable_reason__deps: ['$CDDMP', 'malloc'],
  cdd_mp_js_unavailable_reason: function (what) {
    // 1: starting processes; 0 and 2 (shared memory blocks): using the arena.
    var why = CDDMP.whyUnavailable(what === 1);
    if (!why) return 0;
    var size = lengthBytesUTF8(why) + 1;
    var ptr = _malloc(size);
    stringToUTF8(why, ptr, size);
    return ptr;
  },

  cdd_mp_js_arena_size__deps: ['$CDDMP'],
  cdd_mp_js_arena_size: function () {
    return CDDMP.arena.growable ? CDDMP.arena.maxByteLength : CDDMP.arena.byteLength;
  },
  cdd_mp_js_reserve__deps: ['$CDDMP'],
  cdd_mp_js_reserve: function (end) {
    var sab = CDDMP.arena;
    if (end <= sab.byteLength) return 1;
    if (!sab.growable) return 0;
    // Grow in 16 MiB steps so a stream of small allocations grows rarely.
    var step = 16 * 1024 * 1024;
    var wanted = Math.min(sab.maxByteLength, Math.ceil(end / step) * step);
    try {
      sab.grow(wanted);
    } catch (e) {
      // Another process grew it meanwhile: fine if it is now big enough.
    }
    return sab.byteLength >= end ? 1 : 0;
  },

  cdd_mp_js_load32__deps: ['$CDDMP'],
  cdd_mp_js_load32: function (o) { return Atomics.load(CDDMP.i32, o >>> 2); },
  cdd_mp_js_store32__deps: ['$CDDMP'],
  cdd_mp_js_store32: function (o, v) { Atomics.store(CDDMP.i32, o >>> 2, v); },
  cdd_mp_js_add32__deps: ['$CDDMP'],
  cdd_mp_js_add32: function (o, v) { return Atomics.add(CDDMP.i32, o >>> 2, v); },
  cdd_mp_js_exchange32__deps: ['$CDDMP'],
  cdd_mp_js_exchange32: function (o, v) { return Atomics.exchange(CDDMP.i32, o >>> 2, v); },
  cdd_mp_js_cas32__deps: ['$CDDMP'],
  cdd_mp_js_cas32: function (o, e, d) { return Atomics.compareExchange(CDDMP.i32, o >>> 2, e, d); },
  cdd_mp_js_load64__deps: ['$CDDMP'],
  cdd_mp_js_load64: function (o) { return Atomics.load(CDDMP.i64, o >>> 3); },
  cdd_mp_js_store64__deps: ['$CDDMP'],
  cdd_mp_js_store64: function (o, v) { Atomics.store(CDDMP.i64, o >>> 3, v); },
  cdd_mp_js_add64__deps: ['$CDDMP'],
  cdd_mp_js_add64: function (o, v) { return Atomics.add(CDDMP.i64, o >>> 3, v); },
  cdd_mp_js_cas64__deps: ['$CDDMP'],
  cdd_mp_js_cas64: function (o, e, d) { return Atomics.compareExchange(CDDMP.i64, o >>> 3, e, d); },
  cdd_mp_js_wait32__deps: ['$CDDMP'],
  cdd_mp_js_wait32: function (o, expected, timeoutMs) {
    Atomics.wait(CDDMP.i32, o >>> 2, expected, timeoutMs < 0 ? Infinity : timeoutMs);
  },
  cdd_mp_js_notify32__deps: ['$CDDMP'],
  cdd_mp_js_notify32: function (o, count) { Atomics.notify(CDDMP.i32, o >>> 2, count); },
  // Copies between this instance's own memory and the arena. wasmMemory.buffer
  // is re-read on each call because the wasm memory may have grown.
  cdd_mp_js_write__deps: ['$CDDMP'],
  cdd_mp_js_write: function (o, ptr, size) {
    CDDMP.u8.set(new Uint8Array(wasmMemory.buffer, ptr, size), o);
  },
  cdd_mp_js_read__deps: ['$CDDMP'],
  cdd_mp_js_read: function (o, ptr, size) {
    new Uint8Array(wasmMemory.buffer, ptr, size).set(CDDMP.u8.subarray(o, o + size));
  },

  // Starts a child worker; returns its number. Runs on the main browser
  // thread (see the top of this file).
  cdd_mp_js_spawn__proxy: 'sync',
  cdd_mp_js_spawn__deps: ['$CDDMP'],
  cdd_mp_js_spawn: function (request, status, memoryLimitBytes) {
    if (CDDMP.scriptUrl === null) {
      // The runner passes mainScriptUrlOrBlob; under node it is this file.
      var url = Module['mainScriptUrlOrBlob'];
      if (typeof url != 'string') url = _scriptDir || '';
      CDDMP.scriptUrl = ENVIRONMENT_IS_NODE ? url : new URL(url, location.href).href;
    }
    // The module this program was compiled into (kept by Emscripten for its
    // pthreads, or given by the in-page compiler's loader); the single-
    // threaded build compiles the file again.
    if (!CDDMP.wasmModule) {
      CDDMP.wasmModule = (typeof wasmModule != 'undefined' && wasmModule) || Module['wasmModule'] ||
        CDDMP.compileProgram(CDDMP.scriptUrl);
    }
    var init = { scriptUrl: CDDMP.scriptUrl, wasmModule: CDDMP.wasmModule, arena: CDDMP.arena, request: request, status: status };
    if (memoryLimitBytes > 0) {
      var page = 65536;
      init.initialPages = {{{ INITIAL_MEMORY }}} / page;
      init.maximumPages = Math.min(32768, init.initialPages + Math.ceil(memoryLimitBytes / page));
    }
    var source = '(' + CDDMP.childBootstrap.toString() + ')(' + (ENVIRONMENT_IS_NODE ? 'true' : 'false') + ');';
    var worker;
    if (ENVIRONMENT_IS_NODE) {
      worker = new (require('worker_threads').Worker)(source, { eval: true });
    } else {
      if (!CDDMP.bootstrapUrl) CDDMP.bootstrapUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      worker = new Worker(CDDMP.bootstrapUrl);
    }
    var relay = function (d) {
      if (d && d.cddOut !== undefined) out(d.cddOut);
      else if (d && d.cddErr !== undefined) err(d.cddErr);
    };
    if (ENVIRONMENT_IS_NODE) worker.on('message', relay);
    else worker.onmessage = function (e) { relay(e.data); };
    worker.postMessage(init);
    CDDMP.children.push(worker);
    return CDDMP.children.length - 1;
  },

  // The machine's processors (a worker's navigator; node's os module).
  cdd_mp_js_processors: function () {
    if (ENVIRONMENT_IS_NODE) return require('os').cpus().length;
    return (typeof navigator != 'undefined' && navigator.hardwareConcurrency) || 1;
  },

  cdd_mp_js_memory_is_shared: function () {
    return typeof SharedArrayBuffer != 'undefined' && wasmMemory.buffer instanceof SharedArrayBuffer ? 1 : 0;
  },

  // Stops a child at once, whatever it is doing (an endless loop included).
  cdd_mp_js_kill__proxy: 'sync',
  cdd_mp_js_kill__deps: ['$CDDMP'],
  cdd_mp_js_kill: function (id) {
    var worker = CDDMP.children[id];
    if (worker) {
      worker.terminate();
      CDDMP.children[id] = null;
    }
  },
  // A child that ended by itself has closed; forget it.
  cdd_mp_js_forget__proxy: 'sync',
  cdd_mp_js_forget__deps: ['$CDDMP'],
  cdd_mp_js_forget: function (id) {
    var worker = CDDMP.children[id];
    if (worker && ENVIRONMENT_IS_NODE) worker.unref();
    CDDMP.children[id] = null;
  },
});
