// Runs a program compiled in the page the way a built lesson program runs.
//
// A CLASSIC script (no import/export), for the program runner's classic
// worker: importScripts('<base>/compiler/compiled-program.js') defines
//   self.cddLoadCompiledProgram({wasm, glueUrl, workerUrl} | {wasm, glue, worker})
// which resolves to a `createProgram(moduleArgs)` factory with the same shape
// as an Emscripten-built program's (same arguments, print, printErr,
// locateFile, mainScriptUrlOrBlob, onExit, onAbort), backed by the shared
// runtime glue (tools/compiler/make-runtime.mjs) and the compiled wasm.
//   glue/worker:       the runtime texts from the compile result (no network);
//   glueUrl/workerUrl: URLs of runtime.js and runtime.worker.js instead.
// Under node (tests), glueUrl/workerUrl are file paths and `require` loads the glue.
(function (scope) {
  'use strict';

  function blobUrl(text) {
    return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  }

  // Loads the glue's factory without leaving it as the global createProgram
  // (a built program's glue in the same worker uses that name).
  function loadGlueFactory(glueUrl) {
    if (typeof importScripts === 'function') {
      var previous = scope.createProgram;
      importScripts(glueUrl);
      var factory = scope.createProgram;
      scope.createProgram = previous;
      return factory;
    }
    if (typeof require === 'function') return require(glueUrl);
    throw new Error('cddLoadCompiledProgram needs a classic worker (importScripts) or node (require)');
  }

  async function cddLoadCompiledProgram(options) {
    var glueUrl = options.glueUrl || blobUrl(options.glue);
    // The single-threaded runtime has no pthread worker script.
    var workerUrl = options.workerUrl || (options.worker ? blobUrl(options.worker) : null);
    var wasmModule = options.wasm instanceof WebAssembly.Module ? options.wasm : await WebAssembly.compile(options.wasm);
    var glueFactory = loadGlueFactory(glueUrl);

    return function createProgram(moduleArgs) {
      moduleArgs = moduleArgs || {};
      var failInstantiation;
      var instantiationFailed = new Promise(function (resolve, reject) { failInstantiation = reject; });
      var callerLocateFile = moduleArgs.locateFile;
      var module = Object.assign({}, moduleArgs, {
        // pthread workers evaluate the same glue (runtime.worker.js loads it
        // from here) and get the compiled module from the main runtime.
        mainScriptUrlOrBlob: glueUrl,
        locateFile: function (path, prefix) {
          if (workerUrl && /\.worker\.js$/.test(path)) return workerUrl;
          return callerLocateFile ? callerLocateFile(path, prefix) : prefix + path;
        },
        // Read by the patched glue to stub imports it lacks (patch-runtime.mjs).
        wasmModule: wasmModule,
        instantiateWasm: function (imports, receiveInstance) {
          WebAssembly.instantiate(wasmModule, imports).then(
            function (instance) { receiveInstance(instance, wasmModule); },
            function (error) {
              var message = 'cannot start the compiled program: ' + (error && error.message || error);
              if (moduleArgs.onAbort) moduleArgs.onAbort(message);
              failInstantiation(new Error(message));
            });
          return {};
        },
      });
      return Promise.race([glueFactory(module), instantiationFailed]);
    };
  }

  scope.cddLoadCompiledProgram = cddLoadCompiledProgram;
})(typeof self !== 'undefined' ? self : globalThis);
