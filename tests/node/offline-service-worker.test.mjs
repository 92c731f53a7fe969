// The built service worker (dist/service-worker.js as the build writes it),
// run in node against a fake Cache Storage and network: what it precaches,
// what it answers offline, which caches it deletes. The browser's own
// behaviour (scope, update, reload) is tested in tests/e2e/offline.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { integrityOf } from '../../web/build/site-manifest.mjs';
import { writeServiceWorker } from '../../web/build/service-worker-plugin.mjs';
import { siteCacheName } from '../../web/src/offline/cache-names.js';

const SCOPE = 'https://user.github.io/course/';
const SITE = {
  'index.html': '<!doctype html><title>v1</title>',
  'assets/index-abc.js': 'console.log("page")',
  'wasm/timeline.wasm': 'wasm bytes',
  'pyodide/pyodide.asm.wasm': 'python',
  'compiler/llvm.0123.gz.part0': 'compiler part',
};
let dir;
let manifest;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cdd-sw-run-'));
  for (const [path, text] of Object.entries(SITE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  manifest = await writeServiceWorker(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Cache Storage in memory, keyed by URL (the worker passes URLs or Requests). */
function fakeCaches(stores = new Map()) {
  const key = (request) => (typeof request === 'string' ? request : request.url);
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    return {
      match: async (request) => store.get(key(request))?.clone(),
      put: async (request, response) => void store.set(key(request), response),
    };
  };
  return {
    stores,
    open,
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
    match: async (request, { cacheName }) => stores.get(cacheName)?.get(key(request))?.clone(),
  };
}

/** Starts the worker's script; returns its event dispatcher and the fakes it sees. */
function startWorker({ files = SITE, stores } = {}) {
  const listeners = {};
  const network = { online: true, requests: [] };
  const calls = { claim: 0, skipWaiting: 0 };
  const fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input.url;
    network.requests.push(url);
    if (!network.online) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname.slice('/course/'.length);
    if (!(path in files)) return new Response('not found', { status: 404 });
    // As a browser does: a body that fails the request's integrity is a network error.
    if (init.integrity && integrityOf(Buffer.from(files[path])) !== init.integrity) throw new TypeError('integrity');
    return new Response(files[path], { headers: { 'Content-Type': 'text/plain' } });
  };
  const caches = fakeCaches(stores);
  const self = {
    registration: { scope: SCOPE },
    clients: { claim: async () => void calls.claim++ },
    skipWaiting: async () => void calls.skipWaiting++,
    addEventListener: (type, listener) => (listeners[type] = listener),
  };
  vm.runInNewContext(readFileSync(join(dir, 'service-worker.js'), 'utf8'), { self, caches, fetch, Response, Headers, Request, URL, console });
  async function dispatch(type, fields = {}) {
    const pending = [];
    let answer;
    listeners[type]({ ...fields, waitUntil: (p) => pending.push(p), respondWith: (p) => (answer = p) });
    const response = await answer;
    await Promise.all(pending);
    return response;
  }
  const get = (path, mode = 'cors') => dispatch('fetch', { request: { url: new URL(path, SCOPE).href, method: 'GET', mode } });
  return { dispatch, get, network, calls, caches };
}

test('install precaches the shell, code and programs of this build; not Pyodide, not the compiler', async () => {
  const worker = startWorker();
  await worker.dispatch('install');
  const cached = [...worker.caches.stores.get(siteCacheName('/course/', manifest.buildId)).keys()].sort();
  assert.deepEqual(cached, ['assets/index-abc.js', 'index.html', 'wasm/timeline.wasm'].map((p) => SCOPE + p));
  assert.equal(worker.caches.stores.size, 1);
});

test('install fails on a file of another build (a host half-way through a deploy)', async () => {
  const worker = startWorker({ files: { ...SITE, 'wasm/timeline.wasm': 'newer bytes' } });
  await assert.rejects(worker.dispatch('install'), /integrity/);
});

test('offline: the page and its files come from the cache, with the isolation headers', async () => {
  const worker = startWorker();
  await worker.dispatch('install');
  worker.network.online = false;
  const page = await worker.get('?threads=off', 'navigate');
  assert.equal(await page.text(), SITE['index.html']);
  assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
  const program = await worker.get('wasm/timeline.wasm');
  assert.equal(await program.text(), SITE['wasm/timeline.wasm']);
  assert.equal(program.headers.get('content-type'), 'text/plain');
  await assert.rejects(worker.get('compiler/llvm.0123.gz.part0'), /Failed to fetch/, 'the compiler caches its own parts');
  assert.equal(await worker.dispatch('fetch', { request: { url: 'https://other.example/x.js', method: 'GET', mode: 'cors' } }), undefined);
});

test('Pyodide: fetched and kept on first use, then answered offline', async () => {
  const worker = startWorker();
  await worker.dispatch('install');
  const first = await worker.get('pyodide/pyodide.asm.wasm');
  assert.equal(await first.text(), 'python');
  assert.equal(first.headers.get('cross-origin-embedder-policy'), 'require-corp');
  worker.network.online = false;
  assert.equal(await (await worker.get('pyodide/pyodide.asm.wasm')).text(), 'python');
});

test("activate deletes this scope's caches of other builds, keeps the compiler's, and takes control", async () => {
  const old = siteCacheName('/course/', '0000000000000000');
  const stores = new Map([[old, new Map()], ['cdd-compiler', new Map()], [siteCacheName('/other/', 'x'), new Map()]]);
  const worker = startWorker({ stores });
  await worker.dispatch('install');
  await worker.dispatch('activate');
  assert.equal(stores.has(old), false);
  assert.equal(stores.has('cdd-compiler'), true);
  assert.equal(stores.has(siteCacheName('/other/', 'x')), true);
  assert.equal(stores.has(siteCacheName('/course/', manifest.buildId)), true);
  assert.equal(worker.calls.claim, 1);
  assert.equal(worker.calls.skipWaiting, 0, 'a new version waits until asked');
  await worker.dispatch('message', { data: { type: 'skip-waiting' } });
  assert.equal(worker.calls.skipWaiting, 1);
});
