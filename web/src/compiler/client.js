// Main-thread side of the in-page compiler. The cell code calls
//   const result = await compile({'main.cpp': text}, {onProgress});
//   // result: {ok, wasm, diagnostics, log, explanation, timings, runtime, threads, cancelled?}
//   //   log: clang's/wasm-ld's own output; explanation: our sentence for a
//   //   cryptic failure (or null); show both, they do not repeat each other.
//   cancel();                         // Stop: terminates the compile worker
//   const {totalBytes, bytesToDownload} = await downloadInfo();  // first-time notice
// and hands result.wasm + result.runtime to the program runner, which loads
// compiledProgramUrl() (compiled-program.js) with importScripts.
import { bytesToDownload, fetchManifest } from './assets.js';
import { messages } from './messages.js';
import { assetNames } from './toolchain.js';

// Threaded programs need SharedArrayBuffer, i.e. a cross-origin isolated page;
// elsewhere programs are compiled for the single-threaded runtime (like the
// built <name>.st.js). Pass `threads` explicitly to override.
const defaultThreads = () => self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

/** Absolute URL of build/public/compiler/ as the site serves it. */
export function compilerBase() {
  return new URL('compiler/', document.baseURI).href;
}

/** URL of the classic script that turns a compile result into createProgram. */
export function compiledProgramUrl() {
  return new URL('compiled-program.js', compilerBase()).href;
}

let worker = null;
let nextId = 1;
const pending = new Map(); // id -> {resolve, reject, onProgress}

function startWorker() {
  const w = new Worker(new URL('./compile-worker.js', import.meta.url), { type: 'module', name: 'compiler' });
  w.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    if (!request) return;
    if (data.type === 'progress') {
      request.onProgress(data);
      return;
    }
    pending.delete(data.id);
    if (data.type === 'error') request.reject(new Error(data.message));
    else request.resolve(data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    const error = new Error(messages.compilerCrashed(event.message || 'the compile worker failed to start'));
    for (const request of pending.values()) request.reject(error);
    pending.clear();
    w.terminate();
    if (worker === w) worker = null;
  };
  return w;
}

function request(message, onProgress = () => {}) {
  worker ??= startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ ...message, id, base: compilerBase() });
  });
}

/**
 * Compiles and links sources ({'main.cpp': text, 'helper.h': text}).
 * @param {{onProgress?: (p: {phase: string, loaded?: number, total?: number}) => void, std?: string,
 *          threads?: boolean}} options
 * @returns {Promise<{ok: boolean, wasm: Uint8Array|null, diagnostics: Array<{file, line, column, severity, message}>,
 *                    log: string, explanation: string|null, timings: object,
 *                    runtime: {glue: string, worker: string}, cancelled?: boolean}>}
 */
export async function compile(sources, { onProgress, std, threads = defaultThreads() } = {}) {
  try {
    const { type, id, ...result } = await request({ type: 'compile', sources, std, threads }, onProgress);
    return result;
  } catch (error) {
    if (error.cancelled) return { ok: false, cancelled: true, wasm: null, diagnostics: [], log: '', explanation: null };
    throw error;
  }
}

/**
 * Downloads and starts the compiler and warms it up with a tiny compile, so a
 * later compile() is quicker. Call it when a learner starts editing a cell
 * (after the first-time notice if bytesToDownload > 0).
 */
export async function prepare({ onProgress, threads = defaultThreads() } = {}) {
  await request({ type: 'prepare', threads }, onProgress);
}

/** Stops a running compile (and download) at once; the next compile starts a fresh worker. */
export function cancel() {
  if (!worker) return;
  worker.terminate();
  worker = null;
  const error = Object.assign(new Error(messages.cancelled), { cancelled: true });
  for (const request of pending.values()) request.reject(error);
  pending.clear();
}

/**
 * Sizes for the first-time notice: the compiler download for this kind of
 * page (gzip bytes) and what is still missing from Cache Storage (0 after the
 * first time).
 * @returns {Promise<{totalBytes: number, bytesToDownload: number}>}
 */
export async function downloadInfo({ threads = defaultThreads() } = {}) {
  const base = compilerBase();
  const manifest = await fetchManifest(base);
  const names = assetNames(threads);
  const totalBytes = names.reduce((n, name) => n + manifest.assets[name].gzipBytes, 0);
  return { totalBytes, bytesToDownload: await bytesToDownload(base, manifest, { names }) };
}
