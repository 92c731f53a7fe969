// C++20 waits in the browser build sleep on a futex and are woken by their
// notify (cpp/browser/atomic_wait.cpp), instead of libc++ 13's polling, which
// woke up to tens of milliseconds late. The probe program releases each
// waiter only once the waiter is asleep on the futex; with the polling wait
// linked instead it would report "never slept" and fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const probeDir = join(root, 'build', 'wasm', 'test-programs');

test('atomic wait, latch and semaphore sleep on the futex until notified', (t) => {
  if (!existsSync(join(probeDir, 'atomic_wait_probe.js'))) assert.fail('build/wasm/test-programs/atomic_wait_probe.js is missing: run npm run build:wasm');
  const run = spawnSync(process.execPath, [join(root, 'tools', 'run-wasm.mjs'), 'atomic_wait_probe'], {
    env: { ...process.env, CDD_WASM_DIR: probeDir }, encoding: 'utf8', timeout: 120000,
  });
  t.diagnostic(run.stdout + run.stderr);
  assert.deepEqual(run.stdout.trim().split('\n'), [
    'atomic<int>::wait: slept on the futex, woken by notify',
    'latch::wait: slept on the futex, woken by notify',
    'binary_semaphore::acquire: slept on the futex, woken by notify',
  ]);
  assert.equal(run.status, 0);
});
