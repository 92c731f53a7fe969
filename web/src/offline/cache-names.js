// Names of the service worker's caches in Cache Storage. Every name carries
// the site's scope, because two copies of the site on one origin (say
// /course/ and /course-draft/) share Cache Storage: each worker looks after
// its own caches only. The compiler's cache ('cdd-compiler', web/src/compiler/assets.js)
// is not the worker's and is never touched here.
const PREFIX = 'cdd-offline';

const scopeTag = (scopePath) => encodeURIComponent(scopePath);

/** The cache of one build of the site: its shell, code and programs, precached at install. */
export function siteCacheName(scopePath, buildId) {
  return `${PREFIX}:${scopeTag(scopePath)}:site:${buildId}`;
}

/**
 * A cache filled when first used (e.g. Pyodide), named by the hash of its
 * files: a deploy that leaves them unchanged keeps what the learner downloaded.
 */
export function runtimeCacheName(scopePath, group, filesHash) {
  return `${PREFIX}:${scopeTag(scopePath)}:${group}:${filesHash}`;
}

/** Every cache name the build described by `manifest` uses. */
export function cacheNamesOf(scopePath, manifest) {
  return [
    siteCacheName(scopePath, manifest.buildId),
    ...Object.entries(manifest.runtime).map(([group, { hash }]) => runtimeCacheName(scopePath, group, hash)),
  ];
}

/**
 * Which of `names` (all of Cache Storage) to delete when the build described
 * by `manifest` activates: this scope's caches of other builds.
 */
export function staleCacheNames(names, scopePath, manifest) {
  const ours = `${PREFIX}:${scopeTag(scopePath)}:`;
  const keep = new Set(cacheNamesOf(scopePath, manifest));
  return names.filter((name) => name.startsWith(ours) && !keep.has(name));
}
