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
import { assetNames, extraAssetNames } from './toolchain.js';
import { connect, isWorkerFailure } from '../workers/connect.js';

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

let worker = null; // connect()ed compile worker, started on first use

function compileWorker() {
  if (!worker?.isOpen) {
    worker = connect(new Worker(new URL('./compile-worker.js', import.meta.url), { type: 'module', name: 'compiler' }),
      { failureMessage: 'the compile worker failed to start' });
  }
  return worker;
}

async function request(method, args, onProgress = () => {}) {
  try {
    return await compileWorker().call(method, { ...args, base: compilerBase() }, { onEvent: onProgress });
  } catch (error) {
    // A crashed worker is gone; the next request starts a fresh one.
    if (isWorkerFailure(error)) throw new Error(messages.compilerCrashed(error.message));
    throw error;
  }
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
    return await request('compile', { sources, std, threads }, onProgress);
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
  await request('prepare', { threads }, onProgress);
}

/** Stops a running compile (and download) at once; the next compile starts a fresh worker. */
export function cancel() {
  worker?.terminate(Object.assign(new Error(messages.cancelled), { cancelled: true }));
  worker = null;
}

/**
 * Sizes for the download notice: what compiling `sources` needs on this
 * kind of page (gzip bytes; node programs add their own PCH) and what of it
 * is still missing from Cache Storage (0 once downloaded).
 * @returns {Promise<{totalBytes: number, bytesToDownload: number}>}
 */
export async function downloadInfo({ threads = defaultThreads(), sources = {} } = {}) {
  const base = compilerBase();
  const manifest = await fetchManifest(base);
  const names = [...assetNames(threads), ...extraAssetNames(sources, threads)];
  const totalBytes = names.reduce((n, name) => n + manifest.assets[name].gzipBytes, 0);
  return { totalBytes, bytesToDownload: await bytesToDownload(base, manifest, { names }) };
}
