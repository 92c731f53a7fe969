// A node of a live run in a Web Worker of its own (a module worker): one
// KvNode of kv.wasm, driven by live/node-host.js. The page calls `load` with
// the wasm's base URL and this node's end of a MessageChannel to the router;
// from then on the router sends batches of messages and commands on that
// port, and this worker sends back its output, ticking every 10 ms of real
// time. A trap (or any other wasm error) is reported to the router, and then
// the worker closes itself: a failed node must not hang silently.
import '../../../workers/serve.js';
import { loadEmscriptenModule } from '../../../workers/emscripten-module.js';
import { createNodeHost } from './live/node-host.js';

const TICK_MS = 10;

self.cddWorkerProtocol.serve({
  /** @param {{wasmBase: string, port: MessagePort}} args resolves once kv.wasm is loaded */
  async load({ wasmBase, port }) {
    const kv = await loadEmscriptenModule(`${wasmBase}kv.js`, `${wasmBase}kv.wasm`, 'createKv');
    let startEpochMs = null; // the run's start, from the router's init
    const clock = () => Math.round((performance.timeOrigin + performance.now() - startEpochMs) * 1e6);
    let ticker = null;
    const host = createNodeHost(kv, {
      clock,
      post(batch) {
        port.postMessage(batch);
        if (batch.trap === undefined) return;
        clearInterval(ticker);
        port.close();
        self.close();
      },
    });
    port.onmessage = ({ data }) => {
      const init = data.find((item) => item.cmd === 'init');
      if (init) {
        startEpochMs = init.start;
        ticker = setInterval(() => host.tick(), TICK_MS);
      }
      host.receive(data);
    };
    return { reportsState: typeof kv.KvNode.prototype.state === 'function' };
  },
});
