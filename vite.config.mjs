// Vite builds web/ into dist/. build/public/ (generated: wasm programs,
// coi-serviceworker, Pyodide, compiler assets) is copied verbatim.
import { defineConfig } from 'vite';
import { lessonsPlugin } from './web/build/lessons-plugin.mjs';

// SharedArrayBuffer (and so pthreads) needs cross-origin isolation.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  root: 'web',
  base: './', // relative URLs: dist/ works from any folder on any host
  publicDir: '../build/public',
  plugins: [lessonsPlugin()],
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
