// The cluster widget's fault script (web/src/widgets/cluster/model/fault-script.js):
// step validation, presets expanded for 3, 5 and 7 nodes, the normaliser, descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateSteps,
  expandPreset,
  normaliseSteps,
  describeStep,
  bridgeShape,
  nodeIds,
  PRESETS,
} from '../../web/src/widgets/cluster/model/fault-script.js';

const fields = (errors) => errors.map((e) => e.field);

test('valid steps of every kind pass validation', () => {
  const steps = [
    { at: 0, do: 'crash', node: 'leader' },
    { at: 10, do: 'crash', node: 'n2', keep: true },
    { at: 20, do: 'restart', node: 'n2' },
    { at: 30, do: 'pause', node: 'n3' },
    { at: 40, do: 'resume', node: 'n3' },
    { at: 50, do: 'isolate', node: 'n1' },
    { at: 60, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 70, do: 'block', from: ['n1'], to: ['n2', 'n3'] },
    { at: 80, do: 'heal' },
    { at: 90, do: 'set', drop: 0.5, delayMs: 1000 },
    { at: 3_600_000, do: 'trap', node: 'n4' },
  ];
  assert.deepEqual(validateSteps(steps, { nodes: 5 }), []);
});

test('each kind of bad step is reported under its own field', () => {
  const cases = [
    [{ at: -1, do: 'heal' }, 'faults[0].at'],
    [{ at: 1.5, do: 'heal' }, 'faults[0].at'],
    [{ at: 3_600_001, do: 'heal' }, 'faults[0].at'],
    [{ at: 0, do: 'explode' }, 'faults[0].do'],
    [{ at: 0, do: 'crash', node: 'n6' }, 'faults[0].node'],
    [{ at: 0, do: 'restart', node: 'leader' }, 'faults[0].node'],
    [{ at: 0, do: 'crash', node: 'n1', keep: 'yes' }, 'faults[0].keep'],
    [{ at: 0, do: 'partition', groups: [['n1', 'n2', 'n3', 'n4', 'n5']] }, 'faults[0].groups'],
    [{ at: 0, do: 'partition', groups: [['n1'], []] }, 'faults[0].groups[1]'],
    [{ at: 0, do: 'partition', groups: [['n1', 'n2'], ['n2', 'n3']] }, 'faults[0].groups'],
    [{ at: 0, do: 'partition', groups: [['n1'], ['n9']] }, 'faults[0].groups[1]'],
    [{ at: 0, do: 'block', from: ['n1'], to: ['n1', 'n2'] }, 'faults[0].to'],
    [{ at: 0, do: 'block', from: [], to: ['n2'] }, 'faults[0].from'],
    [{ at: 0, do: 'set' }, 'faults[0]'],
    [{ at: 0, do: 'set', drop: 1.5 }, 'faults[0].drop'],
    [{ at: 0, do: 'set', duplicate: -0.1 }, 'faults[0].duplicate'],
    [{ at: 0, do: 'set', delayMs: 1001 }, 'faults[0].delayMs'],
  ];
  for (const [step, field] of cases) {
    const errors = validateSteps([step], { nodes: 5 });
    assert.deepEqual(fields(errors), [field], JSON.stringify(step));
    assert.ok(errors[0].message.length > 5);
  }
  assert.deepEqual(fields(validateSteps('heal', { nodes: 5 })), ['faults']);
  assert.deepEqual(fields(validateSteps([null], { nodes: 5 })), ['faults[0]']);
  assert.match(validateSteps([{ at: 0, do: 'crash', node: 'n6' }], { nodes: 5 })[0].message, /n1, n2, n3, n4, n5 or leader/);
});

for (const count of [3, 5, 7]) {
  const ids = nodeIds(count);
  const all = [...ids].sort();

  test(`majority/minority for ${count} nodes: two groups covering every node once, the first a majority`, () => {
    const [step] = expandPreset('majority-minority', { nodes: count, at: 1000 });
    assert.equal(step.do, 'partition');
    assert.equal(step.at, 1000);
    const [major, minor] = step.groups;
    assert.deepEqual([...major, ...minor].sort(), all);
    assert.ok(major.length > count / 2, `majority side ${major.length} of ${count}`);
    assert.ok(minor.length >= 1 && minor.length < count / 2);
    assert.deepEqual(validateSteps([step], { nodes: count }), []);
  });

  test(`bridge for ${count} nodes: two halves that cannot reach each other, one node reaching both`, () => {
    const steps = expandPreset('bridge', { nodes: count, at: 500 });
    assert.deepEqual(validateSteps(steps, { nodes: count }), []);
    const { left, bridge, right } = bridgeShape(count);
    assert.deepEqual([...left, bridge, ...right].sort(), all);
    assert.ok(left.length >= 1 && right.length >= 1);
    // Blocked links as a set of "from>to".
    const blocked = new Set(steps.flatMap((s) => s.from.flatMap((f) => s.to.map((t) => `${f}>${t}`))));
    const reach = (a, b) => a !== b && !blocked.has(`${a}>${b}`);
    for (const a of left) for (const b of right) assert.ok(!reach(a, b) && !reach(b, a), `${a} and ${b} are cut`);
    for (const other of ids.filter((id) => id !== bridge)) assert.ok(reach(bridge, other) && reach(other, bridge));
    // Neither half alone is a majority; with the bridge, the bigger one is.
    assert.ok(left.length < count / 2 && right.length < count / 2 + 1);
    assert.ok(Math.max(left.length, right.length) + 1 > count / 2);
  });

  test(`isolate-leader, one-way, heal, crash-leader and restart for ${count} nodes are valid steps`, () => {
    for (const { id } of PRESETS) {
      const steps = expandPreset(id, { nodes: count, at: 200, node: 'n2' });
      assert.ok(steps.length >= 1, id);
      assert.deepEqual(validateSteps(steps, { nodes: count }), [], id);
      assert.ok(steps.every((s) => s.at === 200), id);
    }
    assert.deepEqual(expandPreset('isolate-leader', { nodes: count, at: 0 }), [{ at: 0, do: 'isolate', node: 'leader' }]);
    const [oneWay] = expandPreset('one-way', { nodes: count, at: 0, node: 'n2' });
    assert.deepEqual(oneWay.to, ['n2']);
    assert.deepEqual([...oneWay.from, 'n2'].sort(), all);
  });
}

test('an unknown preset throws', () => {
  assert.throws(() => expandPreset('meteor', { nodes: 5, at: 0 }), /unknown preset/);
});

test('normaliseSteps sorts by time (stably), orders node lists and drops unknown fields', () => {
  const steps = [
    { at: 300, do: 'heal', note: 'x' },
    { do: 'block', to: ['n3', 'n10', 'n2'], from: ['n1'], at: 100 },
    { at: 100, do: 'partition', groups: [['n5', 'n4'], ['n3', 'n1', 'n2']] },
  ];
  assert.deepEqual(normaliseSteps(steps), [
    { at: 100, do: 'block', from: ['n1'], to: ['n2', 'n3', 'n10'] },
    { at: 100, do: 'partition', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] },
    { at: 300, do: 'heal' },
  ]);
  assert.deepEqual(Object.keys(normaliseSteps([{ to: ['n2'], do: 'block', from: ['n1'], at: 1 }])[0]), ['at', 'do', 'from', 'to']);
});

test('describeStep says what each step does in plain words', () => {
  assert.equal(describeStep({ at: 0, do: 'isolate', node: 'leader' }), 'the leader is cut off from every other node');
  assert.equal(describeStep({ at: 0, do: 'partition', groups: [['n1', 'n2'], ['n3']] }), 'the network splits into {n1, n2} | {n3}');
  assert.equal(describeStep({ at: 0, do: 'block', from: ['n1', 'n2'], to: ['n3'] }), 'n1 and n2 can no longer reach n3 (one way)');
  assert.match(describeStep({ at: 0, do: 'crash', node: 'n2' }), /n2 crashes and loses/);
  assert.match(describeStep({ at: 0, do: 'crash', node: 'n2', keep: true }), /keeping its state/);
  assert.equal(describeStep({ at: 0, do: 'set', drop: 0.25, delayMs: 40 }), 'network: 25% of messages lost, up to 40 ms extra delay');
  assert.match(describeStep({ at: 0, do: 'trap', node: 'n1' }), /live engine only/);
  for (const kind of ['restart', 'pause', 'resume', 'heal']) assert.ok(describeStep({ at: 0, do: kind, node: 'n4' }).length > 8, kind);
});
