// Downloads the compiler's assets (listed in build/public/compiler/manifest.json
// by tools/compiler/build-assets.mjs), keeps them in Cache Storage so a reload
// or a second visit downloads nothing, and returns each asset decompressed.
// Works in a worker and, with `fetchFile` and no cache, under node.
import { MANIFEST } from './toolchain.js';
import { messages } from './messages.js';

export const CACHE_NAME = 'cdd-compiler';

function openCache() {
  return typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(CACHE_NAME).catch(() => null);
}

/**
 * The manifest, fresh from the server when it answers (a new build may have
 * new files), else the copy kept in Cache Storage, so a learner who already
 * has the compiler can compile offline.
 * @returns {Promise<object>}
 */
export async function fetchManifest(base, fetchFile = fetch, { useCache = true } = {}) {
  const url = new URL(MANIFEST, base).href;
  const cache = useCache ? await openCache() : null;
  let failure;
  try {
    const response = await fetchFile(url, { cache: 'no-cache' });
    if (response.ok) {
      const text = await response.text();
      if (cache) await cache.put(url, new Response(text)).catch(() => {});
      return JSON.parse(text);
    }
    failure = new Error(messages.downloadFailed(url, response.status));
  } catch (error) {
    failure = error;
  }
  const kept = cache && (await cache.match(url));
  if (kept) return kept.json();
  throw failure;
}

/** Bytes of the named assets (default: all) still to download, i.e. not in Cache Storage. */
export async function bytesToDownload(base, manifest, { names, cache } = {}) {
  cache ??= await openCache();
  let bytes = 0;
  for (const asset of (names ?? Object.keys(manifest.assets)).map((n) => manifest.assets[n])) {
    for (const [i, file] of asset.files.entries()) {
      const hit = cache && (await cache.match(new URL(file, base).href));
      if (!hit) bytes += partSize(asset, i);
    }
  }
  return bytes;
}

function partSize(asset, index) {
  return asset.fileBytes[index];
}

async function readWithProgress(response, onBytes) {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const chunks = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length);
  }
  return new Blob(chunks);
}

async function gunzip(parts) {
  const whole = new Blob(parts);
  // A server that labelled the file `Content-Encoding: gzip` made the browser
  // decompress it already; then there is no gzip header left to read.
  const head = new Uint8Array(await whole.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x1f || head[1] !== 0x8b) return new Uint8Array(await whole.arrayBuffer());
  if (typeof DecompressionStream === 'undefined') throw new Error(messages.unsupportedBrowser);
  const stream = whole.stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * @param {string} base absolute URL of the compiler folder, ending in '/'
 * @param {{fetchFile?: Function, onProgress?: (p: {phase: string, loaded: number, total: number}) => void,
 *          names?: string[], useCache?: boolean}} options
 * @returns {Promise<{manifest: object, assets: Record<string, {kind: string, bytes: Uint8Array}>}>}
 */
export async function loadAssets(base, { fetchFile = fetch, onProgress = () => {}, names, useCache = true } = {}) {
  const manifest = await fetchManifest(base, fetchFile, { useCache });
  const cache = useCache ? await openCache() : null;
  const wanted = names ?? Object.keys(manifest.assets);
  const total = wanted.reduce((n, name) => n + manifest.assets[name].gzipBytes, 0);
  let loaded = 0;
  const report = () => onProgress({ phase: 'download', loaded, total });
  report();

  // One asset: its parts from Cache Storage or the network, decompressed. A
  // cached part of the wrong size, or parts that do not decompress, are
  // dropped from the cache and fetched again once, so a damaged cache entry
  // cannot break every later compile.
  async function loadOne(name, trustCache) {
    const asset = manifest.assets[name];
    const parts = [];
    const cachedUrls = [];
    for (const [index, file] of asset.files.entries()) {
      const url = new URL(file, base).href;
      const hit = trustCache && cache && (await cache.match(url));
      const blob = hit ? await hit.blob() : null;
      if (blob && blob.size === asset.fileBytes[index]) {
        cachedUrls.push(url);
        loaded += blob.size;
        report();
        parts.push(blob);
        continue;
      }
      const response = await fetchFile(url);
      if (!response.ok) throw new Error(messages.downloadFailed(url, response.status));
      // Cache a copy while reading; names carry a content hash, so a cached
      // file never goes stale. A full or unavailable cache only costs a re-download.
      const storing = cache ? cache.put(url, response.clone()).catch(() => {}) : null;
      parts.push(await readWithProgress(response, (n) => { loaded += n; report(); }));
      await storing;
    }
    try {
      const bytes = await gunzip(parts);
      if (bytes.length !== asset.bytes) throw new Error(messages.damagedDownload(name));
      return { kind: asset.kind, bytes };
    } catch (error) {
      if (!trustCache || cachedUrls.length === 0) throw error;
      await Promise.all(cachedUrls.map((url) => cache.delete(url)));
      return loadOne(name, false);
    }
  }

  const assets = {};
  await Promise.all(wanted.map(async (name) => {
    assets[name] = await loadOne(name, true);
  }));
  if (cache) await forgetOldVersions(cache, base, manifest);
  return { manifest, assets };
}

// Drops cached files no longer named by the manifest (an earlier build's).
async function forgetOldVersions(cache, base, manifest) {
  const current = new Set(Object.values(manifest.assets).flatMap((a) => a.files.map((f) => new URL(f, base).href)));
  current.add(new URL(MANIFEST, base).href);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(base) && !current.has(request.url)) await cache.delete(request);
  }
}
