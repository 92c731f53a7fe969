// Starts a classic worker (one that loads Emscripten's classic glue with
// importScripts) that speaks the worker protocol. Such a worker cannot import
// serve.js, and its bundled name is not known in advance, so the worker's URL
// carries the script's address in its fragment, which the worker reads with
//   importScripts(new URLSearchParams(location.hash.slice(1)).get('protocol'));
// as its first statement (synchronously, so serve() is installed before any
// message can arrive).
import serveUrl from './serve.js?url';
import { connect } from './connect.js';

/**
 * @param {string} url the worker script (e.g. from `import url from './x-worker.js?url'`)
 * @param {{name: string, failureMessage?: string}} options name: shown in the browser's tools
 * @returns {ReturnType<typeof connect>}
 */
export function startClassicWorker(url, { name, failureMessage }) {
  const protocol = new URL(serveUrl, document.baseURI).href;
  const worker = new Worker(`${url}#${new URLSearchParams({ protocol })}`, { name });
  return connect(worker, { failureMessage });
}
