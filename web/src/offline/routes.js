// How the service worker answers a GET request, decided from the URL alone
// and the build's manifest (web/build/site-manifest.mjs):
//   precache  a file of this build, from its site cache (the network only if missing)
//   runtime   a file cached when first used (Pyodide), from its cache or else the network
//   network   anything else under the scope, e.g. the compiler's parts, which
//             web/src/compiler/assets.js caches itself (so they are not stored twice)
//   outside   not this site's (another origin or above the scope): not answered
// A navigation to the scope's folder is the page itself: index.html, whatever
// the query (`?threads=off`); the fragment never reaches the worker.
import { runtimeCacheName, siteCacheName } from './cache-names.js';

/** The path of `url` below `scope` (an absolute URL ending in '/'), or null if it is not below it. */
export function pathBelow(url, scope) {
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  const path = url.pathname.slice(base.pathname.length);
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape names no file of ours; the network answers it
  }
}

/**
 * @param {URL} url the request's URL
 * @param {{scope: string, manifest: object, navigate?: boolean}} options
 * @returns {{kind: 'precache'|'runtime'|'network'|'outside', path?: string, cache?: string, integrity?: string}}
 */
export function routeFor(url, { scope, manifest, navigate = false }) {
  const found = pathBelow(url, scope);
  if (found === null) return { kind: 'outside' };
  const scopePath = new URL(scope).pathname;
  const path = found === '' || (navigate && found === 'index.html') ? 'index.html' : found;
  if (Object.hasOwn(manifest.precache, path)) {
    return { kind: 'precache', path, cache: siteCacheName(scopePath, manifest.buildId), integrity: manifest.precache[path] };
  }
  for (const [group, { hash, files }] of Object.entries(manifest.runtime)) {
    if (Object.hasOwn(files, path)) {
      return { kind: 'runtime', path, cache: runtimeCacheName(scopePath, group, hash), integrity: files[path] };
    }
  }
  return { kind: 'network', path };
}
