// Loads an Emscripten module (MODULARIZE glue, a classic script that defines a
// factory such as createKv) inside a *module* worker, where importScripts does
// not exist. Module workers are what Vite bundles, so a worker can import the
// pure modules it shares with node tests instead of being one classic script.
//
// The glue is evaluated as a function body that returns its factory, and the
// wasm bytes are handed to it (wasmBinary): in a module worker the glue cannot
// tell where it runs, so it must not be left to fetch anything itself.
//
//   const kv = await loadEmscriptenModule(`${wasmBase}kv.js`, `${wasmBase}kv.wasm`, 'createKv');

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return response;
}

/** The factory the glue script at `url` defines under `exportName`. */
export async function loadEmscriptenFactory(url, exportName) {
  const source = await (await fetchOk(url)).text();
  // The glue is our own build output, served from our origin.
  const factory = new Function(`${source}\n;return typeof ${exportName} === 'function' ? ${exportName} : null;`)();
  if (!factory) throw new Error(`${url} does not define ${exportName}`);
  return factory;
}

/** The instantiated module; rejects if the glue or the wasm cannot be loaded or compiled. */
export async function loadEmscriptenModule(glueUrl, wasmUrl, exportName, options = {}) {
  const [factory, wasmBinary] = await Promise.all([
    loadEmscriptenFactory(glueUrl, exportName),
    fetchOk(wasmUrl).then((response) => response.arrayBuffer()),
  ]);
  return factory({ ...options, wasmBinary });
}
