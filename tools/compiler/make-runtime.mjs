// Generates the runtime glue for programs compiled in the page: compiles
// runtime-template.cpp once with em++ (settings from web/src/compiler/
// toolchain.js, matching cmake/CddProgram.cmake) and patches the JS it emits
// (patch-runtime.mjs). Only the .js and .worker.js are kept; each program
// compiled in the page brings its own wasm.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeEmccFlags } from '../../web/src/compiler/toolchain.js';
import { patchRuntime } from './patch-runtime.mjs';

export const TEMPLATE = new URL('./runtime-template.cpp', import.meta.url).pathname;

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
      execFileSync(emxx, [...runtimeEmccFlags(threads), TEMPLATE, '-o', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
