// cdd::mp browser backend, start-up of a child process instance: one started
// by multiprocessing_library.js with Module.cddProcessChild set. It runs one
// task on its own worker thread, so it needs no pthread pool (the parent
// keeps the usual pool of 4: see PTHREAD_POOL_SIZE in ../CMakeLists.txt),
// and it instantiates the WebAssembly.Module the parent already compiled.
if (Module['cddPoolSize'] === undefined) Module['cddPoolSize'] = Module['cddProcessChild'] ? 0 : 4;
if (Module['cddProcessChild'] && Module['cddProcessChild'].wasmModule && !Module['instantiateWasm']) {
  Module['instantiateWasm'] = function (imports, receiveInstance) {
    WebAssembly.instantiate(Module['cddProcessChild'].wasmModule, imports).then(function (instance) {
      receiveInstance(instance, Module['cddProcessChild'].wasmModule);
      // Emscripten 3.1.6 releases this start-up dependency only after loading
      // the pthread pool, and with an empty pool it never would.
      if (typeof removeRunDependency == 'function' && Module['cddPoolSize'] === 0) removeRunDependency('wasm-instantiate');
    }, function (error) {
      if (Module['onAbort']) Module['onAbort']('could not instantiate the program: ' + error);
    });
    return {};  // the exports arrive asynchronously through receiveInstance
  };
}
