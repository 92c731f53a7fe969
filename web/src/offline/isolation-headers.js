// The response headers that make a page cross-origin isolated, which the
// browser requires before it allows SharedArrayBuffer (and so threads).
// Hosts with header control send them (dist/_headers, tools/static-server.mjs);
// on the others the service worker adds them to every response it hands the page.
export const ISOLATION_HEADERS = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/**
 * `headers` plus each isolation header the host did not send. One the host
 * did send is kept as sent: a host that chose `credentialless` keeps it.
 * @param {Headers} headers
 * @returns {Headers} a new object; `headers` is not changed
 */
export function withIsolationHeaders(headers) {
  const result = new Headers(headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) {
    if (!result.has(name)) result.set(name, value);
  }
  return result;
}

// Statuses whose responses have no body (a Response with one cannot be built).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The response the page should see: same status and body, with the isolation
 * headers. Always a new Response, even when the headers are all there: one
 * from Cache Storage carries the URL it was stored under, and a worker started
 * from it would take that URL as its address, losing the #fragment through
 * which the page passes it parameters (web/src/workers/classic-worker.js); a
 * new Response has no URL, so the browser keeps the address it asked for.
 * A cross-origin opaque response cannot be read or changed and is returned as
 * it is (this site makes no cross-origin requests).
 * @param {Response} response
 * @returns {Response}
 */
export function isolatedResponse(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: withIsolationHeaders(response.headers),
  });
}
