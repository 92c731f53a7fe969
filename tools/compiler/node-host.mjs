// Node stand-ins for what the browser gives the in-page compiler, for tests,
// benchmarks and run-compiled.mjs: the asset folder as a file: URL base, a
// fetch that reads file: URLs, and the compiler started from those files.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAssets } from '../../web/src/compiler/assets.js';
import { createCompiler } from '../../web/src/compiler/compile-core.js';
import { ASSET_DIR } from '../../web/src/compiler/toolchain.js';

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
