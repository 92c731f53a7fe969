// The wasm KvNode refuses an init that does not list the node (error 12,
// malformed-request) for every protocol, keeps ticking harmlessly, and accepts
// a valid init afterwards. Before, such an init left the node's own index at -1
// and Raft's first election tick wrote outside its vote vector.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');
let kv;

before(async () => {
  const js = join(wasmDir, 'kv.js');
  assert.ok(existsSync(js), `build the kv module first (no ${js})`);
  delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
  const createKv = createRequire(import.meta.url)(js);
  kv = await createKv({ wasmBinary: readFileSync(join(wasmDir, 'kv.wasm')) });
});

const init = (nodeId, nodeIds) =>
  JSON.stringify({ src: 'c0', dest: nodeId, body: { type: 'init', msg_id: 5, node_id: nodeId, node_ids: nodeIds } });

test('every protocol refuses an init whose node_id is not in node_ids, then accepts a valid one', () => {
  const protocols = JSON.parse(kv.protocols());
  assert.ok(protocols.includes('raft') && protocols.length >= 4, `protocols: ${protocols}`);
  for (const protocol of protocols) {
    const node = new kv.KvNode(protocol, '{}', 1);
    let r = JSON.parse(node.handle(init('n9', ['n1', 'n2', 'n3']), 0));
    assert.equal(r.messages.length, 1, protocol);
    assert.equal(r.messages[0].body.type, 'error', protocol);
    assert.equal(r.messages[0].body.code, 12, protocol);
    assert.equal(r.messages[0].body.in_reply_to, 5, protocol);
    assert.equal(node.id(), '', protocol);
    // Two seconds of ticks: past every election and failover timeout.
    for (let t = 0; t <= 2e9; t += 1e7) {
      assert.deepEqual(JSON.parse(node.tick(t)).messages, [], `${protocol} tick ${t}`);
    }
    r = JSON.parse(node.handle(init('n2', ['n1', 'n2', 'n3']), 2e9));
    assert.equal(r.messages[0].body.type, 'init_ok', protocol);
    assert.equal(node.id(), 'n2', protocol);
    node.delete();
  }
});
