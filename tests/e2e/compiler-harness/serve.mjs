// Serves the compiler harness (through tools/static-server.mjs) and tells
// tests what a page load really downloaded:
//   /               this folder (index.html, run-worker.js)
//   /compiler/      build/public/compiler (the built assets)
//   /src/compiler/  web/src/compiler (the modules, unbundled)
//   /src/workers/   web/src/workers (the worker protocol they use)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_PATH, ROOT } from '../../../tools/compiler/node-host.mjs';
import { serveStatic } from '../../../tools/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MOUNTS = [['/compiler/', ASSET_PATH], ['/src/compiler/', join(ROOT, 'web', 'src', 'compiler')],
  ['/src/workers/', join(ROOT, 'web', 'src', 'workers')], ['/', here]];
const isCompilerFile = (path) => path.startsWith('/compiler/') && path.includes('.gz');
const total = (map) => [...map].filter(([path]) => isCompilerFile(path)).reduce((n, [, v]) => n + v, 0);

/** @param {{isolation?: boolean}} options isolation: false leaves out COOP/COEP (no SharedArrayBuffer) */
export async function serveHarness({ isolation = true } = {}) {
  const server = await serveStatic({ mounts: MOUNTS, isolation });
  return {
    ...server,
    /** Bytes of compiler assets (/compiler/*.gz) sent so far. */
    compilerBytes: () => total(server.sent),
    /** Requests for compiler assets so far, revalidations (304, no bytes) included. */
    compilerRequests: () => total(server.requested),
  };
}
