// Precompiles the project library edited programs may link (toolchain.js
// PROJECT_LIBRARY: cdd::mp, cpp/multiprocessing/) for the in-page linker, and
// in the threaded kind the atomic-wait replacement every threaded program
// links (toolchain.js ATOMIC_WAIT, cpp/browser/atomic_wait.cpp),
// with the page's own clang and exactly compileFlags()'s flags, threaded or
// not, so its objects match what the page compiles (like make-pch.mjs does
// for the PCH). Its browser backend is used, as in the Emscripten build;
// its JavaScript goes into the runtime glue (make-runtime.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATOMIC_WAIT, PROJECT_LIBRARY, compileFlags } from '../../web/src/compiler/toolchain.js';
import { CLANG_ASSETS, ROOT, startAssetClang } from './node-host.mjs';

export const PROJECT_LIB_INPUT_ASSETS = CLANG_ASSETS;
export const LIBRARY_DIR = join(ROOT, 'cpp', 'multiprocessing');
// The folders cpp/multiprocessing/CMakeLists.txt compiles for Emscripten
// (every .cpp in them) and the library's private headers (src/*.h).
const SOURCE_DIRS = ['src', 'browser'];

const sourceFiles = (dir) => readdirSync(join(LIBRARY_DIR, dir)).filter((f) => /\.(cpp|h)$/.test(f)).sort();

// The atomic-wait replacement (threaded only) and the header it includes.
const ATOMIC_WAIT_SOURCE = join(ROOT, ATOMIC_WAIT.source);
const ATOMIC_WAIT_HEADER = join(ROOT, 'cpp', 'browser', 'atomic_wait_stats.h');

/** Absolute paths of the library's sources and private headers (and the atomic-wait files). */
export function projectLibrarySourcePaths() {
  return [...SOURCE_DIRS.flatMap((dir) => sourceFiles(dir).map((f) => join(LIBRARY_DIR, dir, f))),
    ATOMIC_WAIT_SOURCE, ATOMIC_WAIT_HEADER];
}

/**
 * @param {string} base file: URL of the asset folder, ending in '/'
 * @param {{threads?: boolean}} options
 * @returns {Promise<Array<[string, Uint8Array]>>} tar entries, relative to /project
 */
export async function makeProjectLibrary(base, { threads = true } = {}) {
  const { clang, includeTree } = await startAssetClang(base);
  const library = Object.fromEntries(SOURCE_DIRS.map((dir) =>
    [dir, Object.fromEntries(sourceFiles(dir).map((f) => [f, readFileSync(join(LIBRARY_DIR, dir, f))]))]));
  const units = SOURCE_DIRS.flatMap((dir) => sourceFiles(dir).filter((f) => f.endsWith('.cpp')).map((f) => `library/${dir}/${f}`));
  if (threads) {
    library.atomic = { 'atomic_wait.cpp': readFileSync(ATOMIC_WAIT_SOURCE), 'atomic_wait_stats.h': readFileSync(ATOMIC_WAIT_HEADER) };
    units.push('library/atomic/atomic_wait.cpp');
  }
  const log = [];
  const capture = (bytes) => { if (bytes) log.push(new TextDecoder().decode(bytes)); };
  let out;
  try {
    // One clang run for all units; each object lands at the top as <unit>.o.
    out = await clang.runClang(['clang++', ...compileFlags({ threads }), '-Ilibrary/src', '-c', ...units],
      { ...includeTree, library }, { stdout: capture, stderr: capture, decodeASCII: false });
  } catch (error) {
    throw new Error(`compiling ${PROJECT_LIBRARY.name} for the page failed: ${log.join('') || error.message}`);
  }
  return units.map((unit) => {
    const object = unit.split('/').pop().replace(/\.cpp$/, '.o');
    if (!out[object]) throw new Error(`compiling ${PROJECT_LIBRARY.name}: clang wrote no ${object}`);
    const path = unit.startsWith('library/atomic/') ? ATOMIC_WAIT.path : PROJECT_LIBRARY.path;
    return [`${path}/${object}`, out[object]];
  });
}
