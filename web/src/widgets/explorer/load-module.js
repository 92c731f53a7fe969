// Loads the explorer's WebAssembly module (build/public/wasm/explorer.js,
// built from cpp/bindings/explorer_bindings.cpp) once per page.
//
// It runs on the page's main thread, not in a Worker: the model is tiny, a
// Step is microseconds, and Explore all is capped (see MAX_STATES in
// index.js), which bounds it to a fraction of a second.
let modulePromise = null;

export function loadExplorer() {
  if (modulePromise) return modulePromise;
  const base = new URL('wasm/', document.baseURI).href;
  const start = () => window.createExplorer({ locateFile: (file) => base + file });
  modulePromise = new Promise((resolve, reject) => {
    if (typeof window.createExplorer === 'function') return start().then(resolve, reject);
    const script = document.createElement('script');
    script.src = `${base}explorer.js`;
    script.async = true;
    script.onload = () => start().then(resolve, reject);
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.append(script);
  });
  modulePromise.catch(() => (modulePromise = null)); // allow a retry after a failure
  return modulePromise;
}
