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

const GZIP_MAGIC = [0x1f, 0x8b];

async function startsWithGzipMagic(blob) {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

// The manifest's sha256 is the SHA-256 (its first 16 hex digits, or more) of
// an asset's gzip bytes, all its files in order. Web Crypto exists only in a
// secure context (HTTPS or localhost); elsewhere gzip's own CRC-32 and the
// length check in loadAssets are what remains.
async function checkDigest(name, asset, gzip) {
  if (!/^[0-9a-f]{16,64}$/.test(asset.sha256 ?? '')) throw new Error(messages.missingChecksum(name));
  if (!globalThis.crypto?.subtle) return;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await gzip.arrayBuffer()));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  if (!hex.startsWith(asset.sha256)) throw new Error(messages.checksumMismatch(name));
}

// An asset's bytes, checked against the manifest and decompressed.
async function checkAndUnpack(name, asset, parts) {
  const whole = new Blob(parts);
  let bytes;
  if (await startsWithGzipMagic(whole)) {
    await checkDigest(name, asset, whole);
    if (typeof DecompressionStream === 'undefined') throw new Error(messages.unsupportedBrowser);
    bytes = new Uint8Array(await new Response(whole.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  } else {
    // A server that labelled the file `Content-Encoding: gzip` made the
    // browser decompress it already (checking gzip's CRC-32): there are no
    // gzip bytes left to hash, only the length to check.
    bytes = new Uint8Array(await whole.arrayBuffer());
  }
  if (bytes.length !== asset.bytes) throw new Error(messages.damagedDownload(name));
  return bytes;
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

  // One asset: its parts from Cache Storage or the network, checked against
  // the manifest's sha256 and decompressed. Downloaded parts are cached only
  // once the whole asset has checked out. A cached part of the wrong size, or
  // parts that fail the check, are dropped from the cache and fetched again
  // once, so a damaged cache entry cannot break every later compile.
  async function loadOne(name, trustCache) {
    const asset = manifest.assets[name];
    const parts = [];
    const cachedUrls = [];
    const downloaded = []; // [url, bytes] to cache once checked
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
      const part = await readWithProgress(response, (n) => { loaded += n; report(); });
      parts.push(part);
      downloaded.push([url, part]);
    }
    let bytes;
    try {
      bytes = await checkAndUnpack(name, asset, parts);
    } catch (error) {
      if (!trustCache || cachedUrls.length === 0) throw error;
      await Promise.all(cachedUrls.map((url) => cache.delete(url)));
      return loadOne(name, false);
    }
    // Names carry a content hash, so a cached file never goes stale. A full
    // or unavailable cache only costs a re-download.
    if (cache) await Promise.all(downloaded.map(([url, part]) => cache.put(url, new Response(part)).catch(() => {})));
    return { kind: asset.kind, bytes };
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
