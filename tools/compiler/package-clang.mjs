// Picks the files of the npm package @yowasp/clang the page needs: its JS
// bundle, its four LLVM core wasm modules, and from its resource archive only
// clang's own resource headers (stddef.h, stdarg.h, wasm_simd128.h, ...). The
// archive's WASI libc/libc++ and libraries are left out: we compile against
// Emscripten's sysroot instead (about 29 MB raw saved).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepClangResource } from '../../web/src/compiler/toolchain.js';
import { forEachTarFile } from '../../web/src/compiler/tar.js';

/** Folder holding bundle.js, llvm.core*.wasm and llvm-resources.tar. */
export function clangPackageDir() {
  return dirname(fileURLToPath(import.meta.resolve('@yowasp/clang')));
}

export function clangVersion() {
  return JSON.parse(readFileSync(join(clangPackageDir(), '..', 'package.json'), 'utf8')).version;
}

export { CORE_MODULE_NAMES as CORE_MODULES } from '../../web/src/compiler/toolchain.js';

/** [path, bytes] of clang's resource headers, paths as in llvm-resources.tar. */
export function clangResourceHeaders(dir = clangPackageDir()) {
  const kept = [];
  forEachTarFile(readFileSync(join(dir, 'llvm-resources.tar')), (path, data) => {
    if (keepClangResource(path)) kept.push([path, new Uint8Array(data)]);
  });
  if (!kept.some(([p]) => p === 'include/stddef.h')) {
    throw new Error('llvm-resources.tar has no include/stddef.h: the @yowasp/clang layout changed');
  }
  return kept;
}
