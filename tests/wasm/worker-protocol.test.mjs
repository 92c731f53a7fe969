// The worker protocol every worker of the page speaks (web/src/workers/):
// serve() on the worker's side, connect() on the page's, over a MessageChannel
// and over a real worker thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, Worker } from 'node:worker_threads';
import { once } from 'node:events';
import '../../web/src/workers/serve.js';
import { connect, isWorkerFailure } from '../../web/src/workers/connect.js';

const { serve } = globalThis.cddWorkerProtocol;

/** A served port and a connection to it, closed when the test ends; `posted` records what the served side sent. */
function pair(t, handlers) {
  const { port1, port2 } = new MessageChannel();
  const posted = [];
  const served = {
    postMessage(message, transfer) {
      posted.push(message);
      port2.postMessage(message, transfer);
    },
    set onmessage(handler) {
      port2.onmessage = handler;
    },
  };
  serve(handlers, served);
  const worker = connect(port1);
  t.after(() => {
    worker.terminate();
    port2.close();
  });
  return { worker, posted };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

test('a call resolves with what the handler returns, sync or async', async (t) => {
  const { worker } = pair(t, {
    add: ({ a, b }) => a + b,
    later: async ({ text }) => `${text}!`,
  });
  assert.equal(await worker.call('add', { a: 2, b: 40 }), 42);
  assert.equal(await worker.call('later', { text: 'done' }), 'done!');
});

test('events stream in order, all before the result', async (t) => {
  const { worker } = pair(t, {
    count: async ({ to }, call) => {
      for (let i = 1; i <= to; i++) {
        call.emit({ i });
        await new Promise((r) => setImmediate(r));
      }
      return 'counted';
    },
  });
  const seen = [];
  const result = await worker.call('count', { to: 5 }, { onEvent: (event) => seen.push(event.i) });
  assert.equal(result, 'counted');
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
});

test('errors are carried as values: name, message and own fields; the worker keeps serving', async (t) => {
  const { worker } = pair(t, {
    fail: () => {
      throw Object.assign(new RangeError('key out of range'), { code: 20, detail: 'k=7', ignored: { nested: true } });
    },
    reject: async () => {
      throw 'a plain string'; // eslint-disable-line no-throw-literal
    },
    ok: () => 'still here',
  });
  const error = await worker.call('fail', {}).then(() => null, (e) => e);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'RangeError');
  assert.equal(error.message, 'key out of range');
  assert.equal(error.code, 20);
  assert.equal(error.detail, 'k=7');
  assert.equal(error.ignored, undefined, 'only primitive fields cross');
  assert.equal(isWorkerFailure(error), false);
  await assert.rejects(worker.call('reject', {}), { message: 'a plain string' });
  await assert.rejects(worker.call('nope', {}), { message: 'the worker has no method "nope"' });
  assert.equal(await worker.call('ok', {}), 'still here');
});

test('concurrent calls get their own results and events, in whatever order they end', async (t) => {
  const gates = { first: deferred(), second: deferred() };
  const { worker } = pair(t, {
    wait: async ({ name }, call) => {
      call.emit(`${name} started`);
      await gates[name].promise;
      return name;
    },
  });
  const events = { first: [], second: [] };
  const first = worker.call('wait', { name: 'first' }, { onEvent: (e) => events.first.push(e) });
  const second = worker.call('wait', { name: 'second' }, { onEvent: (e) => events.second.push(e) });
  const order = [];
  first.then((r) => order.push(r));
  second.then((r) => order.push(r));
  gates.second.resolve();
  assert.equal(await second, 'second');
  gates.first.resolve();
  assert.equal(await first, 'first');
  assert.deepEqual(order, ['second', 'first']);
  assert.deepEqual(events, { first: ['first started'], second: ['second started'] });
});

test('an event emitted after its call ended is not sent', async (t) => {
  let keptEmit;
  const { worker, posted } = pair(t, {
    quick: (args, call) => {
      keptEmit = call.emit;
      return 'ended';
    },
    ping: () => 'pong',
  });
  await worker.call('quick', {});
  keptEmit('too late');
  assert.equal(await worker.call('ping', {}), 'pong'); // ports keep order: a stray event would be posted by now
  assert.deepEqual(posted.filter((m) => 'event' in m), []);
});

test('transferables move with the arguments and with the result', async (t) => {
  const { worker } = pair(t, {
    double: ({ bytes }, call) => {
      const out = new Uint8Array(bytes.length);
      bytes.forEach((b, i) => (out[i] = b * 2));
      call.transferOnReturn([out.buffer]);
      return out;
    },
  });
  const input = new Uint8Array([1, 2, 3]);
  const result = await worker.call('double', { bytes: input }, { transfer: [input.buffer] });
  assert.equal(input.byteLength, 0, 'the argument buffer was moved, not copied');
  assert.deepEqual([...result], [2, 4, 6]);
});

test('a result that cannot be cloned ends the call with an error', async (t) => {
  const { worker } = pair(t, { bad: () => ({ f: () => 1 }) });
  await assert.rejects(worker.call('bad', {}), /the worker could not send its result/);
});

test('terminate rejects calls in flight and later calls with its reason', async (t) => {
  const never = deferred();
  const { worker } = pair(t, { hang: () => never.promise });
  const inFlight = worker.call('hang', {});
  assert.equal(worker.isOpen, true);
  const reason = Object.assign(new Error('stopped by the learner'), { cancelled: true });
  worker.terminate(reason);
  assert.equal(worker.isOpen, false);
  assert.equal(await inFlight.catch((e) => e), reason);
  assert.equal(await worker.call('hang', {}).catch((e) => e), reason);
});

// A real worker thread, seen through the Web Worker API the page uses (ended when the test ends).
function startThread(t, source) {
  const thread = new Worker(
    `import(${JSON.stringify(new URL('../../web/src/workers/serve.js', import.meta.url).href)}).then(() => {
       const { parentPort } = require('node:worker_threads');
       ${source}
     });`,
    { eval: true },
  );
  const webWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer) => thread.postMessage(message, transfer),
    terminate: () => thread.terminate(),
  };
  thread.on('message', (data) => webWorker.onmessage?.({ data }));
  thread.on('error', (error) => webWorker.onerror?.({ message: error.message, preventDefault() {} }));
  t.after(() => thread.terminate());
  return { thread, webWorker };
}

test('cancel = terminate: a handler blocked in its thread is ended, and its call rejects', async (t) => {
  const { thread, webWorker } = startThread(t, `
    globalThis.cddWorkerProtocol.serve({
      block: (args, call) => {
        call.emit('blocking');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never woken: no message can get through
      },
    }, parentPort);`);
  const worker = connect(webWorker);
  const blocking = deferred();
  const call = worker.call('block', {}, { onEvent: blocking.resolve });
  assert.equal(await blocking.promise, 'blocking');
  const exited = once(thread, 'exit');
  worker.terminate();
  const error = await call.catch((e) => e);
  assert.equal(error.name, 'WorkerTerminated');
  await exited; // the thread itself is gone, not just forgotten
});

test('a worker that fails outside any handler fails every call, and later ones', async (t) => {
  const { webWorker } = startThread(t, `
    globalThis.cddWorkerProtocol.serve({
      explode: () => {
        setTimeout(() => { throw new Error('boom outside the handler'); });
        return new Promise(() => {}); // never settles by itself
      },
    }, parentPort);`);
  const worker = connect(webWorker);
  const error = await worker.call('explode', {}).catch((e) => e);
  assert.ok(isWorkerFailure(error), `${error.name}: ${error.message}`);
  assert.match(error.message, /boom outside the handler/);
  assert.equal(worker.isOpen, false);
  assert.equal(await worker.call('explode', {}).catch((e) => e), error);
});
