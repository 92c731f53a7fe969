#!/usr/bin/env node
// Serves a built site (dist/) the way a static host would, so each deployment
// path of lessons/README.md can be tried before deploying:
//   netlify, cloudflare  the `_headers` file of the site is honoured (the
//                        headers of every rule whose path pattern matches)
//   github-pages         no headers at all: only the site's service worker
//                        (web/src/offline/) can make the page cross-origin isolated
// and optionally under a sub-path (`--base /course/`), as a GitHub Pages
// project site (https://user.github.io/course/) or any site in a folder is
// served: nothing exists outside the sub-path. (Those hosts redirect `/course`
// to `/course/`; open the URL with its slash here.)
//   node tools/host-like.mjs --host netlify|cloudflare|github-pages [--base /course/] [--root dist] [--port N]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from './static-server.mjs';

export const HOSTS = ['netlify', 'cloudflare', 'github-pages'];

/**
 * The rules of a Netlify/Cloudflare `_headers` file: a line starting at the
 * left margin is a path pattern, the indented `Name: value` lines under it are
 * its headers; `#` starts a comment line.
 * @returns {{pattern: string, headers: Record<string, string>}[]}
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    if (!rules.length || colon < 0) throw new Error(`_headers: cannot read line '${line.trim()}'`);
    rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a `_headers` path pattern (`*` any characters, `:name` one path segment) matches `path`. */
export function patternMatches(pattern, path) {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The headers a host sends for `path` (below the site's base), given the site's `_headers` rules. */
export function headersFromRules(rules, path) {
  return Object.assign({}, ...rules.filter((rule) => patternMatches(rule.pattern, path)).map((r) => r.headers));
}

/**
 * Starts the server; resolves to {url (ending in the base), requested, sent, close()}
 * (requested and sent as tools/static-server.mjs counts them).
 * @param {{host: string, base?: string, root?: string, port?: number}} options
 */
export async function serveLikeHost({ host, base = '/', root = 'dist', port = 0 }) {
  if (!HOSTS.includes(host)) throw new Error(`unknown host '${host}' (one of ${HOSTS.join(', ')})`);
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`--base must start and end with '/': '${base}'`);
  const headersFile = join(root, '_headers');
  const rules = host !== 'github-pages' && existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  // Rules name paths from the site's own root, wherever the site is mounted.
  const headersFor = (path) => headersFromRules(rules, `/${path.slice(base.length)}`);
  const files = await serveStatic({ mounts: [[base, root]], headersFor, port });
  return { url: `${files.url.slice(0, -1)}${base}`, requested: files.requested, sent: files.sent, close: files.close };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const { url } = await serveLikeHost({
    host: option('--host', 'github-pages'),
    base: option('--base', '/'),
    root: option('--root', 'dist'),
    port: Number(option('--port', process.env.PORT || 8080)),
  });
  console.log(`dist/ served as ${option('--host', 'github-pages')} would, at ${url}  (Ctrl+C to stop)`);
}
