// The in-page compiler's small pieces, without running clang: archive
// writing/reading, diagnostics parsing, the runtime glue patch, the asset
// build's promises (size cap, manifest, incremental), and that the in-page
// settings match the settings built lesson programs use (one run path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeTar } from '../../tools/compiler/tar-write.mjs';
import { patchRuntime, UNSUPPORTED_PREFIX } from '../../tools/compiler/patch-runtime.mjs';
import { buildAssets } from '../../tools/compiler/build-assets.mjs';
import { ASSET_PATH, ASSET_BASE, ROOT, fetchFile } from '../../tools/compiler/node-host.mjs';
import { forEachTarFile, tarToTree } from '../../web/src/compiler/tar.js';
import { explain, parseDiagnostics } from '../../web/src/compiler/diagnostics.js';
import { fakeCaches } from './fake-caches.mjs';
import { loadAssets } from '../../web/src/compiler/assets.js';
import { messages } from '../../web/src/compiler/messages.js';
import * as toolchain from '../../web/src/compiler/toolchain.js';

const bytes = (text) => new TextEncoder().encode(text);
const text = (data) => new TextDecoder().decode(data);

test('tar archives round-trip, long paths and directory entries included', () => {
  const long = `${'deep/'.repeat(30)}header.h`; // > 100 bytes: needs the ustar prefix field
  const archive = writeTar([['a/b.txt', bytes('bee')], ['c.txt', bytes('')], [long, bytes('#pragma once\n')]]);
  const tree = tarToTree(archive, 'mnt');
  assert.equal(text(tree.mnt.a['b.txt']), 'bee');
  assert.equal(text(tree.mnt['c.txt']), '');
  let dir = tree.mnt;
  for (let i = 0; i < 30; i++) dir = dir.deep;
  assert.equal(text(dir['header.h']), '#pragma once\n');
  // @yowasp/clang's reader needs a directory entry before the files in it.
  const names = [];
  let offset = 0;
  while (archive[offset] !== 0) {
    names.push([text(archive.subarray(offset, offset + 100)).replace(/\0.*$/s, ''), String.fromCharCode(archive[offset + 156])]);
    const size = parseInt(text(archive.subarray(offset + 124, offset + 135)), 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  assert.deepEqual(names.slice(0, 3), [['a', '5'], ['a/b.txt', '0'], ['c.txt', '0']]);
  assert.throws(() => forEachTarFile(archive.subarray(0, 1025), () => {}), /truncated/);
  assert.throws(() => forEachTarFile(archive.subarray(0, 700), () => {}), /truncated/);
});

test('diagnostics: clang and wasm-ld lines become {file, line, column, severity, message}', () => {
  const output = [
    'In file included from main.cpp:1:',
    './util.h:3:9: warning: unused variable \'x\' [-Wunused-variable]',
    '    3 |     int x = 1;',
    'main.cpp:12:7: error: use of undeclared identifier \'y\'',
    'main.cpp:4:5: note: declared here',
    'wasm-ld: error: main.cpp.o: undefined symbol: missing()',
    '2 errors generated.',
  ].join('\n');
  assert.deepEqual(parseDiagnostics(output), [
    { file: 'util.h', line: 3, column: 9, severity: 'warning', message: 'unused variable \'x\' [-Wunused-variable]' },
    { file: 'main.cpp', line: 12, column: 7, severity: 'error', message: 'use of undeclared identifier \'y\'' },
    { file: 'main.cpp', line: 4, column: 5, severity: 'info', message: 'declared here' },
    { file: null, line: null, column: null, severity: 'error', message: 'main.cpp.o: undefined symbol: missing()' },
  ]);
  assert.equal(explain(parseDiagnostics('main.cpp:2:3: error: expected \';\'')), null);
  assert.equal(explain(parseDiagnostics("pool.cpp:3:10: fatal error: 'cdd/multiprocesing.h' file not found")),
    messages.unknownProjectHeader('cdd/multiprocesing.h'));
});

const SAMPLE_GLUE = `var x = 1;
function readDevice(input, bytesRead) {
 var result;
 result = input();
 return result;
}
function ___syscall_poll(fds, nfds, timeout) {
 if (ENVIRONMENT_IS_PTHREAD) return _emscripten_proxy_to_main_thread_js(7, 1, fds, nfds, timeout);
 return nfds;
}
function createWasm() {
 var info = {
  "env": asmLibraryArg,
  "wasi_snapshot_preview1": asmLibraryArg
 };
 function receiveInstance(instance, module) {
  var exports = instance.exports;
  Module["asm"] = exports;
 }
}
var __emscripten_allow_main_runtime_queued_calls = Module["__emscripten_allow_main_runtime_queued_calls"] = 26024;
`;

test('the runtime patch reads the queued-calls address from the wasm and stubs missing imports', () => {
  const patched = patchRuntime(SAMPLE_GLUE);
  assert.doesNotMatch(patched, /26024/);
  assert.match(patched, /__emscripten_allow_main_runtime_queued_calls = exports\["_emscripten_allow_main_runtime_queued_calls"\]\.value;/);
  assert.match(patched, /cddStubMissingImports\(info, Module\["wasmModule"\]\);/);
  // The stdin pipe's hooks: the device read says whether it has a byte yet,
  // and poll() asks the page about fd 0 (after the pthread proxy line).
  assert.match(patched, /result = input\(bytesRead === 0\);/);
  assert.match(patched, /_emscripten_proxy_to_main_thread_js\(7, 1, fds, nfds, timeout\);\n\s*\/\/ Added by tools\/compiler\/patch-runtime\.mjs \(the page's stdin pipe\)/);
  // The stub really aborts with the function's name.
  const aborts = [];
  const stub = new Function('abort', `${patched.slice(patched.indexOf('function cddStubMissingImports'), patched.indexOf('function createWasm'))}; return cddStubMissingImports;`)((m) => aborts.push(m));
  // A module importing env.present and env.absent (functions) and env.memory.
  const wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 42, 3, 3, 101, 110, 118, 7, 112, 114,
    101, 115, 101, 110, 116, 0, 0, 3, 101, 110, 118, 6, 97, 98, 115, 101, 110, 116, 0, 0, 3, 101, 110, 118, 6, 109, 101,
    109, 111, 114, 121, 2, 0, 1]);
  const present = () => 'kept';
  const info = { env: { present } };
  stub(info, new WebAssembly.Module(wasm));
  assert.equal(info.env.present, present);
  assert.equal(info.env.memory, undefined);
  info.env.absent();
  assert.deepEqual(aborts, [`${UNSUPPORTED_PREFIX}absent`]);
  // A glue from another Emscripten version must stop the build, not ship broken.
  assert.throws(() => patchRuntime(SAMPLE_GLUE.replace('26024', 'x')), /did the Emscripten version change/);
});

test('in-page settings match the built programs (cmake/CddProgram.cmake)', () => {
  const cmake = readFileSync(join(ROOT, 'cmake', 'CddProgram.cmake'), 'utf8');
  const flags = toolchain.RUNTIME_EMCC_FLAGS;
  const mib = (n) => n / (1024 * 1024);
  assert.match(cmake, new RegExp(`-sINITIAL_MEMORY=${mib(toolchain.INITIAL_MEMORY)}MB`));
  assert.match(cmake, new RegExp(`-sMAXIMUM_MEMORY=${mib(toolchain.MAXIMUM_MEMORY) / 1024}GB`));
  for (const setting of ['-sALLOW_MEMORY_GROWTH=1', '-sPROXY_TO_PTHREAD=1', '-sEXIT_RUNTIME=1',
    '-sWASM_BIGINT=1', '-sMODULARIZE=1', '-sEXPORT_NAME=createProgram', '-sPTHREAD_POOL_SIZE_STRICT=0']) {
    assert.ok(cmake.includes(setting), `CddProgram.cmake has ${setting}`);
    assert.ok(flags.includes(setting), `the runtime glue is built with ${setting}`);
  }
  // The pool: 4 threads, as built programs have; the glue takes the size from
  // the multiprocessing library's pre-js (4, or 0 in a child process), as a
  // built program that links the library does.
  const poolFromPreJs = '-sPTHREAD_POOL_SIZE=Module.cddPoolSize';
  assert.ok(cmake.includes('-sPTHREAD_POOL_SIZE=4'));
  assert.ok(flags.includes(poolFromPreJs));
  assert.ok(readFileSync(join(ROOT, 'cpp', 'multiprocessing', 'CMakeLists.txt'), 'utf8').includes(poolFromPreJs));
  assert.match(readFileSync(join(ROOT, 'cpp', 'multiprocessing', 'browser', 'multiprocessing_child.pre.js'), 'utf8'),
    /Module\['cddPoolSize'\] = Module\['cddProcessChild'\] \? 0 : 4;/);
  assert.ok(cmake.includes('cpp/browser/uncaught_exception.js'), 'built programs report uncaught exceptions like the glue');
  const link = toolchain.linkFlags(['main.o']);
  assert.ok(link.includes(`--initial-memory=${toolchain.INITIAL_MEMORY}`));
  assert.ok(link.includes(`--max-memory=${toolchain.MAXIMUM_MEMORY}`));
  assert.ok(link.includes('--export=emscripten_proxy_main'));
});

test('the asset build: incremental, every file under 25 MiB, manifest complete, glue patched', async () => {
  const logs = [];
  await buildAssets({ log: (line) => logs.push(line) }); // brings the assets up to date if needed
  const manifest = await buildAssets({ log: (line) => logs.push(line) });
  assert.match(logs.at(-1), /^compiler assets: 0 rebuilt/, 'a second build with unchanged inputs does nothing');
  let total = 0;
  for (const [name, asset] of Object.entries(manifest.assets)) {
    asset.files.forEach((file, i) => {
      // Servers such as Vite's label *.gz files `Content-Encoding: gzip`; ours must not end that way.
      assert.match(file, /\.gz\.part\d+$/);
      const size = statSync(join(ASSET_PATH, file)).size;
      assert.ok(size <= 25 * 1024 * 1024, `${file} is ${size} bytes`);
      assert.equal(size, asset.fileBytes[i], `${name} part ${i}`);
    });
    total += asset.gzipBytes;
  }
  assert.equal(manifest.downloadBytes, total);
  assert.ok(manifest.assets['llvm.core.wasm'].files.length >= 2, 'the 75 MB LLVM module ships in parts');

  const { assets } = await loadAssets(ASSET_BASE, {
    fetchFile, useCache: false,
    names: ['runtime', 'runtime-st', 'project-include', 'project-lib', 'project-lib-st', 'sysroot-lib', 'sysroot-lib-st'],
  });
  assert.equal(assets.runtime.bytes.length, manifest.assets.runtime.bytes);
  const runtime = tarToTree(assets.runtime.bytes);
  const glue = text(runtime['runtime.js']);
  assert.match(glue, /cddStubMissingImports\(info, Module\["wasmModule"\]\)/);
  assert.match(glue, new RegExp(`INITIAL_MEMORY = Module\\["INITIAL_MEMORY"\\] \\|\\| ${toolchain.INITIAL_MEMORY}`));
  assert.match(text(runtime['runtime.worker.js']), /importScripts/);
  const project = tarToTree(assets['project-include'].bytes);
  assert.ok(project.compat.coroutine.coroutine, 'the project <coroutine> is packaged');
  const projectHeaders = project.include.cdd;
  for (const header of ['args.h', 'report.h', 'timing.h']) {
    assert.equal(text(projectHeaders[header]), readFileSync(join(ROOT, 'cpp', 'include', 'cdd', header), 'utf8'));
  }
  // The multiprocessing library: its headers, beside the others under cdd/ ...
  const mpInclude = join(ROOT, 'cpp', 'multiprocessing', 'include', 'cdd');
  assert.equal(text(projectHeaders['multiprocessing.h']), readFileSync(join(mpInclude, 'multiprocessing.h'), 'utf8'));
  assert.deepEqual(Object.keys(projectHeaders.mp).sort(), readdirSync(join(mpInclude, 'mp')).sort());
  // ... which the message for a mistyped project header names, every one ...
  for (const header of Object.keys(projectHeaders).filter((h) => h.endsWith('.h'))) {
    assert.ok(messages.unknownProjectHeader('cdd/x.h').includes(`<cdd/${header}>`), `the message names <cdd/${header}>`);
  }
  // ... an object per source, compiled both ways ...
  const librarySources = ['src', 'browser'].flatMap((dir) =>
    readdirSync(join(ROOT, 'cpp', 'multiprocessing', dir)).filter((f) => f.endsWith('.cpp')).map((f) => f.replace(/\.cpp$/, '.o')));
  for (const name of ['project-lib', 'project-lib-st']) {
    const objects = tarToTree(assets[name].bytes).lib.cdd_multiprocessing;
    assert.deepEqual(Object.keys(objects).sort(), librarySources.sort(), name);
  }
  // ... and, threaded only, the atomic waits every threaded program links (cpp/browser/).
  assert.deepEqual(Object.keys(tarToTree(assets['project-lib'].bytes).lib.cdd_browser), ['atomic_wait.o']);
  assert.equal(tarToTree(assets['project-lib-st'].bytes).lib.cdd_browser, undefined);
  // ... and its JavaScript in both glues, every function the wasm may import,
  // plus the report of an uncaught exception.
  const libraryJs = readFileSync(join(ROOT, 'cpp', 'multiprocessing', 'browser', 'multiprocessing_library.js'), 'utf8');
  const jsFunctions = [...libraryJs.matchAll(/^  (cdd_mp_js_\w+): function/gm)].map((m) => m[1]);
  assert.ok(jsFunctions.length > 15);
  const singleGlue = text(tarToTree(assets['runtime-st'].bytes)['runtime.js']);
  for (const name of jsFunctions) assert.ok(glue.includes(`"${name}": _${name}`), `the threaded glue gives the wasm ${name}`);
  for (const name of jsFunctions.filter((n) => n !== 'cdd_mp_js_memory_is_shared')) {
    assert.ok(singleGlue.includes(`"${name}": _${name}`), `the single-threaded glue gives the wasm ${name}`);
  }
  for (const g of [glue, singleGlue]) assert.match(g, /uncaught C\+\+ exception/);
  for (const threads of [true, false]) {
    const libraries = Object.keys(tarToTree(assets[threads ? 'sysroot-lib' : 'sysroot-lib-st'].bytes).lib).sort();
    assert.deepEqual(libraries, [...toolchain.linkObjects(threads), ...toolchain.linkLibraries(threads).map((l) => `lib${l}.a`)].sort());
  }
  const single = tarToTree(assets['runtime-st'].bytes);
  assert.deepEqual(Object.keys(single), ['runtime.js']);
  assert.match(text(single['runtime.js']), /cddStubMissingImports\(info, Module\["wasmModule"\]\)/);
  assert.doesNotMatch(text(single['runtime.js']), /PThread/);
  // Every asset belongs to one of the two kinds of compile, or is the node
  // programs' precompiled header, fetched only for them.
  const kinds = new Set([...toolchain.assetNames(true), ...toolchain.assetNames(false), toolchain.NODE_PCH.asset]);
  assert.deepEqual([...kinds].sort(), Object.keys(manifest.assets).sort());
});

test('Cache Storage: a second load fetches nothing; a damaged cached file is dropped and fetched again', async (t) => {
  const stored = fakeCaches(t);
  const fetched = [];
  const counting = (url, init) => {
    if (!url.endsWith('manifest.json')) fetched.push(url);
    return fetchFile(url, init);
  };
  const names = ['project-include', 'runtime'];
  const first = await loadAssets(ASSET_BASE, { fetchFile: counting, names });
  assert.equal(fetched.length, 2);
  fetched.length = 0;
  const second = await loadAssets(ASSET_BASE, { fetchFile: counting, names });
  assert.deepEqual(fetched, [], 'everything came from the cache');
  assert.deepEqual(second.assets.runtime.bytes, first.assets.runtime.bytes);

  // Same size, wrong bytes: gzip fails, so the entry is replaced from the network.
  const url = new URL(first.manifest.assets['project-include'].files[0], ASSET_BASE).href;
  stored.set(url, new Uint8Array(stored.get(url).length).fill(7));
  const repaired = await loadAssets(ASSET_BASE, { fetchFile: counting, names });
  assert.deepEqual(fetched, [url]);
  assert.deepEqual(repaired.assets['project-include'].bytes, first.assets['project-include'].bytes);
  assert.deepEqual(stored.get(url), new Uint8Array(readFileSync(join(ASSET_PATH, first.manifest.assets['project-include'].files[0]))));

  // Offline: the manifest and every file come from the cache.
  const offline = await loadAssets(ASSET_BASE, { fetchFile: () => Promise.reject(new TypeError('Failed to fetch')), names });
  assert.deepEqual(offline.assets.runtime.bytes, first.assets.runtime.bytes);

  // A truncated entry is not even tried.
  fetched.length = 0;
  stored.set(url, stored.get(url).subarray(0, 10));
  await loadAssets(ASSET_BASE, { fetchFile: counting, names });
  assert.deepEqual(fetched, [url]);
});
