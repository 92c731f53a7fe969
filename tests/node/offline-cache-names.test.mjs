// The service worker's caches are named by scope and build; activating a
// build deletes only its own scope's other builds (web/src/offline/cache-names.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheNamesOf, runtimeCacheName, siteCacheName, staleCacheNames } from '../../web/src/offline/cache-names.js';

const manifest = (buildId, pyodideHash) => ({ buildId, precache: {}, runtime: { pyodide: { hash: pyodideHash, files: {} } } });

test('names: one per build and scope, one per runtime group and hash', () => {
  assert.notEqual(siteCacheName('/', 'aaaa'), siteCacheName('/', 'bbbb'));
  assert.notEqual(siteCacheName('/course/', 'aaaa'), siteCacheName('/', 'aaaa'));
  assert.notEqual(runtimeCacheName('/', 'pyodide', '11'), runtimeCacheName('/', 'pyodide', '22'));
  assert.deepEqual(cacheNamesOf('/course/', manifest('aaaa', '11')),
    [siteCacheName('/course/', 'aaaa'), runtimeCacheName('/course/', 'pyodide', '11')]);
});

test("stale: this scope's other builds and changed runtime groups; never another scope's, nor the compiler's", () => {
  const all = [
    siteCacheName('/course/', 'old1'), siteCacheName('/course/', 'new2'),
    runtimeCacheName('/course/', 'pyodide', 'p-old'), runtimeCacheName('/course/', 'pyodide', 'p-same'),
    siteCacheName('/', 'old1'), siteCacheName('/course/draft/', 'old1'), 'cdd-compiler', 'someone-else',
  ];
  assert.deepEqual(staleCacheNames(all, '/course/', manifest('new2', 'p-same')),
    [siteCacheName('/course/', 'old1'), runtimeCacheName('/course/', 'pyodide', 'p-old')]);
  assert.deepEqual(staleCacheNames(all, '/', manifest('new2', 'p-same')), [siteCacheName('/', 'old1')]);
});
