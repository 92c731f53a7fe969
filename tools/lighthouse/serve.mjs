// Serves dist/ to Lighthouse as a static host serves a deployed site: the
// headers of the site's own `_headers` file (cross-origin isolation and cache
// lifetimes, as Netlify and Cloudflare Pages send them; tools/host-like.mjs)
// and compressed bodies. Every such host, GitHub Pages too, gzips text and
// wasm; tools/static-server.mjs does not (its byte counts are what the browser
// tests assert on), so a thin gzip layer sits in front of it here. Without it
// Lighthouse would time a download no deployed copy of the site makes.
import { createServer, request as httpRequest } from 'node:http';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import { serveLikeHost } from '../host-like.mjs';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm)|image\/svg\+xml|font\/ttf)/;

/** Forwards one request to `origin` and relays the answer, gzipped when the client accepts it and the type compresses. */
function relay(request, response, origin) {
  const { 'accept-encoding': accepted = '', ...headers } = request.headers;
  const upstream = httpRequest(new URL(request.url, origin), { method: request.method, headers }, (answer) => {
    const type = answer.headers['content-type'] ?? '';
    if (answer.statusCode !== 200 || !/\bgzip\b/.test(accepted) || !COMPRESSIBLE.test(type)) {
      response.writeHead(answer.statusCode, answer.headers);
      return pipeline(answer, response, () => {});
    }
    const { 'content-length': _length, ...rest } = answer.headers;
    response.writeHead(200, { ...rest, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    if (request.method === 'HEAD') return response.end();
    pipeline(answer, createGzip(), response, () => {});
  });
  upstream.on('error', () => (response.headersSent ? response.destroy() : response.writeHead(502).end()));
  request.pipe(upstream);
}

/** Starts the host; resolves to {url, close()}. */
export async function serveForLighthouse({ root = 'dist' } = {}) {
  const files = await serveLikeHost({ host: 'netlify', root });
  const server = createServer((request, response) => relay(request, response, files.url));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${server.address().port}/`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await files.close();
    },
  };
}
