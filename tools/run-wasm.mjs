#!/usr/bin/env node
// Runs one built WebAssembly lesson program under node, the way the page's
// worker runs it: `node tools/run-wasm.mjs <name> [key=value ...]`.
// Add --single-threaded to run the fallback build (<name>.st.js).
// stdout and stderr are the program's own; the exit code is the program's
// (134 when it aborted, e.g. out of memory).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');

const argv = process.argv.slice(2);
const singleThreaded = argv.includes('--single-threaded');
const [name, ...programArgs] = argv.filter((a) => a !== '--single-threaded');
if (!name) {
  console.error('usage: node tools/run-wasm.mjs <program> [--single-threaded] [key=value ...]');
  process.exit(64);
}
const base = join(wasmDir, singleThreaded ? `${name}.st` : name);
if (!existsSync(`${base}.js`)) {
  console.error(`no built program at ${base}.js (run npm run build:wasm first)`);
  process.exit(66);
}

// Emscripten 3.1.6 glue would try fetch() on a file path under node 20; with
// no fetch it reads the file itself. We hand it the bytes anyway.
delete globalThis.fetch;
const require = createRequire(import.meta.url);
const createProgram = require(`${base}.js`);

let finished = false;
function finish(code) {
  if (finished) return;
  finished = true;
  process.stdout.write('', () => process.exit(code));
}

const options = {
  arguments: programArgs,
  wasmBinary: readFileSync(`${base}.wasm`),
  print: (line) => process.stdout.write(`${line}\n`),
  printErr: (line) => process.stderr.write(`${line}\n`),
  onExit: (code) => finish(code),
  onAbort: (what) => {
    process.stderr.write(`aborted: ${what}\n`);
    finish(134);
  },
  // Not while a single-threaded main() that waits for its processes unwinds
  // (cpp/multiprocessing/browser/multiprocessing_messages.js): that is no end.
  quit: (code, toThrow) => {
    if (options.cddAsyncMain) throw toThrow;
    finish(code);
  },
};
createProgram(options).catch((error) => {
  process.stderr.write(`failed to start: ${error?.message ?? error}\n`);
  finish(70);
});
