// The build's offline manifest (web/build/site-manifest.mjs) and the worker
// file written from it (web/build/service-worker-plugin.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { classify, integrityOf, readSiteFiles, siteManifest } from '../../web/build/site-manifest.mjs';
import { manifestOf, serviceWorkerSource, writeServiceWorker } from '../../web/build/service-worker-plugin.mjs';

test('classify: the shell, code and programs precached; Pyodide when used; compiler parts left to the compiler', () => {
  for (const path of ['index.html', 'assets/monaco-x.js', 'wasm/amdahl.st.wasm', 'compiler/manifest.json', 'compiler/compiled-program.js']) {
    assert.equal(classify(path), 'precache', path);
  }
  assert.equal(classify('pyodide/pyodide.asm.wasm'), 'runtime:pyodide');
  assert.equal(classify('compiler/llvm.core.wasm.fd3e.gz.part1'), 'network');
  assert.equal(classify('compiler/sysroot.0a1b.gz'), 'network', 'an asset in one piece too');
  assert.equal(classify('lighthouse/report.html'), 'network');
  assert.equal(classify('service-worker.js'), 'skip');
  assert.equal(classify('_headers'), 'skip');
});

test('integrity: the Subresource Integrity form browsers check', () => {
  assert.equal(integrityOf(Buffer.alloc(0)), 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

test('build id: changes with any cached file, not with the order of listing; a runtime group keeps its hash unless its files change', () => {
  const files = [['index.html', 'sha256-1'], ['wasm/a.js', 'sha256-2'], ['pyodide/p.wasm', 'sha256-3']];
  const one = siteManifest(files);
  assert.match(one.buildId, /^[0-9a-f]{16}$/);
  assert.deepEqual(one.precache, { 'index.html': 'sha256-1', 'wasm/a.js': 'sha256-2' });
  assert.deepEqual(one.runtime.pyodide.files, { 'pyodide/p.wasm': 'sha256-3' });
  assert.equal(siteManifest([...files].reverse()).buildId, one.buildId);
  const newPage = siteManifest([['index.html', 'sha256-9'], ...files.slice(1)]);
  assert.notEqual(newPage.buildId, one.buildId);
  assert.equal(newPage.runtime.pyodide.hash, one.runtime.pyodide.hash);
  const newPython = siteManifest([...files.slice(0, 2), ['pyodide/p.wasm', 'sha256-8']]);
  assert.notEqual(newPython.buildId, one.buildId);
  assert.notEqual(newPython.runtime.pyodide.hash, one.runtime.pyodide.hash);
  const renamed = siteManifest([['index.html', 'sha256-1'], ['wasm/b.js', 'sha256-2'], ['pyodide/p.wasm', 'sha256-3']]);
  assert.notEqual(renamed.buildId, one.buildId);
});

test('the worker file: read from a built folder, carries its manifest, runs as a classic script', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdd-sw-'));
  try {
    const write = (path, text) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('index.html', '<!doctype html>');
    write('assets/index-abc.js', 'console.log(1)');
    write('compiler/clang.0123.gz.part0', 'big');
    write('_headers', '/*');
    const files = readSiteFiles(dir);
    assert.deepEqual(files.map(([path]) => path).sort(), ['assets/index-abc.js', 'index.html']);
    assert.equal(files.find(([p]) => p === 'index.html')[1], integrityOf(Buffer.from('<!doctype html>')));
    const manifest = await writeServiceWorker(dir);
    assert.deepEqual(manifestOf(dir), manifest);
    const source = readFileSync(join(dir, 'service-worker.js'), 'utf8');
    assert.doesNotMatch(source, /^\s*(import|export)\s/m, 'no module syntax: a classic worker script');
    assert.match(source, /addEventListener\("fetch"/);
    write('index.html', '<!doctype html><title>new</title>');
    assert.notEqual((await writeServiceWorker(dir)).buildId, manifest.buildId);
    assert.equal(serviceWorkerSource('CODE', manifest).endsWith('\nCODE'), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
