// Builds the precompiled header of common headers (toolchain.js PCH_HEADERS)
// with the very clang, sysroot and flags the page uses: it starts the compiler
// from the already built assets, exactly as the compile worker does. A PCH
// only loads into the same compiler with the same flags, so it is made here
// rather than with the system's clang.
import { PCH_FILE, PCH_HEADER, compileFlags, pchSource } from '../../web/src/compiler/toolchain.js';
import { CLANG_ASSETS, startAssetClang } from './node-host.mjs';

/** The assets the PCH is made from (build-assets.mjs must have built them first). */
export const PCH_INPUT_ASSETS = CLANG_ASSETS;

/** @param {string} base file: URL of the asset folder, ending in '/' @returns {Promise<Uint8Array>} */
export async function makePch(base) {
  const { clang, includeTree } = await startAssetClang(base);
  const tree = { ...includeTree, pch: { [PCH_HEADER]: pchSource() } };
  const log = [];
  const capture = (bytes) => { if (bytes) log.push(new TextDecoder().decode(bytes)); };
  try {
    // -fno-pch-timestamp: the page's virtual files have other modification times.
    // -fpch-instantiate-templates: the templates the headers' own inline code
    // uses (nlohmann-json's parser and serializer, for <cdd/maelstrom.h>) are
    // instantiated here once instead of in every program (3.2 s -> 0.4 s of a
    // node template's front end, measured under load).
    const out = await clang.runClang(['clang++', ...compileFlags(), '-x', 'c++-header', `pch/${PCH_HEADER}`,
      '-o', `pch/${PCH_FILE}`, '-Xclang', '-fno-pch-timestamp', '-fpch-instantiate-templates'], tree, { stdout: capture, stderr: capture, decodeASCII: false });
    return out.pch[PCH_FILE];
  } catch (error) {
    throw new Error(`building the precompiled header failed: ${log.join('') || error.message}`);
  }
}
