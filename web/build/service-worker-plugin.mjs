// Writes dist/service-worker.js once Vite has written the site: this build's
// offline manifest (site-manifest.mjs) followed by the worker's code
// (web/src/offline/service-worker.js and the modules it imports, bundled into
// one classic script, as every browser can run it as a service worker).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { readSiteFiles, siteManifest } from './site-manifest.mjs';

const ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'offline', 'service-worker.js');
export const SERVICE_WORKER_FILE = 'service-worker.js';

/** The worker's code, bundled (readable: not minified). */
export async function bundleServiceWorker() {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: ENTRY, formats: ['iife'], name: 'cddServiceWorker', fileName: () => SERVICE_WORKER_FILE },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  return chunks.find((chunk) => chunk.type === 'chunk').code;
}

/** The text of dist/service-worker.js for `manifest`. */
export function serviceWorkerSource(code, manifest) {
  return `// Concurrency Deep Dive's service worker, build ${manifest.buildId}: see web/src/offline/service-worker.js.\n` +
    `self.CDD_SITE = ${JSON.stringify(manifest, null, 1)};\n${code}`;
}

/** Writes `dir`/service-worker.js for the files now in `dir`; returns the manifest. */
export async function writeServiceWorker(dir, code) {
  const manifest = siteManifest(readSiteFiles(dir));
  writeFileSync(join(dir, SERVICE_WORKER_FILE), serviceWorkerSource(code ?? (await bundleServiceWorker()), manifest));
  return manifest;
}

/** The manifest written into `dir`/service-worker.js (for tests). */
export function manifestOf(dir) {
  const text = readFileSync(join(dir, SERVICE_WORKER_FILE), 'utf8');
  const start = text.indexOf('self.CDD_SITE = ') + 'self.CDD_SITE = '.length;
  return JSON.parse(text.slice(start, text.indexOf('};\n', start) + 1));
}

export function serviceWorkerPlugin() {
  let outDir;
  return {
    name: 'cdd-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await writeServiceWorker(outDir);
    },
  };
}
