// The offline manifest of a built site: which files of dist/ the service
// worker precaches at install, which it caches when first used, and the build
// id that names this version's caches. Written into the worker by
// service-worker-plugin.mjs, so a deploy with any changed file is a new
// worker, which the browser notices on the learner's next visit.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// First rule that matches wins. Precached: what every lesson needs offline
// (about 4 MB gzip). Cached when first used: Pyodide (13 MB, only for the
// Python comparison). The compiler's parts (34 MB gzip and more) are left to
// the network route, because the compiler caches them itself (web/src/compiler/assets.js);
// its manifest and small runtime script are precached, so they match the page.
// Anything else (e.g. a report written next to the build) is not cached.
const RULES = [
  [/^service-worker\.js$/, 'skip'],
  [/^_headers$/, 'skip'],
  [/^index\.html$/, 'precache'],
  [/^assets\//, 'precache'],
  [/^wasm\//, 'precache'],
  [/^compiler\/[^/]*\.gz(\.part\d+)?$/, 'network'],
  [/^compiler\//, 'precache'],
  [/^pyodide\//, 'runtime:pyodide'],
];

/** How the worker treats a file of dist/ ('/'-separated path): 'precache', 'runtime:<group>', 'network' or 'skip'. */
export function classify(path) {
  return RULES.find(([pattern]) => pattern.test(path))?.[1] ?? 'network';
}

/** The Subresource Integrity value of `bytes` (the browser checks it on fetch). */
export function integrityOf(bytes) {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}

/** 16 hex digits of SHA-256 over `entries` ([path, integrity] pairs, in any order). */
function hashOf(entries) {
  const lines = entries.map(([path, integrity]) => `${path} ${integrity}\n`).sort();
  return createHash('sha256').update(lines.join('')).digest('hex').slice(0, 16);
}

/**
 * @param {[string, string][]} files [path below dist/, integrity] pairs
 * @returns {{buildId: string, precache: Record<string, string>, runtime: Record<string, {hash: string, files: Record<string, string>}>}}
 *   buildId changes when any precached or runtime file does; each runtime group's hash when one of its files does.
 */
export function siteManifest(files) {
  const precache = {};
  const runtime = {};
  for (const [path, integrity] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kind = classify(path);
    if (kind === 'precache') precache[path] = integrity;
    if (!kind.startsWith('runtime:')) continue;
    const group = kind.slice('runtime:'.length);
    runtime[group] ??= { hash: '', files: {} };
    runtime[group].files[path] = integrity;
  }
  for (const group of Object.values(runtime)) group.hash = hashOf(Object.entries(group.files));
  const everything = [...Object.entries(precache), ...Object.values(runtime).flatMap((g) => Object.entries(g.files))];
  return { buildId: hashOf(everything), precache, runtime };
}

/** Every file below `dir` as [path with '/', integrity] pairs, skipping what the worker never serves. */
export function readSiteFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/');
    if (classify(path) === 'skip' || classify(path) === 'network') continue;
    files.push([path, integrityOf(readFileSync(join(dir, path)))]);
  }
  return files;
}
