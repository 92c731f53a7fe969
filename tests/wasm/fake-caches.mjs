// A stand-in for the browser's Cache Storage (node has none), installed as
// globalThis.caches for one test and removed after it. Returns the map of
// cached URL -> bytes, so a test can look at or damage what was cached.
export function fakeCaches(t) {
  const stored = new Map();
  const cache = {
    match: async (url) => (stored.has(url) ? new Response(stored.get(url)) : undefined),
    put: async (url, response) => { stored.set(url, new Uint8Array(await response.arrayBuffer())); },
    delete: async (url) => stored.delete(url),
    keys: async () => [...stored.keys()].map((url) => ({ url })),
  };
  const saved = globalThis.caches;
  globalThis.caches = { open: async () => cache };
  t.after(() => { globalThis.caches = saved; });
  return stored;
}
