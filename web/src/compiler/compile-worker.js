// The compile worker (a module worker): downloads the compiler on first use,
// keeps one clang for the page's lifetime, and answers compile requests one at
// a time. The page never compiles on its main thread; cancelling a compile
// terminates this worker (client.js).
//
// In:  {type: 'prepare', id, base}            download + start clang only
//      {type: 'compile', id, base, sources, std, threads}   (threads: false for
//       a page without cross-origin isolation; downloads that kind's files)
// Out: {type: 'progress', id, phase: 'download'|'prepare'|'compile'|'link', loaded?, total?}
//      {type: 'ready', id}
//      {type: 'result', id, ok, wasm, diagnostics, log, explanation, timings, runtime}
//      {type: 'error', id, message}
import { loadAssets } from './assets.js';
import { createCompiler } from './compile-core.js';
import { assetNames } from './toolchain.js';

const WARM_UP = '#include <thread>\n#include <vector>\nint main() { std::vector<std::thread> t; t.emplace_back([] {}); t[0].join(); }\n';

let compiler = null;
const loaded = new Set();
let queue = Promise.resolve();

// Starts clang with the files one kind of compile needs, and fetches the other
// kind's files only when a compile of that kind is asked for.
async function getCompiler(base, threads, progress) {
  const missing = assetNames(threads).filter((name) => !loaded.has(name));
  if (compiler && missing.length === 0) return compiler;
  const { assets } = await loadAssets(base, { onProgress: progress, names: missing });
  missing.forEach((name) => loaded.add(name));
  if (compiler) {
    compiler.addAssets(assets);
    return compiler;
  }
  progress({ phase: 'prepare' });
  compiler = await createCompiler(assets);
  return compiler;
}

async function handle(data) {
  const { id, type, base, threads = true } = data;
  const progress = (p) => postMessage({ type: 'progress', id, ...p });
  try {
    const ready = await getCompiler(base, threads, progress);
    if (type === 'prepare') {
      // The engine compiles LLVM's code lazily as it first runs: one small
      // threaded compile now makes the learner's first real compile faster.
      await ready.compile({ 'warm-up.cpp': WARM_UP }, { threads });
      postMessage({ type: 'ready', id });
      return;
    }
    const result = await ready.compile(data.sources, { std: data.std, threads, onPhase: (phase) => progress({ phase }) });
    // A copy, so the transfer moves exactly the program's bytes.
    const wasm = result.wasm ? result.wasm.slice() : null;
    postMessage({ type: 'result', id, ...result, wasm, threads }, wasm ? [wasm.buffer] : []);
  } catch (error) {
    postMessage({ type: 'error', id, message: error && error.message ? error.message : String(error) });
  }
}

// Installed at once, so requests sent while the worker starts are not lost.
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};
