// Lesson 5's node templates (lessons/05-distributed-systems/nodes/*.cpp)
// compile with the in-page compiler exactly as the page compiles a learner's
// node: threaded, with the precompiled header, <cdd/maelstrom.h> and
// <nlohmann/json.hpp> from the project headers. A template that needs a
// header the page lacks, or that the page's clang 22 rejects or warns about,
// fails here before a learner sees it.
// Needs the assets: bash tools/build.sh assets (skipped, with the reason, without them).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_PATH, ROOT, startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { MANIFEST, NODE_PCH, extraAssetNames, isNodeProgram } from '../../web/src/compiler/toolchain.js';

const NODES = join(ROOT, 'lessons', '05-distributed-systems', 'nodes');
const TEMPLATES = ['echo', 'broadcast', 'lin_kv', 'primary_backup', 'raft'];
const missingAssets = existsSync(join(ASSET_PATH, MANIFEST)) ? false
  : `no compiler assets in ${ASSET_PATH} (bash tools/build.sh assets builds them)`;

test('the five templates are the ones the lesson names', () => {
  assert.deepEqual(readdirSync(NODES).filter((f) => f.endsWith('.cpp')).sort(), TEMPLATES.map((t) => `${t}.cpp`).sort());
});

test('a node program is told apart by its includes, and only a threaded compile fetches the node PCH', () => {
  assert.equal(isNodeProgram({ 'main.cpp': '#include <cdd/maelstrom.h>\nint main() {}\n' }), true);
  assert.equal(isNodeProgram({ 'a.cpp': 'int x;', 'n.h': '  # include "nlohmann/json.hpp"\n' }), true);
  assert.equal(isNodeProgram({ 'main.cpp': '#include <thread>\n// #include <cdd/maelstrom.h>\nint main() {}\n' }), false);
  assert.deepEqual(extraAssetNames({ 'main.cpp': '#include <nlohmann/json.hpp>\n' }), [NODE_PCH.asset]);
  assert.deepEqual(extraAssetNames({ 'main.cpp': '#include <nlohmann/json.hpp>\n' }, false), []);
  assert.deepEqual(extraAssetNames({ 'main.cpp': '#include <thread>\n' }), []);
});

describe('node templates compile in the page', { concurrency: false, skip: missingAssets }, () => {
  let compiler;
  before(async () => {
    ({ compiler } = await startNodeCompiler());
  });
  // The node PCH holds the common headers too, so a node program sees
  // <thread> without including it; a plain compile (no node PCH) would fail.
  test('a node program is compiled with the node PCH', async () => {
    const source = '#include <nlohmann/json.hpp>\nint main() { std::thread t([] {}); t.join(); return nlohmann::json(0).get<int>(); }\n';
    const result = await compiler.compile({ 'main.cpp': source }, { threads: true });
    assert.equal(result.ok, true, result.log);
  });
  for (const name of TEMPLATES) {
    test(`${name}.cpp`, async () => {
      const file = `${name}.cpp`;
      const result = await compiler.compile({ [file]: readFileSync(join(NODES, file), 'utf8') }, { threads: true });
      assert.equal(result.ok, true, result.log);
      assert.deepEqual(result.diagnostics, [], result.log);  // no errors, and no warnings either
      assert.ok(result.wasm.length > 10000, 'a real program came out');
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(result.wasm)).map((e) => e.name);
      assert.ok(exports.includes('main'), 'the runtime finds main');
    });
  }
});
