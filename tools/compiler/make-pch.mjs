// Builds a precompiled header (toolchain.js: the common one of PCH_HEADERS, or
// NODE_PCH's for lesson 5's node programs) with the very clang, sysroot and flags the page uses: it starts the compiler
// from the already built assets, exactly as the compile worker does. A PCH
// only loads into the same compiler with the same flags, so it is made here
// rather than with the system's clang.
import { NODE_PCH, PCH_FILE, PCH_HEADER, compileFlags, pchSource } from '../../web/src/compiler/toolchain.js';
import { CLANG_ASSETS, startAssetClang } from './node-host.mjs';
import { writeTar } from './tar-write.mjs';

/** The assets the PCH is made from (build-assets.mjs must have built them first). */
export const PCH_INPUT_ASSETS = CLANG_ASSETS;

/**
 * What each PCH asset is made of, and with which -O (it must match the compiles
 * that load it). `object`: built with -fpch-codegen, its code compiled (at
 * `objectOptimize`) into that object file, and the asset is a tar of the PCH and the object.
 */
export const PCH_KINDS = {
  common: { header: PCH_HEADER, file: PCH_FILE, headers: undefined, optimize: undefined, object: undefined },
  node: {
    header: NODE_PCH.header, file: NODE_PCH.file, headers: NODE_PCH.headers, optimize: NODE_PCH.optimize,
    object: NODE_PCH.object, objectOptimize: NODE_PCH.objectOptimize,
  },
};

/**
 * @param {string} base file: URL of the asset folder, ending in '/'
 * @param {'common'|'node'} kind
 * @returns {Promise<Uint8Array>} the PCH, or (a kind with `object`) a tar of the PCH and its object
 */
export async function makePch(base, kind = 'common') {
  const { header, file, headers, optimize, object, objectOptimize = optimize } = PCH_KINDS[kind];
  const { clang, includeTree } = await startAssetClang(base);
  const tree = { ...includeTree, pch: { [header]: pchSource(headers) } };
  const flags = compileFlags({ optimize });
  const run = async (args, what, runFlags = flags) => {
    const log = [];
    const capture = (bytes) => { if (bytes) log.push(new TextDecoder().decode(bytes)); };
    try {
      return await clang.runClang(['clang++', ...runFlags, ...args], tree, { stdout: capture, stderr: capture, decodeASCII: false });
    } catch (error) {
      throw new Error(`${what} failed: ${log.join('') || error.message}`);
    }
  };
  // -fno-pch-timestamp: the page's virtual files have other modification times.
  // -fpch-instantiate-templates: the templates the headers' own inline code
  // uses (nlohmann-json's parser and serializer, for <cdd/maelstrom.h>) are
  // instantiated here once instead of in every program (3.2 s -> 0.4 s of a
  // node template's front end, measured under load).
  const made = await run(['-x', 'c++-header', `pch/${header}`, '-o', `pch/${file}`, '-Xclang', '-fno-pch-timestamp',
    '-fpch-instantiate-templates', ...(object ? ['-fpch-codegen'] : [])], 'building the precompiled header');
  const pch = made.pch[file];
  if (!object) return pch;
  // clang compiles a -fpch-codegen PCH like a source file: the object holds
  // the code that programs compiled with this PCH leave out. Its -O may differ
  // from the PCH's (only a compile that loads the PCH must match it).
  tree.pch[file] = pch;
  const code = await run(['-c', `pch/${file}`, '-o', `pch/${object}`], 'compiling the precompiled header\'s code',
    compileFlags({ optimize: objectOptimize }));
  return writeTar([[file, pch], [object, code.pch[object]]]);
}
