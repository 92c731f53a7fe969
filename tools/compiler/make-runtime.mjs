// Generates the runtime glue for programs compiled in the page: compiles
// runtime-template.cpp once with em++ (settings from web/src/compiler/
// toolchain.js, matching cmake/CddProgram.cmake) and patches the JS it emits
// (patch-runtime.mjs). Only the .js and .worker.js are kept; each program
// compiled in the page brings its own wasm.
//
// The template links the project library (toolchain.js PROJECT_LIBRARY) with
// the settings its CMakeLists.txt gives every program that links it: its
// JavaScript (--js-library, --pre-js) and the exports its child processes
// use. So the one glue runs programs with or without processes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_LIBRARY, runtimeEmccFlags } from '../../web/src/compiler/toolchain.js';
import { patchRuntime } from './patch-runtime.mjs';
import { LIBRARY_DIR, projectLibrarySourcePaths } from './make-project-lib.mjs';
import { projectHeaderPaths } from './package-sysroot.mjs';
import { ROOT } from './node-host.mjs';

export const TEMPLATE = new URL('./runtime-template.cpp', import.meta.url).pathname;
const LIBRARY_JS = join(LIBRARY_DIR, 'browser', 'multiprocessing_library.js');
const LIBRARY_PRE_JS = join(LIBRARY_DIR, 'browser', 'multiprocessing_child.pre.js');
// What every built program links too (cmake/CddProgram.cmake).
const PROGRAM_JS = join(ROOT, 'cpp', 'browser', 'uncaught_exception.js');
const OUT_OF_MEMORY_JS = join(ROOT, 'cpp', 'browser', 'out_of_memory.js');

/** Every file the glue is made from (a change means a rebuild). */
export function runtimeInputPaths() {
  return [TEMPLATE, new URL(import.meta.url).pathname, new URL('./patch-runtime.mjs', import.meta.url).pathname,
    PROGRAM_JS, OUT_OF_MEMORY_JS, LIBRARY_JS, LIBRARY_PRE_JS, ...projectLibrarySourcePaths(), ...projectHeaderPaths(join(ROOT, 'cpp'))];
}

// What the template takes from the project: the library's sources and
// headers, its JavaScript, and the JavaScript every built program links.
function projectFlags() {
  const sources = projectLibrarySourcePaths().filter((p) => p.endsWith('.cpp'));
  return [
    `-I${join(ROOT, 'cpp', 'include')}`, `-I${join(LIBRARY_DIR, 'include')}`, `-I${join(LIBRARY_DIR, 'src')}`,
    '--js-library', PROGRAM_JS, '--js-library', OUT_OF_MEMORY_JS, '--js-library', LIBRARY_JS, '--pre-js', LIBRARY_PRE_JS,
    `-sEXPORTED_FUNCTIONS=_main,_${PROJECT_LIBRARY.entry},_malloc,_free`,
    ...sources,
  ];
}

/**
 * @param {{threads?: boolean}} options threads: false for the single-threaded fallback
 * @returns {{glue: string, worker: string|null}} the patched glue and the pthread worker script
 */
export function makeRuntime({ emxx = 'em++', threads = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cdd-runtime-'));
  try {
    const out = join(dir, 'runtime.js');
    // Debian's Emscripten needs acorn from Debian's node path.
    const env = { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' };
    try {
      execFileSync(emxx, [...runtimeEmccFlags(threads), ...projectFlags(), TEMPLATE, '-o', out],
        { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(`em++ failed to build the runtime template:\n${error.stderr || error.message}`);
    }
    return {
      glue: patchRuntime(readFileSync(out, 'utf8'), { threads }),
      worker: threads ? readFileSync(join(dir, 'runtime.worker.js'), 'utf8') : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
