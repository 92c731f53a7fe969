// The live router's network (web/src/widgets/cluster/engines/live/network.js)
// and latency strings: decisions with a seeded generator, no threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNetwork } from '../../web/src/widgets/cluster/engines/live/network.js';
import { parseLatency, parseDuration } from '../../web/src/widgets/cluster/engines/live/latency.js';
import { createRng } from '../../web/src/widgets/cluster/engines/live/rng.js';

const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
const net = (latency = 'constant:2ms', seed = 7) => createNetwork(ids, { latency, rng: createRng(seed) });

test('latency strings parse as the simulator reads them, and bad ones are refused', () => {
  assert.deepEqual(parseLatency('uniform:1ms:5ms'), { kind: 'uniform', a: 1e6, b: 5e6 });
  assert.deepEqual(parseLatency('constant:250us'), { kind: 'constant', a: 250e3, b: 250e3 });
  assert.deepEqual(parseLatency('exponential:3ms'), { kind: 'exponential', a: 3e6, b: 3e6 });
  assert.equal(parseDuration('1.5s'), 1.5e9);
  assert.equal(parseDuration('7'), 7e6);
  for (const bad of ['uniform:5ms:1ms', 'constant', 'gauss:1ms', 'constant:1parsec', 'uniform:1ms']) {
    assert.throws(() => parseLatency(bad), /latency/, bad);
  }
});

test('delays follow the latency: constant exactly, uniform within its bounds', () => {
  assert.deepEqual(net('constant:2ms').route('n1', 'n2'), { delays: [2e6] });
  const uniform = net('uniform:1ms:5ms');
  const seen = new Set();
  for (let i = 0; i < 500; i += 1) {
    const [d] = uniform.route('n1', 'n2').delays;
    assert.ok(d >= 1e6 && d <= 5e6, `delay ${d}`);
    seen.add(Math.floor(d / 1e6));
  }
  assert.ok(seen.size >= 4, 'uniform delays spread over the range');
});

test('a partition blocks links between groups both ways and leaves links inside a group', () => {
  const n = net();
  n.apply({ do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] });
  assert.deepEqual(n.route('n1', 'n3'), { drop: 'partition' });
  assert.deepEqual(n.route('n5', 'n2'), { drop: 'partition' });
  assert.deepEqual(n.route('n1', 'n2'), { delays: [2e6] });
  assert.deepEqual(n.route('n3', 'n5'), { delays: [2e6] });
  n.apply({ do: 'heal' });
  assert.deepEqual(n.route('n1', 'n3'), { delays: [2e6] });
});

test('a block is one way; isolate cuts a node from every other both ways', () => {
  const n = net();
  n.apply({ do: 'block', from: ['n1'], to: ['n2', 'n3'] });
  assert.deepEqual(n.route('n1', 'n2'), { drop: 'partition' });
  assert.deepEqual(n.route('n2', 'n1'), { delays: [2e6] });
  assert.deepEqual(n.route('n1', 'n4'), { delays: [2e6] });
  n.apply({ do: 'heal' });
  n.apply({ do: 'isolate', node: 'n4' });
  for (const other of ['n1', 'n2', 'n3', 'n5']) {
    assert.deepEqual(n.route('n4', other), { drop: 'partition' });
    assert.deepEqual(n.route(other, 'n4'), { drop: 'partition' });
  }
  assert.deepEqual(n.route('n1', 'n2'), { delays: [2e6] });
});

test('drop 1 drops every message between nodes; client links only have latency', () => {
  const n = net();
  n.apply({ do: 'set', drop: 1 });
  for (let i = 0; i < 200; i += 1) assert.deepEqual(n.route('n1', 'n2'), { drop: 'loss' });
  n.apply({ do: 'partition', groups: [['n1'], ['n2', 'n3', 'n4', 'n5']] });
  assert.deepEqual(n.route('c3', 'n1'), { delays: [2e6] });
  assert.deepEqual(n.route('n1', 'c3'), { delays: [2e6] });
  n.apply({ do: 'heal' });
  assert.deepEqual(n.route('n1', 'n2'), { drop: 'loss' }, 'heal keeps the rates');
  n.apply({ do: 'set', drop: 0 });
  assert.deepEqual(n.route('n1', 'n2'), { delays: [2e6] });
});

test('duplicate 1 sends two copies; delayMs adds at most that much; drop 0.5 drops about half', () => {
  const n = net();
  n.apply({ do: 'set', duplicate: 1, delayMs: 10 });
  for (let i = 0; i < 100; i += 1) {
    const { delays } = n.route('n2', 'n3');
    assert.equal(delays.length, 2);
    for (const d of delays) assert.ok(d >= 2e6 && d <= 12e6, `delay ${d}`);
  }
  const half = net('constant:1ms', 3);
  half.apply({ do: 'set', drop: 0.5 });
  let dropped = 0;
  for (let i = 0; i < 2000; i += 1) if (half.route('n1', 'n2').drop) dropped += 1;
  assert.ok(dropped > 800 && dropped < 1200, `${dropped} of 2000 dropped`);
});

test('the same seed gives the same decisions', () => {
  const run = () => {
    const n = net('exponential:3ms', 42);
    n.apply({ do: 'set', drop: 0.3, duplicate: 0.3 });
    return Array.from({ length: 50 }, () => n.route('n1', 'n2'));
  };
  assert.deepEqual(run(), run());
  assert.notDeepEqual(run(), (() => {
    const n = net('exponential:3ms', 43);
    n.apply({ do: 'set', drop: 0.3, duplicate: 0.3 });
    return Array.from({ length: 50 }, () => n.route('n1', 'n2'));
  })());
});
