#!/usr/bin/env node
// Builds the in-page compiler's assets into build/public/compiler/ (the site
// serves build/public/ verbatim): the pruned Emscripten sysroot, the project's
// headers, clang's resource headers, @yowasp/clang's bundle and LLVM modules,
// and the patched runtime glue. Every asset is gzipped (the page decompresses
// with DecompressionStream), named by content hash (so Cache Storage can keep
// it forever), and split into parts when larger than MAX_FILE_BYTES (static
// hosts cap single files at 25 MiB). manifest.json lists them all.
//
// Incremental: an asset is rebuilt only when one of its inputs is newer than
// its output. `--force` rebuilds everything.
//   node tools/compiler/build-assets.mjs [--force] [--out <dir>]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ASSET_DIR, MANIFEST, MAX_FILE_BYTES, NODE_PCH } from '../../web/src/compiler/toolchain.js';
import { writeTar } from './tar-write.mjs';
import {
  projectHeaderPaths, projectHeaders, sysrootHeaderPaths, sysrootHeaders, sysrootLibraryPaths, sysrootLibraries,
} from './package-sysroot.mjs';
import { CORE_MODULES, clangPackageDir, clangResourceHeaders, clangVersion } from './package-clang.mjs';
import { makeRuntime, runtimeInputPaths } from './make-runtime.mjs';
import { makePch, PCH_INPUT_ASSETS } from './make-pch.mjs';
import { makeProjectLibrary, projectLibrarySourcePaths, PROJECT_LIB_INPUT_ASSETS } from './make-project-lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const compilerWeb = join(root, 'web', 'src', 'compiler');
const SCRIPTS = [fileURLToPath(import.meta.url), join(here, 'tar-write.mjs'), join(compilerWeb, 'toolchain.js')];

// A classic script the program runner loads with importScripts (see
// web/src/compiler/compiled-program.js); copied as is, not part of the download.
const COPIED = ['compiled-program.js'];

/**
 * What the page downloads, in build order. `kind` tells the page what the bytes
 * are; `inputs(outDir, built)` lists the files whose change means a rebuild;
 * `make(outDir)` returns the bytes (or a promise of them).
 */
export function assetTable() {
  const clangDir = clangPackageDir();
  const encode = (text) => new TextEncoder().encode(text);
  return [
    { name: 'sysroot-include', kind: 'tar', inputs: () => [...sysrootHeaderPaths(), join(here, 'package-sysroot.mjs')],
      make: () => writeTar(sysrootHeaders()) },
    { name: 'sysroot-lib', kind: 'tar', inputs: () => [...sysrootLibraryPaths(), join(here, 'package-sysroot.mjs')],
      make: () => writeTar(sysrootLibraries()) },
    { name: 'sysroot-lib-st', kind: 'tar',
      inputs: () => [...sysrootLibraryPaths({ threads: false }), join(here, 'package-sysroot.mjs')],
      make: () => writeTar(sysrootLibraries({ threads: false })) },
    { name: 'project-include', kind: 'tar',
      inputs: () => [...projectHeaderPaths(join(root, 'cpp')), join(here, 'package-sysroot.mjs')],
      make: () => writeTar(projectHeaders(join(root, 'cpp'))) },
    { name: 'clang-resources', kind: 'tar', inputs: () => [join(clangDir, 'llvm-resources.tar'), join(here, 'package-clang.mjs')],
      make: () => writeTar(clangResourceHeaders(clangDir)) },
    { name: 'clang-bundle', kind: 'script', inputs: () => [join(clangDir, 'bundle.js')],
      make: () => readFileSync(join(clangDir, 'bundle.js')) },
    ...CORE_MODULES.map((file) => ({ name: file, kind: 'wasm', inputs: () => [join(clangDir, file)],
      make: () => readFileSync(join(clangDir, file)) })),
    { name: 'runtime', kind: 'tar', inputs: runtimeInputPaths,
      make: () => {
        const { glue, worker } = makeRuntime();
        return writeTar([['runtime.js', encode(glue)], ['runtime.worker.js', encode(worker)]]);
      } },
    { name: 'runtime-st', kind: 'tar', inputs: runtimeInputPaths,
      make: () => writeTar([['runtime.js', encode(makeRuntime({ threads: false }).glue)]]) },
    // Made from the assets above, with the page's own clang (last, so they exist).
    // The node PCH's asset is a tar: the PCH and its code's object (make-pch.mjs).
    ...[['pch', 'common', 'pch'], [NODE_PCH.asset, 'node', 'tar']].map(([name, pchKind, kind]) => ({ name, kind,
      inputs: (outDir, built) => [join(here, 'make-pch.mjs'),
        ...PCH_INPUT_ASSETS.flatMap((asset) => built[asset].files.map((f) => join(outDir, f)))],
      make: (outDir) => makePch(`${pathToFileURL(outDir).href}/`, pchKind) })),
    ...[true, false].map((threads) => ({
      name: threads ? 'project-lib' : 'project-lib-st', kind: 'tar',
      inputs: (outDir, built) => [join(here, 'make-project-lib.mjs'), ...projectLibrarySourcePaths(),
        ...PROJECT_LIB_INPUT_ASSETS.flatMap((name) => built[name].files.map((f) => join(outDir, f)))],
      make: async (outDir) => writeTar(await makeProjectLibrary(`${pathToFileURL(outDir).href}/`, { threads })),
    })),
  ];
}

function newestMtime(paths) {
  return Math.max(...paths.map((p) => statSync(p).mtimeMs));
}

// Every file is named <asset>.<hash>.gz.part<N>, never just *.gz: static
// servers such as Vite's (sirv) send a *.gz file with `Content-Encoding: gzip`,
// so the browser would hand the page decompressed bytes it then fails to gunzip.
function partNames(name, hash, gzipBytes) {
  const count = Math.max(1, Math.ceil(gzipBytes / MAX_FILE_BYTES));
  return Array.from({ length: count }, (_, i) => `${name}.${hash}.gz.part${i}`);
}

function writeManifest(outDir, assets) {
  const manifest = {
    clang: clangVersion(),
    downloadBytes: Object.values(assets).reduce((n, a) => n + a.gzipBytes, 0),
    rawBytes: Object.values(assets).reduce((n, a) => n + a.bytes, 0),
    assets,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const path = join(outDir, MANIFEST);
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
  return manifest;
}

export async function buildAssets({ outDir = join(root, 'build', 'public', ASSET_DIR), force = false, log = console.log } = {}) {
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });
  const manifestPath = join(outDir, MANIFEST);
  const old = !force && existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { assets: {} };
  const assets = {};
  let rebuilt = 0;
  for (const asset of assetTable()) {
    const previous = old.assets?.[asset.name];
    const inputsTime = newestMtime([...asset.inputs(outDir, assets), ...SCRIPTS]);
    const upToDate = previous && previous.files.every((f) => existsSync(join(outDir, f)) &&
      statSync(join(outDir, f)).mtimeMs >= inputsTime);
    if (upToDate) {
      assets[asset.name] = previous;
      continue;
    }
    const t0 = Date.now();
    writeManifest(outDir, assets); // steps that load earlier assets (the PCH) read it
    const raw = await asset.make(outDir);
    const gzip = gzipSync(raw, { level: 9 });
    const hash = createHash('sha256').update(gzip).digest('hex').slice(0, 16);
    const files = partNames(asset.name, hash, gzip.length);
    const fileBytes = files.map((file, i) => {
      const part = gzip.subarray(i * MAX_FILE_BYTES, (i + 1) * MAX_FILE_BYTES);
      writeFileSync(join(outDir, file), part);
      return part.length;
    });
    assets[asset.name] = { kind: asset.kind, files, fileBytes, bytes: raw.length, gzipBytes: gzip.length, sha256: hash };
    rebuilt += 1;
    log(`compiler asset ${asset.name}: ${raw.length} bytes, ${gzip.length} gzip, ${files.length} file(s), ${Date.now() - t0} ms`);
  }
  for (const file of COPIED) copyFileSync(join(compilerWeb, file), join(outDir, file));

  const manifest = writeManifest(outDir, assets);
  // Old hashed files from earlier builds are garbage; keep only what the manifest names.
  const keep = new Set([MANIFEST, ...COPIED, ...Object.values(assets).flatMap((a) => a.files)]);
  for (const file of readdirSync(outDir)) if (!keep.has(file)) rmSync(join(outDir, file), { force: true });
  log(`compiler assets: ${rebuilt} rebuilt, ${manifest.downloadBytes} bytes to download ` +
    `(${manifest.rawBytes} raw), ${Date.now() - started} ms`);
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    await buildAssets({ force: args.includes('--force'), ...(outIndex >= 0 ? { outDir: args[outIndex + 1] } : {}) });
  } catch (error) {
    console.error(`build-assets: ${error.message}`);
    process.exit(1);
  }
}
