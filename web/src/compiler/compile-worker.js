// The compile worker (a module worker): downloads the compiler on first use,
// keeps one clang for the page's lifetime, and answers compile requests one at
// a time. The page never compiles on its main thread; cancelling a compile
// terminates this worker (client.js).
//
// Calls (web/src/workers/serve.js), each with `base`, the compiler folder's URL:
//   prepare({base, threads})                       download + start clang, warm it up
//   compile({base, sources, std, threads}) -> {ok, wasm, diagnostics, log, explanation, timings, runtime, threads}
//     (threads: false for a page without cross-origin isolation; downloads that kind's files)
//   events of both: {phase: 'download'|'prepare'|'compile'|'link', loaded?, total?}
import '../workers/serve.js';
import { loadAssets } from './assets.js';
import { createCompiler } from './compile-core.js';
import { assetNames, extraAssetNames } from './toolchain.js';

const WARM_UP = '#include <thread>\n#include <vector>\nint main() { std::vector<std::thread> t; t.emplace_back([] {}); t[0].join(); }\n';

let compiler = null;
const loaded = new Set();
let queue = Promise.resolve();

// Starts clang with the files one kind of compile needs, and fetches the other
// kind's files (and a node program's PCH) only when a compile needs them.
async function getCompiler(base, threads, progress, sources = {}) {
  const missing = [...assetNames(threads), ...extraAssetNames(sources, threads)].filter((name) => !loaded.has(name));
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

// One request at a time: a compile waits for the download or compile before it.
function oneAtATime(task) {
  const result = queue.then(task);
  queue = result.catch(() => {});
  return result;
}

async function prepare({ base, threads = true }, call) {
  const ready = await getCompiler(base, threads, call.emit);
  // The engine compiles LLVM's code lazily as it first runs: one small
  // threaded compile now makes the learner's first real compile faster.
  await ready.compile({ 'warm-up.cpp': WARM_UP }, { threads });
}

async function compile({ base, sources, std, threads = true }, call) {
  const ready = await getCompiler(base, threads, call.emit, sources);
  const result = await ready.compile(sources, { std, threads, onPhase: (phase) => call.emit({ phase }) });
  // A copy, so the transfer moves exactly the program's bytes.
  const wasm = result.wasm ? result.wasm.slice() : null;
  if (wasm) call.transferOnReturn([wasm.buffer]);
  return { ...result, wasm, threads };
}

// Installed at once, so requests sent while the worker starts are not lost.
self.cddWorkerProtocol.serve({
  prepare: (args, call) => oneAtATime(() => prepare(args, call)),
  compile: (args, call) => oneAtATime(() => compile(args, call)),
});
