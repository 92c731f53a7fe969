// Lesson 5's node templates (lessons/05-distributed-systems/nodes/*.cpp)
// compile with the in-page compiler exactly as the page compiles a learner's
// node: threaded, with the precompiled header, <cdd/maelstrom.h> and
// <nlohmann/json.hpp> from the project headers. A template that needs a
// header the page lacks, or that the page's clang 22 rejects or warns about,
// fails here before a learner sees it.
// Needs the assets: bash tools/build.sh assets (skipped, with the reason, without them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_PATH, ROOT, startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { MANIFEST, NODE_PCH, extraAssetNames, isNodeProgram } from '../../web/src/compiler/toolchain.js';
import { tarToTree } from '../../web/src/compiler/tar.js';

const NODES = join(ROOT, 'lessons', '05-distributed-systems', 'nodes');
const TEMPLATES = ['echo', 'broadcast', 'lin_kv', 'primary_backup', 'raft'];
const RUN_COMPILED = join(ROOT, 'tools', 'compiler', 'run-compiled.mjs');
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

// Runs a compiled program under node with `input` as its whole stdin; resolves
// to its exit code and stdout lines (a generous timeout: only a hang trips it).
function runWithInput(wasmPath, input, timeoutMs = 120000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_COMPILED, wasmPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the node did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, lines: stdout.split('\n').filter((l) => l.length > 0) });
    });
    child.stdin.end(input);
  });
}

describe('node templates compile in the page', { concurrency: false, skip: missingAssets }, () => {
  let compiler;
  let assets;
  const scratch = mkdtempSync(join(tmpdir(), 'cdd-own-node-'));
  before(async () => {
    ({ compiler, assets } = await startNodeCompiler());
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));
  // The node PCH holds the common headers too, so a node program sees
  // <thread> without including it; a plain compile (no node PCH) would fail.
  test('a node program is compiled with the node PCH', async () => {
    const source = '#include <nlohmann/json.hpp>\nint main() { std::thread t([] {}); t.join(); return nlohmann::json(0).get<int>(); }\n';
    const result = await compiler.compile({ 'main.cpp': source }, { threads: true });
    assert.equal(result.ok, true, result.log);
  });
  test('the node PCH asset carries the PCH and the object of its code (-fpch-codegen)', () => {
    const files = tarToTree(assets[NODE_PCH.asset].bytes);
    assert.deepEqual(Object.keys(files).sort(), [NODE_PCH.file, NODE_PCH.object].sort());
    const object = files[NODE_PCH.object];
    assert.deepEqual([...object.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'a wasm object file');
    assert.ok(object.length > 100000, 'with the headers\' code in it');
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
  // The node PCH's code is not in the program's own object but in the
  // asset's (NODE_PCH.object); a link without it would leave those functions
  // as imports that abort when called. So a compiled node must really talk.
  test('echo.cpp, compiled in the page, answers init and echo over stdin/stdout', async () => {
    const result = await compiler.compile({ 'echo.cpp': readFileSync(join(NODES, 'echo.cpp'), 'utf8') }, { threads: true });
    assert.equal(result.ok, true, result.log);
    const wasmPath = join(scratch, 'echo.wasm');
    writeFileSync(wasmPath, result.wasm);
    const input = [
      { src: 'c0', dest: 'n1', body: { type: 'init', msg_id: 1, node_id: 'n1', node_ids: ['n1'] } },
      { src: 'c1', dest: 'n1', body: { type: 'echo', msg_id: 2, echo: 'hello, node' } },
    ].map((m) => `${JSON.stringify(m)}\n`).join('');
    const run = await runWithInput(wasmPath, input);
    assert.equal(run.code, 0, run.stderr);
    const replies = run.lines.map((l) => JSON.parse(l));
    assert.deepEqual(replies.map((r) => [r.dest, r.body.type, r.body.in_reply_to]), [['c0', 'init_ok', 1], ['c1', 'echo_ok', 2]]);
    assert.equal(replies[1].body.echo, 'hello, node');
  });
});
