// tools/host-like.mjs reads a `_headers` file as Netlify and Cloudflare Pages
// do: the headers of every matching rule, paths from the site's root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { headersFromRules, parseHeadersFile, patternMatches, serveLikeHost } from '../../tools/host-like.mjs';

test('rules: patterns with their indented headers; comments and blank lines skipped', () => {
  const rules = parseHeadersFile('# note\n/*\n  A: 1\n\n/wasm/*\n  B: two words\n');
  assert.deepEqual(rules, [{ pattern: '/*', headers: { A: '1' } }, { pattern: '/wasm/*', headers: { B: 'two words' } }]);
  assert.throws(() => parseHeadersFile('  A: 1\n'), /cannot read/);
});

test('patterns: * spans anything, :name one segment, the rest literally', () => {
  assert.equal(patternMatches('/*', '/'), true);
  assert.equal(patternMatches('/*', '/wasm/a.js'), true);
  assert.equal(patternMatches('/wasm/*', '/index.html'), false);
  assert.equal(patternMatches('/a/:x/b', '/a/q/b'), true);
  assert.equal(patternMatches('/a/:x/b', '/a/q/r/b'), false);
  assert.equal(patternMatches('/a.js', '/aXjs'), false);
  assert.deepEqual(headersFromRules(parseHeadersFile('/*\n  A: 1\n/w/*\n  B: 2\n'), '/w/x'), { A: '1', B: '2' });
});

test("the project's own _headers isolates every path; GitHub Pages sends none; a sub-path owns nothing above it", async () => {
  const rules = parseHeadersFile(readFileSync('build/public/_headers', 'utf8'));
  for (const path of ['/', '/index.html', '/wasm/timeline.worker.js']) {
    assert.equal(headersFromRules(rules, path)['Cross-Origin-Embedder-Policy'], 'require-corp', path);
  }
  const netlify = await serveLikeHost({ host: 'netlify', base: '/course/', root: 'build/public' });
  const pages = await serveLikeHost({ host: 'github-pages', base: '/', root: 'build/public' });
  try {
    const isolated = await fetch(`${netlify.url}_headers`);
    assert.equal(isolated.status, 200);
    assert.equal(isolated.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal((await fetch(new URL('/_headers', netlify.url))).status, 404);
    const plain = await fetch(`${pages.url}_headers`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('cross-origin-opener-policy'), null);
  } finally {
    await netlify.close();
    await pages.close();
  }
});
