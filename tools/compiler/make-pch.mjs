// Builds the precompiled header of common headers (toolchain.js PCH_HEADERS)
// with the very clang, sysroot and flags the page uses: it starts the compiler
// from the already built assets, exactly as the compile worker does. A PCH
// only loads into the same compiler with the same flags, so it is made here
// rather than with the system's clang.
import { loadAssets } from '../../web/src/compiler/assets.js';
import { startClang } from '../../web/src/compiler/clang-host.js';
import { tarToTree } from '../../web/src/compiler/tar.js';
import { CORE_MODULE_NAMES, PCH_FILE, PCH_HEADER, compileFlags, pchSource } from '../../web/src/compiler/toolchain.js';
import { fetchFile } from './node-host.mjs';

/** The assets the PCH is made from (build-assets.mjs must have built them first). */
export const PCH_INPUT_ASSETS = ['clang-bundle', ...CORE_MODULE_NAMES, 'clang-resources', 'sysroot-include', 'project-include'];

/** @param {string} base file: URL of the asset folder, ending in '/' @returns {Promise<Uint8Array>} */
export async function makePch(base) {
  const { assets } = await loadAssets(base, { fetchFile, useCache: false, names: PCH_INPUT_ASSETS });
  const clang = await startClang({
    bundle: assets['clang-bundle'].bytes,
    modules: Object.fromEntries(CORE_MODULE_NAMES.map((n) => [n, assets[n].bytes])),
    resources: assets['clang-resources'].bytes,
  });
  const tree = {
    sysroot: tarToTree(assets['sysroot-include'].bytes),
    project: tarToTree(assets['project-include'].bytes),
    pch: { [PCH_HEADER]: pchSource() },
  };
  const log = [];
  const capture = (bytes) => { if (bytes) log.push(new TextDecoder().decode(bytes)); };
  try {
    // -fno-pch-timestamp: the page's virtual files have other modification times.
    const out = await clang.runClang(['clang++', ...compileFlags(), '-x', 'c++-header', `pch/${PCH_HEADER}`,
      '-o', `pch/${PCH_FILE}`, '-Xclang', '-fno-pch-timestamp'], tree, { stdout: capture, stderr: capture, decodeASCII: false });
    return out.pch[PCH_FILE];
  } catch (error) {
    throw new Error(`building the precompiled header failed: ${log.join('') || error.message}`);
  }
}
