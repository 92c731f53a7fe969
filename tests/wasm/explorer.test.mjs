// The interleaving explorer's WebAssembly module (cpp/bindings/explorer_bindings.cpp),
// driven from JavaScript the way the page's widget drives it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasmDir = process.env.CDD_WASM_DIR || join(root, 'build', 'public', 'wasm');
let Module;

before(async () => {
  const js = join(wasmDir, 'explorer.js');
  assert.ok(existsSync(js), `build the explorer first (no ${js})`);
  delete globalThis.fetch; // Emscripten 3.1.6 glue would fetch() a file path under node
  const createExplorer = createRequire(import.meta.url)(js);
  Module = await createExplorer({ wasmBinary: readFileSync(join(wasmDir, 'explorer.wasm')) });
});

// The module takes and returns JSON strings (cpp/bindings/README.md); the tests read objects.
function session(spec) {
  const s = new Module.ExplorerSession(JSON.stringify(spec));
  return {
    ok: () => s.ok(), error: () => s.error(), step: (t) => s.step(t), undo: () => s.undo(), reset: () => s.reset(),
    delete: () => s.delete(),
    state: () => JSON.parse(s.state()),
    exploreAll: (maxStates) => JSON.parse(s.exploreAll(maxStates)),
  };
}

const counter = (lines) => ({ shared: { x: 0 }, threads: [{ name: 'A', lines }, { name: 'B', lines }] });

test('two-step counter: 6 schedules, 2 end at x=2, 4 at x=1', () => {
  const s = session(counter(['r = x', 'x = r + 1']));
  assert.equal(s.ok(), true, s.error());
  const e = s.exploreAll(20000);
  assert.equal(e.schedules, 6);
  const byLabel = Object.fromEntries(e.outcomes.map((o) => [o.label, o]));
  assert.equal(byLabel['x=2'].count, 2);
  assert.equal(byLabel['x=1'].count, 4);
  assert.equal(e.deadlockReachable, false);
  assert.equal(e.truncated, false);
  // The example schedule for x=1 replays to x=1 in Step mode.
  for (const t of byLabel['x=1'].schedule) assert.equal(s.step(t), '');
  assert.equal(s.state().outcome.label, 'x=1');
  s.delete();
});

test('three-step counter has 20 schedules; with a mutex every one ends at 2', () => {
  const s = session(counter(['r = x', 'r = r + 1', 'x = r']));
  assert.equal(s.exploreAll(20000).schedules, 20);
  s.delete();
  const m = session(counter(['lock(m)', 'r = x', 'x = r + 1', 'unlock(m)']));
  const e = m.exploreAll(20000);
  assert.deepEqual(e.outcomes.map((o) => o.label), ['x=2']);
  m.delete();
});

test('opposite lock order deadlocks, consistent order does not', () => {
  const opposite = session({
    threads: [
      { name: 'A', lines: ['lock(m1)', 'lock(m2)', 'unlock(m2)', 'unlock(m1)'] },
      { name: 'B', lines: ['lock(m2)', 'lock(m1)', 'unlock(m1)', 'unlock(m2)'] },
    ],
  });
  const e = opposite.exploreAll(20000);
  assert.equal(e.deadlockReachable, true);
  const dl = e.outcomes.find((o) => o.kind === 'deadlock');
  for (const t of dl.schedule) assert.equal(opposite.step(t), '');
  const st = opposite.state();
  assert.equal(st.outcome.kind, 'deadlock');
  assert.deepEqual(st.threads.map((t) => t.canRun), [false, false]);
  assert.equal(st.mutexes.m1, 'A');
  opposite.delete();
  const same = session({
    threads: [
      { name: 'A', lines: ['lock(m1)', 'lock(m2)', 'unlock(m2)', 'unlock(m1)'] },
      { name: 'B', lines: ['lock(m1)', 'lock(m2)', 'unlock(m2)', 'unlock(m1)'] },
    ],
  });
  assert.equal(same.exploreAll(20000).deadlockReachable, false);
  same.delete();
});

test('step mode reports locals, shared state, blocking, undo', () => {
  const s = session(counter(['lock(m)', 'r = x', 'x = r + 1', 'unlock(m)']));
  assert.equal(s.step(0), '');
  assert.match(s.step(1), /blocked: m is held by A/);
  assert.equal(s.step(0), '');
  assert.equal(s.step(0), '');
  const st = s.state();
  assert.equal(st.shared.x, 1);
  assert.equal(st.threads[0].locals.r, 0);
  assert.equal(st.threads[0].pc, 3);
  assert.deepEqual(st.schedule, [0, 0, 0]);
  assert.equal(s.undo(), true);
  assert.equal(s.state().shared.x, 0);
  s.reset();
  assert.deepEqual(s.state().schedule, []);
  s.delete();
});

test('bad programs get a clear error, never a crash', () => {
  const cases = [
    [counter(['x = x + 1']), /line 1/],
    [counter(['x++']), /two lines/],
    [{ threads: 'nope' }, /threads/],
    [{ shared: { x: 'a' }, threads: [] }, /number/],
    [{ threads: [{ name: 'A', lines: [42] }] }, /string/],
    [{ threads: Array.from({ length: 9 }, () => ({ lines: [] })) }, /at most/],
  ];
  for (const [spec, message] of cases) {
    const s = session(spec);
    assert.equal(s.ok(), false);
    assert.match(s.error(), message);
    s.delete();
  }
});

test('the state cap keeps exploration bounded', () => {
  // Four threads of six steps have far more states than the cap. The work
  // is counted in states, not measured in time: a capped exploration expands
  // exactly as many states as the cap allows, and stops.
  const lines = ['r = x', 'r = r + 1', 'x = r', 'r = x', 'r = r + 1', 'x = r'];
  const s = session({ shared: { x: 0 }, threads: ['A', 'B', 'C', 'D'].map((name) => ({ name, lines })) });
  for (const cap of [100, 5000, Module.defaultMaxStates]) {
    const e = s.exploreAll(cap);
    assert.equal(e.truncated, true, `cap ${cap}`);
    assert.equal(e.states, cap, `cap ${cap}`);
  }
  s.delete();
  // Below the cap nothing is cut short, and the count is the real one.
  const small = session(counter(['r = x', 'x = r + 1']));
  const e = small.exploreAll(Module.defaultMaxStates);
  assert.equal(e.truncated, false);
  assert.ok(e.states < 100, `${e.states} states`);
  small.delete();
});

test('waiting for a flag removes the lost wake-up', () => {
  const program = (waitLine) => ({
    shared: { ready: 0 },
    threads: [
      { name: 'A', lines: ['lock(m)', waitLine, 'r = ready', 'unlock(m)'] },
      { name: 'B', lines: ['lock(m)', 'ready = 1', 'notify_one(cv)', 'unlock(m)'] },
    ],
  });
  const plain = session(program('wait(cv, m)'));
  assert.equal(plain.exploreAll(20000).deadlockReachable, true);
  plain.delete();
  const guarded = session(program('wait(cv, m, ready)'));
  const e = guarded.exploreAll(20000);
  assert.equal(e.deadlockReachable, false);
  assert.deepEqual(e.outcomes.map((o) => o.label), ['ready=1']);
  guarded.delete();
});
