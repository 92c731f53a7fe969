// How the service worker answers each request, from its URL and the build's
// manifest (web/src/offline/routes.js), here for a site under /course/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathBelow, routeFor } from '../../web/src/offline/routes.js';
import { runtimeCacheName, siteCacheName } from '../../web/src/offline/cache-names.js';

const scope = 'https://user.github.io/course/';
const manifest = {
  buildId: 'b1',
  precache: { 'index.html': 'sha256-i', 'assets/index-1.js': 'sha256-a', 'wasm/timeline.worker.js': 'sha256-w', 'wasm/a b.js': 'sha256-s' },
  runtime: { pyodide: { hash: 'p1', files: { 'pyodide/pyodide.asm.wasm': 'sha256-p' } } },
};
const route = (url, navigate = false) => routeFor(new URL(url, scope), { scope, manifest, navigate });

test('the page itself: the scope folder or index.html, any query, from the build cache', () => {
  for (const url of ['', 'index.html', '?threads=off', 'index.html?x=1#/02-concurrency']) {
    assert.deepEqual(route(url, true), { kind: 'precache', path: 'index.html', cache: siteCacheName('/course/', 'b1'), integrity: 'sha256-i' }, url);
  }
});

test("a precached file from its build's cache; a percent-encoded name is the file it names", () => {
  assert.equal(route('assets/index-1.js').kind, 'precache');
  assert.equal(route('wasm/timeline.worker.js?v=2').path, 'wasm/timeline.worker.js');
  assert.equal(route('wasm/a%20b.js').path, 'wasm/a b.js');
  assert.equal(route('wasm/a%20b.js').integrity, 'sha256-s');
});

test('Pyodide from its runtime cache; the compiler parts and unknown files from the network', () => {
  assert.deepEqual(route('pyodide/pyodide.asm.wasm'),
    { kind: 'runtime', path: 'pyodide/pyodide.asm.wasm', cache: runtimeCacheName('/course/', 'pyodide', 'p1'), integrity: 'sha256-p' });
  assert.deepEqual(route('compiler/llvm.core.wasm.0123.gz.part0'), { kind: 'network', path: 'compiler/llvm.core.wasm.0123.gz.part0' });
  assert.equal(route('assets/index-OLD.js').kind, 'network');
  assert.equal(route('wasm/%E0').kind, 'network', 'a malformed escape is no file of ours');
});

test('not this site: another origin, or above the scope (where a project site owns nothing)', () => {
  assert.deepEqual(route('https://cdn.example.com/course/index.html', true), { kind: 'outside' });
  assert.deepEqual(route('/index.html', true), { kind: 'outside' });
  assert.deepEqual(route('/course', true), { kind: 'outside' });
  assert.equal(pathBelow(new URL('https://user.github.io/courses/x'), scope), null);
});
