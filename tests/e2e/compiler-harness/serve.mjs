// Serves the compiler harness with COOP/COEP and counts the bytes sent per
// path, so tests can tell what a page load really downloaded:
//   /            this folder (index.html, run-worker.js)
//   /compiler/   build/public/compiler (the built assets)
//   /src/compiler/  web/src/compiler (the modules, unbundled)
//   /src/workers/   web/src/workers (the worker protocol they use)
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_PATH, ROOT } from '../../../tools/compiler/node-host.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MOUNTS = [['/compiler/', ASSET_PATH], ['/src/compiler/', join(ROOT, 'web', 'src', 'compiler')],
  ['/src/workers/', join(ROOT, 'web', 'src', 'workers')], ['/', here]];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.gz': 'application/gzip' };

/** @param {{isolation?: boolean}} options isolation: false leaves out COOP/COEP (no SharedArrayBuffer) */
export function serveHarness({ isolation = true } = {}) {
  const sent = new Map(); // path -> bytes
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir)) return response.writeHead(403).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return response.writeHead(404).end();
    }
    sent.set(path, (sent.get(path) ?? 0) + body.length);
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(isolation ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
      'Cache-Control': 'no-cache',
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://localhost:${server.address().port}/`,
    sent,
    /** Bytes of compiler assets (/compiler/*.gz) sent so far. */
    compilerBytes: () => [...sent].filter(([p]) => p.startsWith('/compiler/') && p.includes('.gz')).reduce((n, [, b]) => n + b, 0),
    close: () => new Promise((r) => server.close(r)),
  })));
}
