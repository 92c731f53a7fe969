// Loads the key-value engine's WebAssembly module (build/public/wasm/kv.js, or
// CDD_WASM_DIR) under node, for the tests that drive it.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const wasmDir = process.env.CDD_WASM_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'public', 'wasm');

/** A fresh instance of the kv module (each call its own memory: a trapped one is not reused). */
export async function loadKv() {
  const js = join(wasmDir, 'kv.js');
  assert.ok(existsSync(js), `build the kv module first (no ${js})`);
  delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
  const createKv = createRequire(import.meta.url)(js);
  return createKv({ wasmBinary: readFileSync(join(wasmDir, 'kv.wasm')) });
}
