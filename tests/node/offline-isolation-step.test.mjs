// After the service worker takes control, the page reloads at most once to
// become cross-origin isolated (web/src/offline/isolation-step.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isolationStep } from '../../web/src/offline/isolation-step.js';

const step = (state) => isolationStep({ isolated: false, serviceWorkers: true, controlled: true, reloadedOnce: false, ...state });

test('isolated (headers from the host or the worker): nothing to do', () => {
  assert.equal(step({ isolated: true }), 'isolated');
  assert.equal(step({ isolated: true, controlled: false, reloadedOnce: true }), 'isolated');
});

test('controlled but loaded before the worker added headers: reload once', () => {
  assert.equal(step({}), 'reload');
});

test('not yet controlled: wait for the worker to claim the page', () => {
  assert.equal(step({ controlled: false }), 'wait');
});

test('no reload loop: after one reload, or without service workers (a non-secure context), stay single-threaded', () => {
  assert.equal(step({ reloadedOnce: true }), 'gave-up');
  assert.equal(step({ reloadedOnce: true, controlled: false }), 'gave-up');
  assert.equal(step({ serviceWorkers: false, controlled: false }), 'impossible');
});
