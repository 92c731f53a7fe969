// The checker of a live run, in a module worker: it receives the history
// events straight from the router (its own MessagePort; the page relays
// nothing), keeps the history, and re-checks it with kv.checkHistory as
// live/check-pacer.js allows, emitting each verdict to the page with the
// milliseconds the check took.
import '../../../workers/serve.js';
import { loadEmscriptenModule } from '../../../workers/emscripten-module.js';
import { createCheckPacer, verdictOf } from './live/check-pacer.js';

let kv = null;

function watch({ port }, call) {
  const lines = [];
  const pacer = createCheckPacer();
  let timer = null;

  function check() {
    timer = null;
    const started = performance.now();
    pacer.begin(started);
    let verdict;
    try {
      const result = JSON.parse(kv.checkHistory(lines.join('\n')));
      verdict = verdictOf(result, performance.now() - started);
    } catch (error) {
      verdict = { verdict: 'unknown', operations: 0, window: [], explanation: `the checker failed: ${error.message}`, ms: performance.now() - started };
    }
    pacer.end(performance.now());
    call.emit(verdict);
    plan();
  }

  function plan() {
    const wait = pacer.wait(performance.now());
    if (wait !== null && timer === null) timer = setTimeout(check, wait);
  }

  port.onmessage = ({ data }) => {
    for (const op of data) lines.push(JSON.stringify(op));
    pacer.added(data);
    plan();
  };
  return new Promise(() => {}); // runs until the page terminates the worker
}

self.cddWorkerProtocol.serve({
  async load({ wasmBase }) {
    kv = await loadEmscriptenModule(`${wasmBase}kv.js`, `${wasmBase}kv.wasm`, 'createKv');
    return true;
  },
  watch,
});
