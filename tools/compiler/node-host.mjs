// Node stand-ins for what the browser gives the in-page compiler, for tests,
// benchmarks, run-compiled.mjs and the build steps that use the page's clang:
// the asset folder as a file: URL base, a fetch that reads file: URLs, and
// the compiler started from those files.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAssets } from '../../web/src/compiler/assets.js';
import { startClang } from '../../web/src/compiler/clang-host.js';
import { createCompiler } from '../../web/src/compiler/compile-core.js';
import { tarToTree } from '../../web/src/compiler/tar.js';
import { ASSET_DIR, CORE_MODULE_NAMES } from '../../web/src/compiler/toolchain.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ASSET_PATH = process.env.CDD_COMPILER_DIR || join(ROOT, 'build', 'public', ASSET_DIR);
export const ASSET_BASE = `${pathToFileURL(ASSET_PATH).href}/`;

/** fetch() for file: URLs (node's own fetch does not read files). */
export async function fetchFile(url) {
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch (error) {
    return new Response(null, { status: error.code === 'ENOENT' ? 404 : 500, statusText: error.message });
  }
}

/** Loads the built assets and starts the compiler, as the compile worker does. */
export async function startNodeCompiler({ onProgress } = {}) {
  const { manifest, assets } = await loadAssets(ASSET_BASE, { fetchFile, onProgress, useCache: false });
  return { manifest, assets, compiler: await createCompiler(assets) };
}

/** What a build step needs to run the page's own clang (see startAssetClang). */
export const CLANG_ASSETS = ['clang-bundle', ...CORE_MODULE_NAMES, 'clang-resources', 'sysroot-include', 'project-include'];

/**
 * Starts the page's clang from already built assets, as the compile worker
 * does, for build steps whose output only that clang can use (the PCH) or
 * that must match its code generation (the project library).
 * @param {string} base file: URL of the asset folder, ending in '/'
 * @returns {Promise<{clang: object, includeTree: object}>} includeTree: the
 *   sysroot and project headers, mounted as in the page
 */
export async function startAssetClang(base) {
  const { assets } = await loadAssets(base, { fetchFile, useCache: false, names: CLANG_ASSETS });
  const clang = await startClang({
    bundle: assets['clang-bundle'].bytes,
    modules: Object.fromEntries(CORE_MODULE_NAMES.map((n) => [n, assets[n].bytes])),
    resources: assets['clang-resources'].bytes,
  });
  const includeTree = { sysroot: tarToTree(assets['sysroot-include'].bytes), project: tarToTree(assets['project-include'].bytes) };
  return { clang, includeTree };
}
