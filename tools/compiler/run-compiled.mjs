#!/usr/bin/env node
// Runs a program compiled by the in-page compiler under node, through the
// same loader the page's runner uses (web/src/compiler/compiled-program.js)
// and the runtime glue from build/public/compiler/:
//   node tools/compiler/run-compiled.mjs <program.wasm> [key=value ...]
// stdout/stderr are the program's; the exit code is the program's (134 when
// it aborted). Node tests run programs in a child process like this one
// because an exiting program ends the process it runs in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { loadAssets } from '../../web/src/compiler/assets.js';
import { tarToTree } from '../../web/src/compiler/tar.js';
import { ASSET_BASE, ROOT, fetchFile } from './node-host.mjs';

const [wasmPath, ...programArgs] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: node tools/compiler/run-compiled.mjs <program.wasm> [key=value ...]');
  process.exit(64);
}

// A threaded program imports the glue's shared memory; a single-threaded one
// (compiled with threads: false) defines its own and needs the other runtime.
const wasm = readFileSync(wasmPath);
const threaded = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).some((i) => i.kind === 'memory');
const runtimeName = threaded ? 'runtime' : 'runtime-st';
// The glue must be a file for node's require() and worker_threads.
const { assets } = await loadAssets(ASSET_BASE, { fetchFile, names: [runtimeName], useCache: false });
const runtime = tarToTree(assets[runtimeName].bytes);
const dir = mkdtempSync(join(tmpdir(), 'cdd-runtime-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'runtime.js'), runtime['runtime.js']);
if (threaded) writeFileSync(join(dir, 'runtime.worker.js'), runtime['runtime.worker.js']);

// compiled-program.js is a classic script; give it `require` like a CommonJS
// scope would, then evaluate it as the runner's importScripts would.
globalThis.require = createRequire(import.meta.url);
delete globalThis.fetch; // Emscripten 3.1.6 glue would try fetch() on file paths under node 20
vm.runInThisContext(readFileSync(join(ROOT, 'web', 'src', 'compiler', 'compiled-program.js'), 'utf8'));

// Exits at once: after an abort the glue rethrows the error on the main
// thread, which would end the process with node's own code (7) first.
// (stdout and stderr are pipes or files here, written synchronously on Linux.)
let finished = false;
function finish(code) {
  if (finished) return;
  finished = true;
  process.exit(code);
}

// A pthread that aborts posts the reason (onAbort below) and then throws; the
// throw can reach this thread first, where the glue's own handler would end
// the process with node's code 7. Registered before the glue's, this one wins.
process.on('uncaughtException', (error) => {
  writeSync(2, `aborted: ${error?.message ?? error}\n`);
  finish(134);
});

try {
  const createProgram = await globalThis.cddLoadCompiledProgram({
    wasm,
    glueUrl: join(dir, 'runtime.js'),
    workerUrl: threaded ? join(dir, 'runtime.worker.js') : null,
  });
  await createProgram({
    arguments: programArgs,
    print: (line) => process.stdout.write(`${line}\n`),
    printErr: (line) => process.stderr.write(`${line}\n`),
    onExit: (code) => finish(code),
    onAbort: (what) => {
      writeSync(2, `aborted: ${what}\n`);
      finish(134);
    },
    quit: (code) => finish(code),
  });
} catch (error) {
  process.stderr.write(`failed to start: ${error?.message ?? error}\n`);
  finish(70);
}
