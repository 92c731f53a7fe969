#!/usr/bin/env node
// Fills build/public/, which Vite copies verbatim into dist/, with what is not
// bundled: coi-serviceworker (cross-origin isolation on hosts without header
// control), Pyodide (Python in the page, loaded only when a learner asks for
// the comparison) and the `_headers` file that Netlify and Cloudflare Pages read.
// (The wasm programs are written there by the CMake build.)
import { cpSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const out = join(root, 'build', 'public');

function copyIfNewer(from, to) {
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) return;
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}

copyIfNewer(join(modules, 'coi-serviceworker', 'coi-serviceworker.min.js'), join(out, 'coi-serviceworker.js'));

// Only what loadPyodide() fetches for the standard library; no extra packages.
for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
  copyIfNewer(join(modules, 'pyodide', file), join(out, 'pyodide', file));
}

writeFileSync(
  join(out, '_headers'),
  `# Netlify and Cloudflare Pages: cross-origin isolation, so programs can use threads.
/*
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp
  Cross-Origin-Resource-Policy: same-origin
# Vite names every file under assets/ by a hash of its content: a changed file
# gets a new name, so a browser may keep these for a year without asking again.
# The rest (index.html, wasm/, compiler/, pyodide/) keeps its name across
# versions and is revalidated, as these hosts do by default.
/assets/*
  Cache-Control: public, max-age=31536000, immutable
`,
);
