#!/usr/bin/env node
// A small static file server for dist/, used by `npm start` and the browser
// tests. `--no-isolation` leaves out the COOP/COEP headers, as GitHub Pages
// would, to test the coi-serviceworker path.
//   node tools/static-server.mjs [--port N] [--no-isolation] [--root dist]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf', '.zip': 'application/zip', '.gz': 'application/gzip', '.tar': 'application/x-tar',
  '.png': 'image/png', '.py': 'text/plain; charset=utf-8', '.cpp': 'text/plain; charset=utf-8',
};
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Starts a server; resolves to {url, close()}. Port 0 picks a free port. */
export function serveStatic({ root = 'dist', port = 0, isolation = true, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) return response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const { size, mtime } = statSync(file);
      const lastModified = mtime.toUTCString();
      // Pthread workers load their program's glue again: let the browser
      // revalidate it instead of downloading it once per thread.
      if (request.headers['if-modified-since'] === lastModified) {
        return response.writeHead(304, { 'Last-Modified': lastModified, ...(isolation ? ISOLATION : {}) }).end();
      }
      response.writeHead(200, {
        'Last-Modified': lastModified,
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-cache',
        ...(isolation ? ISOLATION : {}),
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}/`;
      resolvePromise({ url, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const { url } = await serveStatic({
    root: option('--root', 'dist'),
    port: Number(option('--port', process.env.PORT || 8080)),
    isolation: !argv.includes('--no-isolation'),
  });
  console.log(`Concurrency Deep Dive is served at ${url}  (Ctrl+C to stop)`);
}
