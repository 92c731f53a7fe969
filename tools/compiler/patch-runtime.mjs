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
  out = replaceOnce(out, IMPORT_OBJECT, `${STUB_FUNCTION}\n$1 cddStubMissingImports(info, Module["wasmModule"]);\n`,
    'createWasm import object');
  return out;
}
