// Picks the parts of Emscripten 3.1.6's sysroot the in-page compiler needs:
// the headers (minus graphics/audio/windowing) and the pthread, no-exceptions
// archives em++ links (web/src/compiler/toolchain.js lists them), plus the
// project's own headers (cdd/*.h, cpp/compat/) and nlohmann-json (which
// <cdd/maelstrom.h> and learners' node programs use) so an edited program
// includes <cdd/report.h>, <nlohmann/json.hpp> or <coroutine> exactly like a built one. Each list is [path, bytes] pairs
// ready for tar-write.mjs; paths are relative to the archive's mount point.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PRUNED_HEADER_DIRS, linkLibraries, linkObjects } from '../../web/src/compiler/toolchain.js';

export const EMSCRIPTEN_SYSROOT = process.env.CDD_EMSCRIPTEN_SYSROOT || '/usr/share/emscripten/cache/sysroot';
// nlohmann-json's headers, as Debian's nlohmann-json3-dev installs them (the
// same copy the native build and cmake/CddJson.cmake use).
export const NLOHMANN_INCLUDE = process.env.CDD_NLOHMANN_INCLUDE || '/usr/include/nlohmann';
const LIB_SUBDIR = 'lib/wasm32-emscripten';

function walk(dir, skip = () => false) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) out.push(...walk(path, skip));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Absolute paths of the sysroot headers we ship. */
export function sysrootHeaderPaths(sysroot = EMSCRIPTEN_SYSROOT) {
  const include = join(sysroot, 'include');
  const pruned = new Set(PRUNED_HEADER_DIRS.map((d) => join(include, d)));
  return walk(include, (path) => pruned.has(path));
}

/** Absolute paths of the archives and objects the link needs (threaded, or single-threaded). */
export function sysrootLibraryPaths({ threads = true, sysroot = EMSCRIPTEN_SYSROOT } = {}) {
  const names = [...linkObjects(threads), ...linkLibraries(threads).map((l) => `lib${l}.a`)];
  return names.map((name) => {
    const path = join(sysroot, LIB_SUBDIR, name);
    statSync(path); // a missing library should stop the build here, not at link time in the page
    return path;
  });
}

/** include/... entries, mounted at /sysroot. */
export function sysrootHeaders(sysroot = EMSCRIPTEN_SYSROOT) {
  return sysrootHeaderPaths(sysroot).map((p) => [relative(sysroot, p), readFileSync(p)]);
}

/** lib/<name> entries (flattened out of lib/wasm32-emscripten), mounted at /sysroot. */
export function sysrootLibraries(options) {
  return sysrootLibraryPaths(options).map((p) => [`lib/${p.split('/').pop()}`, readFileSync(p)]);
}

/**
 * The project's headers, mounted at /project: include/cdd/*.h, gathered from
 * cpp/include/ and every library's cpp/<library>/include/ (so <cdd/report.h>
 * and <cdd/multiprocessing.h> resolve as in the CMake build), include/nlohmann/
 * (header-only JSON, for <cdd/maelstrom.h>), and compat/ (a
 * standard <coroutine> that Emscripten 3.1.6's libc++ lacks; the CMake build
 * adds it for Emscripten programs too). Returns [archive path, absolute path].
 */
function projectHeaderEntries(cppDir, nlohmann = NLOHMANN_INCLUDE) {
  const includeDirs = [join(cppDir, 'include'), ...readdirSync(cppDir, { withFileTypes: true })
    .filter((e) => e.isDirectory()).map((e) => join(cppDir, e.name, 'include')).filter((d) => existsSync(d)).sort()];
  const entries = includeDirs.flatMap((dir) => walk(dir).filter((p) => /\.(h|hpp)$/.test(p))
    .map((p) => [join('include', relative(dir, p)), p]));
  if (!existsSync(join(nlohmann, 'json.hpp'))) {
    throw new Error(`nlohmann-json not found at ${nlohmann} (install nlohmann-json3-dev, or set CDD_NLOHMANN_INCLUDE)`);
  }
  entries.push(...walk(nlohmann).map((p) => [join('include', 'nlohmann', relative(nlohmann, p)), p]));
  const compat = join(cppDir, 'compat');
  if (existsSync(compat)) entries.push(...walk(compat).map((p) => [relative(cppDir, p), p]));
  const seen = new Set();
  for (const [name, path] of entries) {
    if (seen.has(name)) throw new Error(`two project headers would both be /project/${name} (one is ${path})`);
    seen.add(name);
  }
  return entries;
}
export function projectHeaderPaths(cppDir) {
  return projectHeaderEntries(cppDir).map(([, path]) => path);
}
export function projectHeaders(cppDir) {
  return projectHeaderEntries(cppDir).map(([name, path]) => [name, readFileSync(path)]);
}
