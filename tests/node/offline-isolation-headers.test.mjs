// The service worker adds the cross-origin isolation headers a host did not
// send, and keeps those it did (web/src/offline/isolation-headers.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ISOLATION_HEADERS, isolatedResponse, withIsolationHeaders } from '../../web/src/offline/isolation-headers.js';

test('headers: each missing isolation header added, the rest and the original left as they were', () => {
  const sent = new Headers({ 'Content-Type': 'text/javascript', 'Cross-Origin-Embedder-Policy': 'credentialless' });
  const result = withIsolationHeaders(sent);
  assert.equal(result.get('content-type'), 'text/javascript');
  assert.equal(result.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(result.get('cross-origin-embedder-policy'), 'credentialless', "the host's choice is kept");
  assert.equal(result.get('cross-origin-resource-policy'), 'same-origin');
  assert.equal(sent.has('cross-origin-opener-policy'), false, 'the input is not changed');
  assert.deepEqual(Object.keys(ISOLATION_HEADERS).map((n) => withIsolationHeaders(new Headers()).get(n)),
    ['same-origin', 'require-corp', 'same-origin']);
});

test('response: same status, body and headers, plus isolation', async () => {
  const plain = new Response('int main() {}', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain' } });
  const isolated = isolatedResponse(plain);
  assert.equal(isolated.status, 200);
  assert.equal(isolated.statusText, 'OK');
  assert.equal(isolated.headers.get('content-type'), 'text/plain');
  assert.equal(isolated.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.equal(await isolated.text(), 'int main() {}');
  const missing = isolatedResponse(new Response('not found', { status: 404 }));
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('cross-origin-opener-policy'), 'same-origin');
});

test('response: a bodiless status keeps no body; an opaque response is passed on as it is', () => {
  const notModified = isolatedResponse(new Response(null, { status: 304 }));
  assert.equal(notModified.status, 304);
  assert.equal(notModified.body, null);
  const opaque = { type: 'opaque', status: 0, headers: new Headers() };
  assert.equal(isolatedResponse(opaque), opaque);
});

test('response: one already isolated (a host with headers) is still a new one, without the URL it was cached under', async () => {
  // A fetched or cached response carries its URL; a worker started from it
  // would take that URL as its address and lose the page's #parameters.
  const cached = await fetch('data:text/javascript,1');
  assert.notEqual(cached.url, '');
  const withHeaders = new Response(cached.body, { headers: ISOLATION_HEADERS });
  Object.defineProperty(withHeaders, 'url', { value: 'https://host/wasm/timeline.worker.js' });
  const served = isolatedResponse(withHeaders);
  assert.notEqual(served, withHeaders);
  assert.equal(served.url, '');
  assert.equal(served.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.equal(await served.text(), '1');
});
