// Starts @yowasp/clang from bytes we already hold (downloaded and cached by
// assets.js) instead of letting it fetch its files from next to its bundle.
//
// The bundle fetches its four LLVM modules and its resource archive with
// `fetch(new URL('./<file>', import.meta.url))`. We evaluate the bundle from
// its text with import.meta.url replaced by a private base URL, and answer
// fetches under that base from memory; every other fetch goes to the real
// fetch. (In a browser the bundle keeps the global fetch it sees when it is
// evaluated, so the answering fetch is installed first.)

const PRIVATE_BASE = 'https://cdd-compiler.invalid/clang/';

function installFetch(served) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = function fetchServingClangFiles(input, init) {
    const url = String(input && input.url ? input.url : input);
    if (!url.startsWith(PRIVATE_BASE)) return realFetch(input, init);
    const name = url.slice(PRIVATE_BASE.length);
    const bytes = served.get(name);
    if (!bytes) return Promise.reject(new Error(`the compiler asked for ${name}, which the page did not download`));
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    return Promise.resolve(new Response(bytes, { headers: { 'content-type': type } }));
  };
}

function moduleUrl(source) {
  const isNode = typeof process === 'object' && process.versions && process.versions.node;
  if (!isNode) return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // node 20 cannot import blob: URLs; data: URLs work (and may import node: builtins).
  return `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
}

/**
 * @param {{bundle: Uint8Array, modules: Record<string, Uint8Array>, resources: Uint8Array}} files
 *   bundle: @yowasp/clang's gen/bundle.js; modules: llvm.core*.wasm by name;
 *   resources: a tar of clang's resource headers (replaces llvm-resources.tar)
 * @returns {Promise<{runLLVM: Function, runClang: Function, Exit: Function, version: string}>} with LLVM compiled and ready
 */
export async function startClang({ bundle, modules, resources }) {
  const served = new Map(Object.entries(modules));
  served.set('llvm-resources.tar', resources);
  installFetch(served);
  // Spelled in pieces so no bundler mistakes it for this module's own import.meta.url.
  const metaUrl = ['import', 'meta', 'url'].join('.');
  const source = new TextDecoder().decode(bundle).replaceAll(metaUrl, JSON.stringify(`${PRIVATE_BASE}bundle.js`));
  const clang = await import(/* @vite-ignore */ moduleUrl(source));
  // run(null) fetches and compiles the LLVM modules without running a tool;
  // the no-op progress callback keeps the bundle from logging to the console.
  await clang.runLLVM(null, {}, { fetchProgress() {} });
  served.clear(); // the compiled modules are kept by the bundle; the bytes can go
  return { runLLVM: clang.runLLVM, runClang: clang.runClang, Exit: clang.Exit, version: clang.version };
}
