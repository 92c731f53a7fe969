// Serves the cluster widget's live engine unbundled for browser tests and the
// bench (through tools/static-server.mjs), as the page would load it:
//   /         this folder (index.html)
//   /src/     web/src (the engines and the worker protocol, as ES modules)
//   /wasm/    build/public/wasm (kv.js, kv.wasm)
//   /compiler/ build/public/compiler (the in-page compiler's assets, for runs of a learner's own nodes)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../../tools/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const MOUNTS = [['/src/', join(root, 'web', 'src')], ['/wasm/', join(root, 'build', 'public', 'wasm')],
  ['/compiler/', join(root, 'build', 'public', 'compiler')], ['/', here]];

export const serveClusterHarness = () => serveStatic({ mounts: MOUNTS });
