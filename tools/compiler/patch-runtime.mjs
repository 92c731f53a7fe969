// Makes Emscripten's glue for the template program (make-runtime.mjs) work
// with any program linked in the page. Two things in the generated glue are
// specific to the template:
//   1. it hard-codes the address of one libc variable,
//      `__emscripten_allow_main_runtime_queued_calls = <n>`; every program has
//      it elsewhere, so we read the address from the wasm export of the same
//      name once the instance exists;
//   2. its import object holds exactly the JS functions the template needed; a
//      program calling something else would fail to instantiate with a
//      LinkError. We add, for every function import the glue lacks, a stub
//      that aborts with "unsupported libc/JS function: NAME" when called.
// Two more edits let a page feed the program's stdin from a pipe
// (web/src/runner/stdin-pipe.js), so that a blocking read waits for input:
//   3. Emscripten's device read loop calls Module.stdin() once per byte; it
//      now passes whether the read has no byte yet (`first`): only then may
//      the page block; later calls return undefined to end the read early;
//   4. poll() on fd 0 asks Module.cddPollStdin(timeoutMs) whether input is
//      ready (waiting at most the timeout) when the page set it; Emscripten's
//      own poll() says every stream is always ready and ignores the timeout.
// The glue is evaluated by the main runtime and by every pthread worker, so the
// patch must live in the glue itself (workers instantiate from
// Module.wasmModule through worker.js, not through our loader).

export const UNSUPPORTED_PREFIX = 'unsupported libc/JS function: ';

const ALLOW_QUEUED = /var __emscripten_allow_main_runtime_queued_calls = Module\["__emscripten_allow_main_runtime_queued_calls"\] = \d+;/;
const RECEIVE_INSTANCE = /(function receiveInstance\(instance, module\) \{\n\s*var exports = instance\.exports;\n)/;
const IMPORT_OBJECT = /(function createWasm\(\) \{\n\s*var info = \{\n\s*"env": asmLibraryArg,\n\s*"wasi_snapshot_preview1": asmLibraryArg\n\s*\};\n)/;

const STUB_FUNCTION = `
// Added by tools/compiler/patch-runtime.mjs: imports this glue lacks abort
// with a clear message when called, instead of failing to instantiate.
function cddStubMissingImports(info, module) {
 if (!module) return;
 WebAssembly.Module.imports(module).forEach(function(entry) {
  var table = info[entry.module];
  if (entry.kind !== "function" || !table || entry.name in table) return;
  table[entry.name] = function() {
   abort(${JSON.stringify(UNSUPPORTED_PREFIX)} + entry.name);
  };
 });
}
`;

const DEVICE_READ_CALL = /result = input\(\);/;
const POLL_FUNCTION = /(function ___syscall_poll\(fds, nfds, timeout\) \{\n(?: if \(ENVIRONMENT_IS_PTHREAD\) return _emscripten_proxy_to_main_thread_js\(\d+, 1, fds, nfds, timeout\);\n)?)/;

// Runs on the main runtime thread (poll is proxied there). With fd 0 among
// the fds and the page's hook set: other fds answer as Emscripten's poll
// does; fd 0 waits (no longer than the timeout, not at all if another fd is
// ready) and is readable if the hook says so.
const POLL_STDIN = `
 // Added by tools/compiler/patch-runtime.mjs (the page's stdin pipe). The
 // threaded glue reads memory through GROWABLE_HEAP_*() (memory may grow).
 var cddI32 = typeof GROWABLE_HEAP_I32 == "function" ? GROWABLE_HEAP_I32() : HEAP32;
 var cddI16 = typeof GROWABLE_HEAP_I16 == "function" ? GROWABLE_HEAP_I16() : HEAP16;
 var cddStdinAt = -1;
 for (var cddI = 0; cddI < nfds && typeof Module["cddPollStdin"] == "function"; cddI++) {
  if (cddI32[(fds + 8 * cddI) >> 2] === 0) cddStdinAt = cddI;
 }
 if (cddStdinAt >= 0) {
  var cddEvents = cddI16[(fds + 8 * cddStdinAt + 4) >> 1];
  cddI32[(fds + 8 * cddStdinAt) >> 2] = -1; // the other fds first, as Emscripten answers them
  var cddOthers = nfds > 1 ? ___syscall_poll(fds, nfds, 0) : 0;
  cddI32[(fds + 8 * cddStdinAt) >> 2] = 0;
  var cddReady = Module["cddPollStdin"](cddOthers > 0 ? 0 : timeout) ? cddEvents & 1 : 0;
  (typeof GROWABLE_HEAP_I16 == "function" ? GROWABLE_HEAP_I16() : HEAP16)[(fds + 8 * cddStdinAt + 6) >> 1] = cddReady;
  return cddOthers + (cddReady ? 1 : 0);
 }
`;

function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, 'g'));
  if (!matches || matches.length !== 1) {
    throw new Error(`patch-runtime: expected exactly one ${what} in the glue, found ${matches ? matches.length : 0}` +
      ' (did the Emscripten version change?)');
  }
  return text.replace(pattern, replacement);
}

/**
 * @param {string} glue the runtime.js em++ wrote
 * @param {{threads?: boolean}} options threads: false for the single-threaded
 *   glue, which has no pthread state (edit 1 does not apply)
 * @returns {string}
 */
export function patchRuntime(glue, { threads = true } = {}) {
  let out = glue;
  if (threads) {
    out = replaceOnce(out, ALLOW_QUEUED, 'var __emscripten_allow_main_runtime_queued_calls;',
      'hard-coded __emscripten_allow_main_runtime_queued_calls address');
    out = replaceOnce(out, RECEIVE_INSTANCE,
      '$1  __emscripten_allow_main_runtime_queued_calls = exports["_emscripten_allow_main_runtime_queued_calls"].value;\n',
      'receiveInstance function');
  }
  out = replaceOnce(out, DEVICE_READ_CALL, 'result = input(bytesRead === 0);', 'device read loop calling input()');
  out = replaceOnce(out, POLL_FUNCTION, `$1${POLL_STDIN}`, '__syscall_poll function');
  out = replaceOnce(out, IMPORT_OBJECT, `${STUB_FUNCTION}\n$1 cddStubMissingImports(info, Module["wasmModule"]);\n`,
    'createWasm import object');
  return out;
}
