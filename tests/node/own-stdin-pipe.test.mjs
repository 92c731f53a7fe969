// The stdin pipe (web/src/runner/stdin-pipe.js) between two real threads:
// the writer here, the reader in a worker_thread that blocks as a program
// worker would. Every wait is for a condition (a message from the reader), so
// the verdicts do not depend on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import '../../web/src/runner/stdin-pipe.js';

const { createPipeBuffer, pipeWriter, pipeReader } = globalThis.cddStdinPipe;
const PIPE_URL = new URL('../../web/src/runner/stdin-pipe.js', import.meta.url).href;

// A reader thread: runs `script` (a function body with reader, post, buffer) and posts what it reports.
function startReader(buffer, script) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.pipeUrl).then(() => {
      const post = (value) => parentPort.postMessage(value);
      const flushes = [];
      const reader = globalThis.cddStdinPipe.pipeReader(workerData.buffer, { beforeBlock: () => post({ flush: true }) });
      const buffer = workerData.buffer;
      ${script}
    });`;
  const worker = new Worker(source, { eval: true, workerData: { buffer, pipeUrl: PIPE_URL } });
  const messages = [];
  const waiters = [];
  worker.on('message', (m) => {
    messages.push(m);
    for (const w of waiters.splice(0)) w();
  });
  return {
    worker,
    messages,
    /** Resolves once a message satisfies `predicate`. */
    async until(predicate) {
      while (!messages.some(predicate)) await new Promise((resolve) => waiters.push(resolve));
      return messages.find(predicate);
    },
  };
}

// Reads like Emscripten's device loop: one read of up to `length` bytes.
const READ_LOOP = `
  function read(length) {
    const bytes = [];
    for (let i = 0; i < length; i++) {
      const b = reader.readByte(bytes.length === 0);
      if (b === null || b === undefined) return b === null && bytes.length === 0 ? null : bytes;
      bytes.push(b);
    }
    return bytes;
  }`;

test('bytes arrive in order across the ring boundary, then end of file once closed', async () => {
  const buffer = createPipeBuffer(64); // small, so the writes wrap around
  const reader = startReader(buffer, `${READ_LOOP}
    const got = [];
    for (;;) {
      const bytes = read(7);
      if (bytes === null) break;
      got.push(...bytes);
    }
    post({ done: got });`);
  const writer = pipeWriter(buffer);
  const expected = Array.from({ length: 1000 }, (_, i) => i % 251);
  let sent = 0;
  while (sent < expected.length) {
    const n = writer.write(Uint8Array.from(expected.slice(sent, sent + 40)));
    sent += n;
    if (n === 0) await new Promise((resolve) => setTimeout(resolve, 1)); // full: the reader drains it
  }
  writer.close();
  const { done } = await reader.until((m) => m.done);
  assert.deepEqual(done, expected);
  await reader.worker.terminate();
});

test('a read blocks until a write wakes it, and flushes output before blocking', async () => {
  const buffer = createPipeBuffer(1024);
  const reader = startReader(buffer, `${READ_LOOP}
    post({ reading: true });
    post({ line: String.fromCharCode(...read(100)) });`);
  await reader.until((m) => m.flush); // it found nothing and is about to wait
  assert.equal(reader.messages.some((m) => m.line), false, 'nothing was read before the write');
  pipeWriter(buffer).write('{"a":1}\n');
  const { line } = await reader.until((m) => m.line);
  assert.equal(line, '{"a":1}\n');
  await reader.worker.terminate();
});

test('poll returns false after its timeout without input, true at once with input, and true when closed', async () => {
  const buffer = createPipeBuffer(1024);
  const reader = startReader(buffer, `
    const started = performance.now();
    const empty = reader.poll(50);
    post({ empty, waited: performance.now() - started });
    post({ zero: reader.poll(0) });
    post({ ready: true });
    post({ withInput: reader.poll(-1) });
    reader.readByte(true);
    post({ drained: reader.poll(0) });
    post({ closed: reader.poll(-1) });`);
  const { empty, waited } = await reader.until((m) => 'empty' in m);
  assert.equal(empty, false);
  assert.ok(waited >= 49, `poll(50) waited ${waited} ms`);
  assert.equal((await reader.until((m) => 'zero' in m)).zero, false);
  const writer = pipeWriter(buffer);
  await reader.until((m) => m.ready);
  writer.write('x');
  assert.equal((await reader.until((m) => 'withInput' in m)).withInput, true);
  assert.equal((await reader.until((m) => 'drained' in m)).drained, false);
  writer.close();
  assert.equal((await reader.until((m) => 'closed' in m)).closed, true);
  await reader.worker.terminate();
});

test('a blocked reader acknowledges every heartbeat; a reader that stops reading does not', async () => {
  const buffer = createPipeBuffer(1024);
  const reader = startReader(buffer, `
    reader.readByte(true);           // blocks: acknowledges heartbeats while waiting
    post({ busy: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // "stuck in a handler": never reads again`);
  const writer = pipeWriter(buffer);
  await reader.until((m) => m.flush);
  for (let i = 0; i < 3; i++) {
    const beat = writer.beat();
    while (writer.acknowledged() < beat) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(writer.acknowledged(), beat);
  }
  writer.write('x');
  await reader.until((m) => m.busy);
  const beat = writer.beat();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(writer.acknowledged() < beat, 'a reader that does not read acknowledges nothing');
  await reader.worker.terminate();
});

test('a reader in the same thread: the rest of a read returns undefined, not a wait', () => {
  const buffer = createPipeBuffer(16);
  const writer = pipeWriter(buffer);
  const reader = pipeReader(buffer);
  assert.equal(writer.write('abc'), 3);
  assert.equal(writer.space(), 13);
  assert.deepEqual([reader.readByte(true), reader.readByte(false), reader.readByte(false)], [97, 98, 99]);
  assert.equal(reader.readByte(false), undefined);
  assert.equal(writer.write('x'.repeat(20)), 16, 'a writer takes what fits and never blocks');
});
