// Vite builds web/ into dist/. build/public/ (generated: wasm programs,
// Pyodide, compiler assets) is copied verbatim; then the service worker, with
// the list of files it caches, is written into dist/ (web/build/service-worker-plugin.mjs).
import { defineConfig } from 'vite';
import { lessonsPlugin } from './web/build/lessons-plugin.mjs';
import { serviceWorkerPlugin } from './web/build/service-worker-plugin.mjs';
import { ISOLATION_HEADERS } from './web/src/offline/isolation-headers.js';

// SharedArrayBuffer (and so pthreads) needs cross-origin isolation.
const isolationHeaders = ISOLATION_HEADERS;

export default defineConfig({
  root: 'web',
  base: './', // relative URLs: dist/ works from any folder on any host
  publicDir: '../build/public',
  plugins: [lessonsPlugin(), serviceWorkerPlugin()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // Never inline scripts as data: URLs: a worker must share the page's origin.
    assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
  },
  worker: { format: 'es' },
  server: { headers: isolationHeaders, fs: { allow: ['..'] } },
  preview: { headers: isolationHeaders },
});
