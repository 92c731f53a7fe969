// A node program's stdout lines into messages (engines/own/line-codec.js) and
// the watchdog that names hung, silent and flooding nodes (engines/own/
// watchdog.js), driven with a virtual clock (ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLine, encodeMessage } from '../../web/src/widgets/cluster/engines/own/line-codec.js';
import { createRateWindow, createWatchdog } from '../../web/src/widgets/cluster/engines/own/watchdog.js';

test('a JSON message line decodes to {src, dest, body}; encodeMessage is one line', () => {
  const message = { src: 'n1', dest: 'c3', body: { type: 'echo_ok', echo: 'hi', in_reply_to: 2 } };
  assert.deepEqual(decodeLine(JSON.stringify({ ...message, extra: 1 }), 'n1'), { message });
  assert.equal(encodeMessage(message), `${JSON.stringify(message)}\n`);
  assert.equal(encodeMessage({ src: 'a', dest: 'b', body: { type: 't', text: 'x\ny' } }).split('\n').length, 2);
});

test('lines that are not messages are rejected with the reason', () => {
  const reason = (line, node = 'n1') => decodeLine(line, node).rejected;
  assert.match(reason('hello world'), /^not JSON: /);
  assert.match(reason('[1,2]'), /JSON object, this is an array/);
  assert.match(reason('42'), /this is number/);
  assert.match(reason('{"dest":"n2","body":{"type":"x"}}'), /"src" must be/);
  assert.match(reason('{"src":"n1","dest":"n2","body":3}'), /"body" must be an object/);
  assert.match(reason('{"src":"n1","dest":"n2","body":{}}'), /no "type"/);
  assert.match(reason('{"src":"n2","dest":"n3","body":{"type":"x"}}'), /"src" is "n2", but this node is n1/);
  assert.equal(decodeLine('{"src":"n2","dest":"n3","body":{"type":"x"}}', null).rejected, undefined, 'before init any src passes');
  assert.match(reason('   '), /empty line/);
});

test('the watchdog: no-init after initMs of reading without init_ok, or no read within startMs; named once', () => {
  const dog = createWatchdog('n2', { initMs: 3000 });
  dog.initSent(100);
  assert.deepEqual(dog.check(5000, 0), [], 'still starting: not read yet');
  assert.deepEqual(dog.check(5100, 1), [], 'first read at 5100');
  assert.deepEqual(dog.check(8099, 1), []);
  const [problem] = dog.check(8100, 1);
  assert.equal(problem.kind, 'no-init');
  assert.match(problem.text, /n2 did not answer init with init_ok within 3 s/);
  assert.deepEqual(dog.check(9000, 1), [], 'reported once');
  const stuck = createWatchdog('n3', { startMs: 15000 });
  stuck.initSent(0);
  assert.deepEqual(stuck.check(14999, 0), []);
  assert.match(stuck.check(15000, 0)[0].text, /n3 has not read its input \(init\) within 15 s of starting/);
  const answered = createWatchdog('n1');
  answered.initSent(0);
  answered.initAnswered();
  assert.deepEqual(answered.check(10000, 0), []);
});

test('the watchdog: hung once a heartbeat goes unacknowledged for hangMs, only after a first acknowledgement', () => {
  const dog = createWatchdog('n3', { hangMs: 2000 });
  dog.beatSent(1, 0);
  assert.deepEqual(dog.check(5000, 0), [], 'a program still starting (never acknowledged) is not judged hung');
  dog.beatSent(2, 5000);
  assert.deepEqual(dog.check(5250, 2), []);
  dog.beatSent(3, 5250);
  dog.beatSent(4, 5500);
  assert.deepEqual(dog.check(7249, 2), [], 'beat 3 is 1999 ms old');
  const [hung] = dog.check(7250, 2);
  assert.equal(hung.kind, 'hung');
  assert.match(hung.text, /n3 has not read its input for 2\.0 s/);
  assert.equal(dog.isHung(), true);
  const healthy = createWatchdog('n1', { hangMs: 2000 });
  for (let t = 0, n = 1; t < 20000; t += 250, n++) {
    healthy.beatSent(n, t);
    assert.deepEqual(healthy.check(t + 250, n), []);
  }
});

test('the watchdog: a program that answered init and then looped before the first heartbeat is hung', () => {
  const dog = createWatchdog('n2', { hangMs: 2000 });
  dog.initSent(0);
  dog.initAnswered(); // it read init (and its first request) while the heartbeat was still 0
  dog.beatSent(1, 250);
  assert.deepEqual(dog.check(2249, 0), []);
  assert.deepEqual(dog.check(2250, 0).map((p) => p.kind), ['hung']);
});

test('the watchdog: more than maxLinesPerSecond lines in a second are dropped, reported once', () => {
  const dog = createWatchdog('n1', { maxLinesPerSecond: 3 });
  const results = [0, 1, 2, 3, 4].map((i) => dog.line(100 + i));
  assert.deepEqual(results.map((r) => r.pass), [true, true, true, false, false]);
  assert.equal(results[3].problems[0].kind, 'throttled');
  assert.deepEqual(results[4].problems, []);
  assert.equal(dog.line(1100).pass, true, 'a new second, a new allowance');
  const window = createRateWindow(1);
  window.allow(0);
  window.allow(1);
  window.allow(2);
  assert.equal(window.takeRefused(), 2);
  assert.equal(window.takeRefused(), 0);
});
