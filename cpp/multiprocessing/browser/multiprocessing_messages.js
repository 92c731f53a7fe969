// Browser backend of cdd::mp for the single-threaded build, which runs where
// the page is not cross-origin isolated and so has no SharedArrayBuffer: the
// same C++ (queues, pools, exit statuses all live in an arena), but processes
// share no memory at all and talk only by postMessage.
//
// - The arena is an ordinary ArrayBuffer held by the parent, the program's
//   own worker. The parent's C++ reaches it directly, as in the threaded build.
// - A child is a Web Worker (worker_threads under node) with its own instance
//   of the program, as in the threaded build. It reaches the arena by asking
//   the parent: every arena operation is a message there and its answer back.
// - Waiting cannot block a thread here (Atomics.wait needs shared memory, and
//   a blocked worker would never see the messages it waits for). The program
//   is linked with Asyncify (see ../CMakeLists.txt), so a wait unwinds the
//   wasm stack, lets this worker's event loop run, and resumes when a notify
//   or the time limit arrives. The parent answers its children's messages
//   while its own C++ waits.
// Shared memory blocks (SharedMemory) are the one thing this cannot offer
// honestly; creating one fails with the reason (cdd_mp_js_unavailable_reason).
mergeInto(LibraryManager.library, {
  $CDDMSG__deps: ['$Asyncify', 'emscripten_force_exit'],
  $CDDMSG__postset: 'CDDMSG.init();',
  $CDDMSG: {
    buffer: null, // the arena (in the parent)
    i32: null,
    i64: null,
    u8: null,
    waits: [],    // parked waits: {word, done, timer}
    children: [],
    port: null,   // in a child: where the parent listens
    answer: 0,    // in a child: the parent's answer to the last request
    wake: null,   // in a child: resumes the wasm that made the request
    maxBytes: 1024 * 1024 * 1024,
    fixedBytes: 256 * 1024 * 1024,

    init: function () {
      var child = Module['cddProcessChild'];
      if (child) {
        CDDMSG.port = ENVIRONMENT_IS_NODE ? require('worker_threads').parentPort : self;
        // For the bootstrap: answers arrive through it, and the task runs
        // through it (a task that waits returns a promise of its exit code).
        Module['cddAnswered'] = CDDMSG.answered;
        Module['cddRunChild'] = function (request) {
          var code = Module['_cdd_mp_child_main'](request);
          return Asyncify.currData ? Asyncify.whenDone() : Promise.resolve(code);
        };
        return;
      }
      // A host that instantiates the program itself (the page's runner) hands
      // the compiled module to receiveInstance: keep it for the children.
      var instantiate = Module['instantiateWasm'];
      if (instantiate) {
        Module['instantiateWasm'] = function (imports, receiveInstance) {
          return instantiate(imports, function (instance, module) {
            if (module) CDDMSG.wasmModule = module;
            return receiveInstance(instance, module);
          });
        };
      }
      var buffer;
      try {
        buffer = new ArrayBuffer(16 * 1024 * 1024, { maxByteLength: CDDMSG.maxBytes });
        if (!buffer.resizable) buffer = null;
      } catch (e) {
        buffer = null; // no resizable ArrayBuffer here: a fixed one instead
      }
      CDDMSG.buffer = buffer || new ArrayBuffer(CDDMSG.fixedBytes);
      // Length-tracking views: they follow the buffer when it grows.
      CDDMSG.i32 = new Int32Array(CDDMSG.buffer);
      CDDMSG.i64 = new BigInt64Array(CDDMSG.buffer);
      CDDMSG.u8 = new Uint8Array(CDDMSG.buffer);
    },

    // An arena operation, run in the parent for its own C++ or for a child.
    op: function (name, a, b, c) {
      var i32 = CDDMSG.i32, i64 = CDDMSG.i64, old;
      switch (name) {
        case 'size': return CDDMSG.buffer.resizable ? CDDMSG.buffer.maxByteLength : CDDMSG.buffer.byteLength;
        case 'reserve':
          if (a <= CDDMSG.buffer.byteLength) return 1;
          if (!CDDMSG.buffer.resizable) return 0;
          CDDMSG.buffer.resize(Math.min(CDDMSG.buffer.maxByteLength, Math.ceil(a / 16777216) * 16777216));
          return CDDMSG.buffer.byteLength >= a ? 1 : 0;
        case 'load32': return i32[a >>> 2];
        case 'store32': i32[a >>> 2] = b; return 0;
        case 'add32': old = i32[a >>> 2]; i32[a >>> 2] = old + b; return old;
        case 'exchange32': old = i32[a >>> 2]; i32[a >>> 2] = b; return old;
        case 'cas32': old = i32[a >>> 2]; if (old === b) i32[a >>> 2] = c; return old;
        case 'load64': return i64[a >>> 3];
        case 'store64': i64[a >>> 3] = b; return BigInt(0); // (no 0n: the glue's minifier drops BigInt literals)
        case 'add64': old = i64[a >>> 3]; i64[a >>> 3] = old + b; return old;
        case 'cas64': old = i64[a >>> 3]; if (old === b) i64[a >>> 3] = c; return old;
        case 'write': CDDMSG.u8.set(b, a); return 0;
        case 'read': return CDDMSG.u8.slice(a, a + b);
        case 'notify': CDDMSG.notify(a, b); return 0;
      }
      throw new Error('cdd::mp: unknown arena operation ' + name);
    },

    // Wakes up to `count` parked waits on the word at byte offset `offset`.
    notify: function (offset, count) {
      var word = offset >>> 2, woken = [];
      CDDMSG.waits = CDDMSG.waits.filter(function (w) {
        if (w.word !== word || woken.length >= count) return true;
        woken.push(w);
        return false;
      });
      // After the current message is answered: waking the parent runs its C++.
      woken.forEach(function (w) {
        clearTimeout(w.timer);
        queueMicrotask(w.done);
      });
    },

    // Parks a wait until a notify on its word, or until `timeoutMs` (< 0: no limit).
    park: function (offset, timeoutMs, done) {
      var wait = { word: offset >>> 2, done: done, timer: null };
      if (timeoutMs >= 0) {
        wait.timer = setTimeout(function () {
          CDDMSG.waits = CDDMSG.waits.filter(function (w) { return w !== wait; });
          done();
        }, timeoutMs);
      }
      CDDMSG.waits.push(wait);
    },

    // In a child: one arena operation, asked of the parent. The wasm unwinds
    // while the question travels and resumes with the answer.
    // (Asyncify calls an import twice: once to unwind, and again, with the
    // same arguments, when it rewinds; handleSleep returns at the second.)
    ask: function (name, a, b, c) {
      if (Asyncify.state === Asyncify.State.Normal) CDDMSG.answer = 0;
      Asyncify.handleSleep(function (wakeUp) {
        CDDMSG.wake = wakeUp;
        CDDMSG.port.postMessage({ cddAsk: [name, a, b, c] });
      });
      return CDDMSG.answer;
    },
    // In a child: the parent's answer arrived.
    answered: function (value) {
      CDDMSG.answer = value;
      var wake = CDDMSG.wake;
      CDDMSG.wake = null;
      if (wake) wake();
    },

    // In the parent: a child's message (output, a question, its status).
    fromChild: function (child, d) {
      if (!d) return;
      if (d.cddOut !== undefined) out(d.cddOut);
      else if (d.cddErr !== undefined) err(d.cddErr);
      else if (d.cddAsk) {
        var q = d.cddAsk, reply = function (value) { child.worker.postMessage({ cddAnswer: value }); };
        if (q[0] === 'wait') {
          if (CDDMSG.i32[q[1] >>> 2] !== q[2] || q[3] === 0) reply(0);
          else CDDMSG.park(q[1], q[3], function () { reply(0); });
        } else {
          reply(CDDMSG.op(q[0], q[1], q[2], q[3]));
        }
      } else if (d.cddStatus) {
        CDDMSG.writeStatus(child.status, d.cddStatus);
      }
    },

    // The child's status block, as the threaded build's bootstrap writes it:
    // [0] state 0 starting / 1 running / 2 ended, [1] exit code, [2] aborted,
    // [3] killed (then the parent has written it), then a message.
    writeStatus: function (at, s) {
      var i32 = CDDMSG.i32, word = at >>> 2;
      if (i32[word + 3]) return;
      if (s.state === 2) {
        var text = new TextEncoder().encode(String(s.message || '')).slice(0, 230);
        CDDMSG.u8.fill(0, at + 16, at + 256);
        CDDMSG.u8.set(text, at + 16);
        i32[word + 1] = s.code | 0;
        i32[word + 2] = s.aborted ? 1 : 0;
      }
      i32[word] = s.state;
      CDDMSG.notify(at, 0x7fffffff);
    },

    // In the parent: the first wait inside main() unwinds it, and Emscripten
    // does not exit when an unwound main() finally returns; this does.
    // Meanwhile Module.cddAsyncMain tells a host's quit() that the exit
    // Emscripten reports as main() unwinds is not the program's end.
    watchMain: function () {
      if (CDDMSG.watching || CDDMSG.port || !Asyncify.currData || Asyncify.asyncPromiseHandlers) return;
      CDDMSG.watching = true;
      Module['cddAsyncMain'] = true;
      var end = function (code) {
        Module['cddAsyncMain'] = false;
        try {
          _emscripten_force_exit(code);
        } catch (e) {
          if (!(e instanceof ExitStatus) && e !== 'unwind') throw e;
        }
      };
      Asyncify.whenDone().then(end, function (e) {
        if (e instanceof ExitStatus) end(e.status);
        else throw e;
      });
    },

    // Compiles the program's .wasm once (synchronously: this code runs inside
    // wasm), so children only instantiate it.
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
      var program = null;
      var onInit = function (init) {
        var finished = false;
        var finish = function (code, aborted, message) {
          if (finished) return;
          finished = true;
          port.postMessage({ cddStatus: { state: 2, code: code | 0, aborted: aborted, message: String(message || '') } });
          if (isNode) setImmediate(function () { process.exit(0); }); else close();
        };
        var isExit = function (e) { return e && e.name === 'ExitStatus'; };
        var failed = function (e) {
          if (isExit(e)) finish(e.status, false, '');
          else finish(134, true, 'the wasm instance stopped: ' + (e && e.message ? e.message : e));
        };
        try {
          var createProgram;
          var options = {
            noInitialRun: true,
            cddProcessChild: init,
            wasmModule: init.wasmModule,
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
          }
          if (init.maximumPages)  // a memory limit: the instance's memory cannot grow past it
            options.wasmMemory = new WebAssembly.Memory({ initial: init.initialPages, maximum: init.maximumPages });
          createProgram(options).then(function (instance) {
            program = instance;
            port.postMessage({ cddStatus: { state: 1 } });
            Promise.resolve(init.request).then(program.cddRunChild).then(function (code) { finish(code, false, ''); }, failed);
          }, function (e) {
            if (isExit(e)) finish(e.status, false, '');
            else finish(134, true, 'the process could not start: ' + (e && e.message ? e.message : e));
          });
        } catch (e) {
          finish(134, true, 'the process could not start: ' + (e && e.message ? e.message : e));
        }
      };
      var onMessage = function (d) {
        if (d && 'cddAnswer' in d) program.cddAnswered(d.cddAnswer);
        else onInit(d);
      };
      if (isNode) port.on('message', onMessage);
      else port.onmessage = function (e) { onMessage(e.data); };
    },
  },

  // Why processes (toStart 1) or shared memory blocks (2) are not available
  // here, or 0 when they are.
  cdd_mp_js_unavailable_reason__deps: ['$CDDMSG', 'malloc'],
  cdd_mp_js_unavailable_reason: function (what) {
    var why = '';
    if (what === 2)
      why = 'shared memory between processes needs SharedArrayBuffer, which the browser offers only on a cross-origin ' +
            'isolated page; in this build processes share nothing and exchange messages only';
    else if (what === 1 && CDDMSG.port)
      why = 'a child process cannot start processes itself';
    else if (what === 1 && typeof Worker == 'undefined' && !ENVIRONMENT_IS_NODE)
      why = 'processes are not available in this build: this context cannot start Web Workers';
    if (!why) return 0;
    var size = lengthBytesUTF8(why) + 1;
    var ptr = _malloc(size);
    stringToUTF8(why, ptr, size);
    return ptr;
  },

  // Each arena operation: direct in the parent, a question to it in a child.
  cdd_mp_js_arena_size__deps: ['$CDDMSG'],
  cdd_mp_js_arena_size: function () { return CDDMSG.port ? CDDMSG.ask('size') : CDDMSG.op('size'); },
  cdd_mp_js_reserve__deps: ['$CDDMSG'],
  cdd_mp_js_reserve: function (end) { return CDDMSG.port ? CDDMSG.ask('reserve', end) : CDDMSG.op('reserve', end); },
  cdd_mp_js_load32__deps: ['$CDDMSG'],
  cdd_mp_js_load32: function (o) { return CDDMSG.port ? CDDMSG.ask('load32', o) : CDDMSG.op('load32', o); },
  cdd_mp_js_store32__deps: ['$CDDMSG'],
  cdd_mp_js_store32: function (o, v) { CDDMSG.port ? CDDMSG.ask('store32', o, v) : CDDMSG.op('store32', o, v); },
  cdd_mp_js_add32__deps: ['$CDDMSG'],
  cdd_mp_js_add32: function (o, v) { return CDDMSG.port ? CDDMSG.ask('add32', o, v) : CDDMSG.op('add32', o, v); },
  cdd_mp_js_exchange32__deps: ['$CDDMSG'],
  cdd_mp_js_exchange32: function (o, v) { return CDDMSG.port ? CDDMSG.ask('exchange32', o, v) : CDDMSG.op('exchange32', o, v); },
  cdd_mp_js_cas32__deps: ['$CDDMSG'],
  cdd_mp_js_cas32: function (o, e, d) { return CDDMSG.port ? CDDMSG.ask('cas32', o, e, d) : CDDMSG.op('cas32', o, e, d); },
  // 64-bit values are BigInts (WASM_BIGINT); while a child's question is on
  // its way the answer is a placeholder 0, which must be a BigInt too.
  cdd_mp_js_load64__deps: ['$CDDMSG'],
  cdd_mp_js_load64: function (o) { return CDDMSG.port ? BigInt(CDDMSG.ask('load64', o)) : CDDMSG.op('load64', o); },
  cdd_mp_js_store64__deps: ['$CDDMSG'],
  cdd_mp_js_store64: function (o, v) { CDDMSG.port ? CDDMSG.ask('store64', o, v) : CDDMSG.op('store64', o, v); },
  cdd_mp_js_add64__deps: ['$CDDMSG'],
  cdd_mp_js_add64: function (o, v) { return CDDMSG.port ? BigInt(CDDMSG.ask('add64', o, v)) : CDDMSG.op('add64', o, v); },
  cdd_mp_js_cas64__deps: ['$CDDMSG'],
  cdd_mp_js_cas64: function (o, e, d) { return CDDMSG.port ? BigInt(CDDMSG.ask('cas64', o, e, d)) : CDDMSG.op('cas64', o, e, d); },
  cdd_mp_js_wait32__deps: ['$CDDMSG'],
  cdd_mp_js_wait32: function (o, expected, timeoutMs) {
    if (CDDMSG.port) {
      CDDMSG.ask('wait', o, expected, timeoutMs);
      return;
    }
    // When rewinding, handleSleep must be reached again, whatever the word holds now.
    if (Asyncify.state === Asyncify.State.Normal && (CDDMSG.i32[o >>> 2] !== expected || timeoutMs === 0)) return;
    Asyncify.handleSleep(function (wakeUp) { CDDMSG.park(o, timeoutMs, function () { wakeUp(); }); });
    CDDMSG.watchMain();
  },
  cdd_mp_js_notify32__deps: ['$CDDMSG'],
  cdd_mp_js_notify32: function (o, count) { CDDMSG.port ? CDDMSG.ask('notify', o, count) : CDDMSG.notify(o, count); },
  // Copies between this instance's own memory and the arena.
  cdd_mp_js_write__deps: ['$CDDMSG'],
  cdd_mp_js_write: function (o, ptr, size) {
    var bytes = HEAPU8.slice(ptr, ptr + size);
    CDDMSG.port ? CDDMSG.ask('write', o, bytes) : CDDMSG.op('write', o, bytes);
  },
  cdd_mp_js_read__deps: ['$CDDMSG'],
  cdd_mp_js_read: function (o, ptr, size) {
    var bytes = CDDMSG.port ? CDDMSG.ask('read', o, size) : CDDMSG.op('read', o, size);
    if (bytes instanceof Uint8Array) HEAPU8.set(bytes, ptr);
  },

  // Starts a child worker; returns its number.
  cdd_mp_js_spawn__deps: ['$CDDMSG'],
  cdd_mp_js_spawn: function (request, status, memoryLimitBytes) {
    if (!CDDMSG.scriptUrl) {
      var url = Module['mainScriptUrlOrBlob'];
      if (typeof url != 'string') url = _scriptDir || '';
      CDDMSG.scriptUrl = ENVIRONMENT_IS_NODE ? url : new URL(url, location.href).href;
    }
    if (!CDDMSG.wasmModule) CDDMSG.wasmModule = Module['wasmModule'] || CDDMSG.compileProgram(CDDMSG.scriptUrl);
    var init = { scriptUrl: CDDMSG.scriptUrl, wasmModule: CDDMSG.wasmModule, request: request };
    if (memoryLimitBytes > 0) {
      var page = 65536;
      init.initialPages = {{{ INITIAL_MEMORY }}} / page;
      init.maximumPages = Math.min(32768, init.initialPages + Math.ceil(memoryLimitBytes / page));
    }
    var source = '(' + CDDMSG.childBootstrap.toString() + ')(' + (ENVIRONMENT_IS_NODE ? 'true' : 'false') + ');';
    var worker;
    if (ENVIRONMENT_IS_NODE) {
      worker = new (require('worker_threads').Worker)(source, { eval: true });
    } else {
      if (!CDDMSG.bootstrapUrl) CDDMSG.bootstrapUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      worker = new Worker(CDDMSG.bootstrapUrl);
    }
    var child = { worker: worker, status: status };
    // A worker that fails outside the task (its script, say) ends the child, not the parent.
    var failed = function (e) {
      CDDMSG.writeStatus(status, { state: 2, code: 134, aborted: true, message: 'the process failed: ' + (e && e.message ? e.message : e) });
    };
    if (ENVIRONMENT_IS_NODE) {
      worker.on('message', function (d) { CDDMSG.fromChild(child, d); });
      worker.on('error', failed);
    } else {
      worker.onmessage = function (e) { CDDMSG.fromChild(child, e.data); };
      worker.onerror = function (e) { e.preventDefault(); failed(e); };
    }
    worker.postMessage(init);
    CDDMSG.children.push(child);
    return CDDMSG.children.length - 1;
  },

  // The machine's processors (a worker's navigator; node's os module).
  cdd_mp_js_processors: function () {
    if (ENVIRONMENT_IS_NODE) return require('os').cpus().length;
    return (typeof navigator != 'undefined' && navigator.hardwareConcurrency) || 1;
  },

  cdd_mp_js_memory_is_shared: function () { return 0; },

  // Stops a child at once, whatever it is doing (an endless loop included);
  // anything it had sent and not yet delivered is dropped.
  cdd_mp_js_kill__deps: ['$CDDMSG'],
  cdd_mp_js_kill: function (id) {
    var child = CDDMSG.children[id];
    if (!child) return;
    if (ENVIRONMENT_IS_NODE) child.worker.removeAllListeners('message').removeAllListeners('error').on('error', function () {});
    else child.worker.onmessage = child.worker.onerror = null;
    child.worker.terminate();
    CDDMSG.children[id] = null;
  },
  cdd_mp_js_forget__deps: ['$CDDMSG'],
  cdd_mp_js_forget: function (id) {
    var child = CDDMSG.children[id];
    if (child && ENVIRONMENT_IS_NODE) child.worker.unref();
    CDDMSG.children[id] = null;
  },
});
