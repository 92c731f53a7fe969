// The site's one service worker (built into dist/service-worker.js by
// web/build/service-worker-plugin.mjs, which puts this build's manifest in
// self.CDD_SITE before this code). It
// - precaches this build's files at install, into a cache named by the build
//   id, and serves the page from it: every file a page loads comes from the
//   build that page started with, and the site works offline after one visit;
// - caches Pyodide when first used;
// - adds the cross-origin isolation headers to every response, so the page
//   gets threads on hosts that cannot send headers (GitHub Pages);
// - waits, as a new version, until the page asks it to take over (the
//   page's "new version" notice) or every tab of the old one is closed;
//   then deletes the old build's caches.
import { siteCacheName, staleCacheNames } from './cache-names.js';
import { isolatedResponse } from './isolation-headers.js';
import { routeFor } from './routes.js';

const SITE = self.CDD_SITE;
const scope = self.registration.scope;
const scopePath = new URL(scope).pathname;
const urlOf = (path) => new URL(path, scope).href;
const PARALLEL_DOWNLOADS = 6;

// Downloads every precached file not yet in this build's cache. `no-cache`
// revalidates with the server (cheap when the browser has the file), and the
// integrity check refuses a file of another build (a host half-way through a
// deploy): the install then fails and is tried again on a later visit.
async function precache() {
  const cache = await caches.open(siteCacheName(scopePath, SITE.buildId));
  const queue = Object.entries(SITE.precache);
  async function downloader() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, integrity] = next;
      if (await cache.match(urlOf(path))) continue;
      const response = await fetch(urlOf(path), { cache: 'no-cache', integrity });
      if (!response.ok) throw new Error(`service worker: ${path} answered ${response.status}`);
      await cache.put(urlOf(path), response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, downloader));
}

async function removeStaleCaches() {
  const stale = staleCacheNames(await caches.keys(), scopePath, SITE);
  await Promise.all(stale.map((name) => caches.delete(name)));
}

// A file cached when first used: from its cache, else downloaded, checked
// against the manifest and kept. A file that fails the check (another build's
// Pyodide) is served but not kept.
async function fromRuntimeCache(route, request, event) {
  const cache = await caches.open(route.cache);
  const hit = await cache.match(urlOf(route.path));
  if (hit) return hit;
  let response;
  try {
    response = await fetch(urlOf(route.path), { integrity: route.integrity });
  } catch {
    return fetch(request);
  }
  if (response.ok) event.waitUntil(cache.put(urlOf(route.path), response.clone()));
  return response;
}

async function answer(route, request, event) {
  if (route.kind === 'precache') {
    const hit = await caches.match(urlOf(route.path), { cacheName: route.cache });
    if (hit) return isolatedResponse(hit);
  }
  if (route.kind === 'runtime') return isolatedResponse(await fromRuntimeCache(route, request, event));
  return isolatedResponse(await fetch(request));
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('activate', (event) => {
  event.waitUntil(removeStaleCaches().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  // The page's "new version" notice: take over now (the page then reloads).
  if (event.data?.type === 'skip-waiting') event.waitUntil(self.skipWaiting());
  // A page loaded past the worker (a hard reload) asks to be controlled.
  if (event.data?.type === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const route = routeFor(new URL(request.url), { scope, manifest: SITE, navigate: request.mode === 'navigate' });
  if (route.kind === 'outside') return;
  event.respondWith(answer(route, request, event));
});
