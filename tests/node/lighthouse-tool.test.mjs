// tools/lighthouse.mjs: its scoring (median per category, the pass mark), the
// host it serves the site from (the site's _headers, gzip as deployed hosts
// send it) and the cache lifetimes of the project's own _headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { below, median, medianScores, scoreTable } from '../../tools/lighthouse/scores.mjs';
import { serveForLighthouse } from '../../tools/lighthouse/serve.mjs';
import { headersFromRules, parseHeadersFile } from '../../tools/host-like.mjs';

const lhr = (performance, accessibility, bestPractices, seo) => ({
  categories: {
    performance: { score: performance }, accessibility: { score: accessibility },
    'best-practices': { score: bestPractices }, seo: { score: seo },
  },
});

test('median: the middle value, or the mean of the middle two; none is an error', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([90, 10, 40, 20]), 30);
  assert.throws(() => median([]), /no values/);
});

test('a page scores the median of its runs per category; an unscored category counts as 0', () => {
  const runs = [lhr(0.5, 1, 0.96, 1), lhr(0.97, 0.9, 0.96, null), lhr(0.91, 0.99, 1, 1)];
  const scores = medianScores(runs);
  assert.deepEqual(scores, { performance: 91, accessibility: 99, 'best-practices': 96, seo: 100 });
  assert.deepEqual(medianScores([lhr(1, 1, 1, null)]).seo, 0);
  assert.deepEqual(below(scores, 95), [['performance', 91]]);
  assert.deepEqual(below(scores, 91), []);
});

test('the table has a row per page with the median and every run', () => {
  const table = scoreTable([{ page: '#/a', scores: { performance: 91, accessibility: 99, 'best-practices': 96, seo: 100 },
    runs: [{ performance: 50, accessibility: 100, 'best-practices': 96, seo: 100 }, { performance: 91, accessibility: 99, 'best-practices': 96, seo: 100 }] }]);
  const lines = table.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /\| page \| performance \| accessibility \| best-practices \| seo \|/);
  assert.equal(lines[2], '| #/a | 91 (50, 91) | 99 (100, 99) | 96 (96, 96) | 100 (100, 100) |');
});

test("the project's _headers: hashed assets are cached for a year, files that keep their name are revalidated", () => {
  const rules = parseHeadersFile(readFileSync('build/public/_headers', 'utf8'));
  assert.equal(headersFromRules(rules, '/assets/index-QBPOb94f.js')['Cache-Control'], 'public, max-age=31536000, immutable');
  for (const path of ['/', '/index.html', '/coi-serviceworker.js', '/wasm/timeline.wasm', '/pyodide/pyodide.mjs']) {
    assert.equal(headersFromRules(rules, path)['Cache-Control'], undefined, path);
  }
});

/** GET `path` from `base` with the given Accept-Encoding; resolves to {status, headers, body (Buffer)}. */
function get(base, path, encoding) {
  return new Promise((resolve, reject) => {
    const headers = encoding ? { 'Accept-Encoding': encoding } : {};
    request(new URL(path, base), { headers }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c)).on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

test("Lighthouse's host: the site's _headers, gzip when accepted for text and wasm, plain otherwise", async () => {
  const root = mkdtempSync(join(tmpdir(), 'cdd-lighthouse-'));
  const script = 'export const x = 1;\n'.repeat(200);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, '_headers'), readFileSync('build/public/_headers'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'a-123.js'), script);
  writeFileSync(join(root, 'a.png'), Buffer.alloc(64, 7));
  const site = await serveForLighthouse({ root });
  try {
    const zipped = await get(site.url, '/assets/a-123.js', 'gzip, deflate, br');
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.body).toString(), script);
    assert.ok(zipped.body.length < script.length / 10, `${zipped.body.length} bytes gzipped`);
    assert.equal(zipped.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(zipped.headers['cross-origin-embedder-policy'], 'require-corp');
    const plain = await get(site.url, '/assets/a-123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), script);
    const page = await get(site.url, '/', 'gzip');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(gunzipSync(page.body).toString(), '<!doctype html><title>t</title>');
    const image = await get(site.url, '/a.png', 'gzip');
    assert.equal(image.headers['content-encoding'], undefined);
    assert.equal(image.body.length, 64);
    assert.equal((await get(site.url, '/missing.js', 'gzip')).status, 404);
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});
