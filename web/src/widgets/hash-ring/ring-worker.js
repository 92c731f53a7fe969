// Computes the consistent-hashing picture with the quorum store's own ring
// (kv.ringLayout, cpp/kv/hash_ring.cpp) off the main thread.
//   load({wasmBase})                                  first, once
//   layout({nodes, virtualNodes, keys, replicas})     -> {nodes, points, keys} or {error}
import '../../workers/serve.js';
import { loadEmscriptenModule } from '../../workers/emscripten-module.js';

let kv = null;

self.cddWorkerProtocol.serve({
  load({ wasmBase }) {
    kv = loadEmscriptenModule(`${wasmBase}kv.js`, `${wasmBase}kv.wasm`, 'createKv');
    return kv.then(() => ({}));
  },
  async layout({ nodes, virtualNodes, keys, replicas }) {
    if (!kv) throw new Error('the ring module was not asked to load');
    return JSON.parse((await kv).ringLayout(nodes, virtualNodes, keys, replicas));
  },
});
