// C++20 waits in the browser build sleep on a futex and are woken by their
// notify (cpp/browser/atomic_wait.cpp), instead of libc++ 13's polling, which
// woke up to tens of milliseconds late. The probe program releases each
// waiter only once the waiter is asleep on the futex; with the polling wait
// linked instead it would report "never slept" and fail. Built programs link
// it (cmake/CddProgram.cmake), and so do programs the page compiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { runCompiled } from './run-program.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const probeDir = join(root, 'build', 'wasm', 'test-programs');

const EXPECTED = [
  'atomic<int>::wait: slept on the futex, woken by notify',
  'latch::wait: slept on the futex, woken by notify',
  'binary_semaphore::acquire: slept on the futex, woken by notify',
];

test('built: atomic wait, latch and semaphore sleep on the futex until notified', (t) => {
  if (!existsSync(join(probeDir, 'atomic_wait_probe.js'))) assert.fail('build/wasm/test-programs/atomic_wait_probe.js is missing: run npm run build:wasm');
  const run = spawnSync(process.execPath, [join(root, 'tools', 'run-wasm.mjs'), 'atomic_wait_probe'], {
    env: { ...process.env, CDD_WASM_DIR: probeDir }, encoding: 'utf8', timeout: 120000,
  });
  t.diagnostic(run.stdout + run.stderr);
  assert.deepEqual(run.stdout.trim().split('\n'), EXPECTED);
  assert.equal(run.status, 0);
});

test('compiled in the page: the same program links the same waits', { timeout: 300000 }, async () => {
  const browserDir = join(root, 'cpp', 'browser');
  const { compiler } = await startNodeCompiler();
  const result = await compiler.compile({
    'main.cpp': readFileSync(join(browserDir, 'atomic_wait_probe.cpp'), 'utf8'),
    'atomic_wait_stats.h': readFileSync(join(browserDir, 'atomic_wait_stats.h'), 'utf8'),
  });
  assert.equal(result.ok, true, result.log);
  const scratch = mkdtempSync(join(tmpdir(), 'cdd-atomic-wait-'));
  try {
    writeFileSync(join(scratch, 'probe.wasm'), result.wasm);
    const run = await runCompiled(join(scratch, 'probe.wasm'));
    assert.deepEqual(run.lines, EXPECTED, run.stderr);
    assert.equal(run.code, 0);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
