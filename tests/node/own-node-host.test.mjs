// A learner's node shell without threads (engines/own/own-node-host.js): a
// fake process stands for the program worker; time is passed in (ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOwnNodeHost } from '../../web/src/widgets/cluster/engines/own/own-node-host.js';

const init = { cmd: 'init', start: 0, message: { src: 'c0', dest: 'n1', body: { type: 'init', msg_id: 0, node_id: 'n1', node_ids: ['n1', 'n2'] } } };
const line = (message) => ({ stream: 'out', text: JSON.stringify(message) });
const toN2 = (n) => ({ src: 'n1', dest: 'n2', body: { type: 'ping', n } });

function setUp(options) {
  const processes = [];
  const posted = [];
  const host = createOwnNodeHost('n1', {
    options,
    post: (batch) => posted.push(batch),
    startProcess: (io) => {
      const p = { io, written: [], beats: 0, acked: 0, stopped: false };
      Object.assign(p, { write: (t) => p.written.push(t), beat: () => ++p.beats, acknowledged: () => p.acked, stop: () => { p.stopped = true; } });
      processes.push(p);
      return p;
    },
  });
  host.start();
  return { host, processes, posted, last: () => processes.at(-1) };
}

test('init and messages go to stdin as lines; stdout lines come back as messages, stderr and bad lines as logs', () => {
  const { host, last, posted } = setUp();
  host.receive([init, { src: 'n2', dest: 'n1', body: { type: 'ping' } }], 0);
  assert.deepEqual(last().written.map((t) => JSON.parse(t).body.type), ['init', 'ping']);
  assert.ok(last().written.every((t) => t.endsWith('\n') && t.split('\n').length === 2));
  last().io.onLines([line({ src: 'n1', dest: 'c0', body: { type: 'init_ok', in_reply_to: 0 } }), { stream: 'err', text: 'hello log' },
    { stream: 'out', text: 'debug: x=3' }, line(toN2(1))], 10);
  assert.equal(posted.length, 1);
  const [batch] = posted;
  assert.deepEqual(batch.out.map((m) => m.body.type), ['init_ok', 'ping']);
  assert.deepEqual(batch.log[0], { stream: 'err', text: 'hello log' });
  assert.equal(batch.log[1].stream, 'out');
  assert.equal(batch.log[1].text, 'debug: x=3');
  assert.match(batch.log[1].rejected, /^not JSON/);
});

test('pause holds input and output until resume; crash ends the process and restart starts a fresh one with init', () => {
  const { host, processes, last, posted } = setUp();
  host.receive([init, { cmd: 'pause' }, toN2(1)], 0);
  assert.equal(last().written.length, 1, 'only init reached the program');
  last().io.onLines([line(toN2(2))], 5);
  assert.equal(posted.length, 0, 'output waits too');
  host.receive([{ cmd: 'resume' }], 6);
  assert.equal(last().written.length, 2);
  assert.deepEqual(posted[0].out, [toN2(2)]);
  host.receive([{ cmd: 'crash', keep: false }], 10);
  assert.equal(processes[0].stopped, true);
  host.receive([{ cmd: 'restart' }], 20);
  assert.equal(processes.length, 2);
  assert.deepEqual(processes[1].written.map((t) => JSON.parse(t).body.type), ['init']);
});

test('a program that stops reading is reported hung and shown down (trap); its process is ended', () => {
  const { host, last, posted } = setUp({ hangMs: 2000 });
  host.receive([init], 0);
  last().io.onLines([line({ src: 'n1', dest: 'c0', body: { type: 'init_ok', in_reply_to: 0 } })], 1);
  let t = 0;
  for (; t <= 1000; t += 250) {
    host.tick(t);
    last().acked = last().beats; // reading: every beat acknowledged
  }
  const p = last();
  for (; t <= 4000 && !posted.some((b) => b.trap); t += 250) host.tick(t); // stuck: no more acknowledgements
  const trap = posted.find((b) => b.trap);
  assert.ok(trap, 'reported');
  assert.equal(trap.problem[0].kind, 'hung');
  assert.match(trap.trap, /^hung: n1 has not read its input/);
  assert.equal(p.stopped, true);
  assert.ok(t - 1000 >= 2000 && t - 1000 <= 2750, `judged hung ${t - 1000} ms after the last acknowledgement`);
});

test('a program that ends by itself is reported crashed with what happened', () => {
  const { host, last, posted } = setUp();
  host.receive([init], 0);
  last().io.onEnd('the program aborted: RuntimeError: unreachable');
  assert.deepEqual(posted.at(-1).problem, [{ kind: 'crashed', text: 'the program aborted: RuntimeError: unreachable' }]);
  assert.equal(posted.at(-1).trap, 'crashed: the program aborted: RuntimeError: unreachable');
  host.receive([toN2(1)], 5);
  assert.equal(last().written.length, 1, 'nothing more reaches a crashed node');
});

test('a flooding program is throttled: excess lines dropped, reported once', () => {
  const { host, last, posted } = setUp({ maxLinesPerSecond: 5 });
  host.receive([init], 0);
  last().io.onLines(Array.from({ length: 8 }, (_, i) => line(toN2(i))), 10);
  last().io.onLines([line(toN2(9))], 20);
  assert.equal(posted[0].out.length, 5);
  assert.equal(posted[0].problem[0].kind, 'throttled');
  assert.equal(posted.length, 1, 'the second batch passed nothing and reported nothing new');
});
