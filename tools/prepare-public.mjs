#!/usr/bin/env node
// Fills build/public/, which Vite copies verbatim into dist/, with what is not
// bundled: Pyodide (Python in the page, loaded only when a learner asks for
// the comparison) and the `_headers` file that Netlify and Cloudflare Pages read.
// (The wasm programs are written there by the CMake build; the service worker,
// which isolates the page on hosts without header control, is written into
// dist/ by the Vite build.)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISOLATION_HEADERS } from '../web/src/offline/isolation-headers.js';
import { renderGuide } from './instructors-guide.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const out = join(root, 'build', 'public');

function copyIfNewer(from, to) {
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) return;
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}

// coi-serviceworker, copied here by earlier versions, would otherwise stay in
// dist/ beside the service worker that replaced it.
rmSync(join(out, 'coi-serviceworker.js'), { force: true });

// Only what loadPyodide() fetches for the standard library; no extra packages.
for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
  copyIfNewer(join(modules, 'pyodide', file), join(out, 'pyodide', file));
}

const isolationLines = Object.entries(ISOLATION_HEADERS).map(([name, value]) => `  ${name}: ${value}\n`).join('');
writeFileSync(
  join(out, '_headers'),
  `# Netlify and Cloudflare Pages: cross-origin isolation, so programs can use threads.
/*
${isolationLines}# Vite names every file under assets/ by a hash of its content: a changed file
# gets a new name, so a browser may keep these for a year without asking again.
# The rest (index.html, wasm/, compiler/, pyodide/) keeps its name across
# versions and is revalidated, as these hosts do by default.
/assets/*
  Cache-Control: public, max-age=31536000, immutable
`,
);

// The instructors' guide, which cells link to when a page lacks isolation.
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'instructors-guide.html'), renderGuide(readFileSync(join(root, 'lessons', 'README.md'), 'utf8')));
