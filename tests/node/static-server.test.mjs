// tools/static-server.mjs on a folder next to a secret one: no request may
// read outside the served folder, a malformed request gets an error status
// and the server keeps serving, and every file carries the isolation headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../tools/static-server.mjs';

const SECRET = 'SECRET-KEY-31337';
const INDEX = '<!doctype html><title>served</title>';
let folder;
let server;

// Sends the path exactly as written (no client-side normalization of .. or %).
function get(base, path, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cdd-static-server-'));
  mkdirSync(join(folder, 'dist', 'wasm'), { recursive: true });
  mkdirSync(join(folder, 'dist-secret'));
  writeFileSync(join(folder, 'dist-secret', 'key.txt'), SECRET);
  writeFileSync(join(folder, 'dist', 'index.html'), INDEX);
  writeFileSync(join(folder, 'dist', 'wasm', 'program.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  symlinkSync(join(folder, 'dist-secret', 'key.txt'), join(folder, 'dist', 'link.txt'));
  server = await serveStatic({ root: join(folder, 'dist') });
});
after(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('a sibling folder whose name starts like the root is refused, however the path is spelled', async () => {
  for (const path of [
    '/..%2Fdist-secret%2Fkey.txt',
    '/%2e%2e/dist-secret/key.txt',
    '/../dist-secret/key.txt',
    '/wasm/..%2F..%2Fdist-secret%2Fkey.txt',
    '/..%5Cdist-secret%5Ckey.txt',
  ]) {
    const res = await get(server.url, path);
    assert.ok([400, 403, 404].includes(res.status), `${path}: ${res.status}`);
    assert.doesNotMatch(res.body, new RegExp(SECRET), path);
  }
});

test('a symbolic link leading out of the root is refused', async () => {
  const res = await get(server.url, '/link.txt');
  assert.equal(res.status, 403);
  assert.doesNotMatch(res.body, new RegExp(SECRET));
});

test('malformed requests get 400 and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/index.html%00.js']) {
    assert.equal((await get(server.url, path)).status, 400, path);
  }
  const res = await get(server.url, '/');
  assert.equal(res.status, 200);
  assert.equal(res.body, INDEX);
});

test('files are served with their type and the cross-origin isolation headers', async () => {
  const page = await get(server.url, '/index.html');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  const wasm = await get(server.url, '/wasm/program.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  for (const res of [page, wasm]) {
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
  }
});

test('missing files are 404, other methods 405, and an unchanged file is revalidated with 304', async () => {
  assert.equal((await get(server.url, '/nothing-here.js')).status, 404);
  assert.equal((await get(server.url, '/index.html', { method: 'POST' })).status, 405);
  const first = await get(server.url, '/index.html');
  const again = await get(server.url, '/index.html', { headers: { 'If-Modified-Since': first.headers['last-modified'] } });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers['cross-origin-embedder-policy'], 'require-corp');
});

test('without isolation the headers are left out; mounts serve several folders', async () => {
  const plain = await serveStatic({
    mounts: [['/assets/', join(folder, 'dist', 'wasm')], ['/', join(folder, 'dist')]],
    isolation: false,
  });
  try {
    const res = await get(plain.url, '/assets/program.wasm');
    assert.equal(res.status, 200);
    assert.equal(res.headers['cross-origin-embedder-policy'], undefined);
    assert.equal(res.headers['cross-origin-opener-policy'], undefined);
    assert.equal(plain.sent.get('/assets/program.wasm'), 4);
    assert.equal(plain.requested.get('/assets/program.wasm'), 1);
    const escape = await get(plain.url, '/assets/..%2F..%2Fdist-secret%2Fkey.txt');
    assert.equal(escape.status, 403);
    assert.doesNotMatch(escape.body, new RegExp(SECRET));
  } finally {
    await plain.close();
  }
});
