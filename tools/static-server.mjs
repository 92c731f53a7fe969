#!/usr/bin/env node
// The one static file server of the project: `npm start` serves dist/ with it,
// the browser tests serve dist/ and the compiler harness with it. It sends the
// cross-origin isolation headers (COOP/COEP/CORP) the threaded programs need;
// `--no-isolation` leaves them out, as GitHub Pages would, to test the
// service worker that adds them (web/src/offline/).
//   node tools/static-server.mjs [--port N] [--no-isolation] [--root dist]
// A request never reaches a file outside its mounted folder, and a malformed
// request gets an error status, never an exception that would end the server.
import { createServer } from 'node:http';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ISOLATION_HEADERS } from '../web/src/offline/isolation-headers.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf', '.zip': 'application/zip', '.gz': 'application/gzip', '.tar': 'application/x-tar',
  '.png': 'image/png', '.py': 'text/plain; charset=utf-8', '.cpp': 'text/plain; charset=utf-8',
};
const ISOLATION = ISOLATION_HEADERS;

class HttpError extends Error {
  constructor(status) {
    super(String(status));
    this.status = status;
  }
}

/** True when `file` is `folder` itself or lies below it (a sibling such as dist-secret/ is not). */
function isInside(folder, file) {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The decoded URL path and the file it names under one of the mounts
 * ([url prefix, folder] pairs, first match wins), or an HttpError.
 */
function fileFor(url, mounts) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    throw new HttpError(400); // a malformed percent-encoding or URL
  }
  if (path.includes('\0')) throw new HttpError(400);
  const mount = mounts.find(([prefix]) => path.startsWith(prefix));
  if (!mount) throw new HttpError(404);
  const [prefix, folder] = mount;
  let file = resolve(folder, `.${path.slice(prefix.length - 1)}`);
  if (!isInside(folder, file)) throw new HttpError(403);
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    file = realpathSync(file);
  } catch {
    throw new HttpError(404);
  }
  // A symbolic link inside the folder must not lead out of it either.
  if (!isInside(realpathSync(folder), file)) throw new HttpError(403);
  return { path, file };
}

/** Answers one request, counting it in `requested` and the file bytes sent in `sent` (path -> number). */
function answer(request, response, { mounts, headersFor, sent, requested }) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return response.writeHead(405, { Allow: 'GET, HEAD' }).end();
  }
  let found;
  try {
    found = fileFor(request.url, mounts);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    return response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 404 ? 'not found' : '');
  }
  requested.set(found.path, (requested.get(found.path) ?? 0) + 1);
  const headers = headersFor(found.path);
  const { size, mtime } = statSync(found.file);
  const lastModified = mtime.toUTCString();
  // Pthread workers load their program's glue again: let the browser
  // revalidate it instead of downloading it once per thread.
  if (request.headers['if-modified-since'] === lastModified) {
    return response.writeHead(304, { 'Last-Modified': lastModified, ...headers }).end();
  }
  response.writeHead(200, {
    'Last-Modified': lastModified,
    'Content-Type': TYPES[extname(found.file)] || 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-cache',
    ...headers,
  });
  if (request.method === 'HEAD') return response.end();
  sent.set(found.path, (sent.get(found.path) ?? 0) + size);
  // A file that vanishes between stat and read ends this response, not the server.
  createReadStream(found.file).on('error', () => response.destroy()).pipe(response);
}

/**
 * Starts a server; resolves to {url, sent, requested, close()}. Port 0 picks a free port.
 * `root` is served at /, or `mounts` lists [url prefix ending in /, folder] pairs.
 * `sent` maps each decoded path to the bytes of file bodies sent for it (a 304
 * sends none); `requested` to how often an existing file was asked for.
 * `headersFor(path)`, if given, chooses each file's extra headers instead of
 * `isolation` (tools/host-like.mjs uses it to honour a `_headers` file).
 */
export function serveStatic({ root = 'dist', mounts, port = 0, isolation = true, headersFor, host = '127.0.0.1' } = {}) {
  const options = {
    mounts: (mounts ?? [['/', root]]).map(([prefix, folder]) => [prefix, resolve(folder)]),
    headersFor: headersFor ?? (() => (isolation ? ISOLATION : {})),
    sent: new Map(),
    requested: new Map(),
  };
  const server = createServer((request, response) => {
    try {
      answer(request, response, options);
    } catch {
      // Whatever went wrong (say, the file vanished after it was found), keep serving.
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}/`;
      resolvePromise({ url, sent: options.sent, requested: options.requested, close: () => new Promise((r) => server.close(r)) });
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
