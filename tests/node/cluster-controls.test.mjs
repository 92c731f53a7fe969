// The fault editor's add-row turns into the steps the engines run
// (web/src/widgets/cluster/controls/fault-editor.js stepsFromRow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepsFromRow } from '../../web/src/widgets/cluster/controls/fault-editor.js';
import { validateSteps } from '../../web/src/widgets/cluster/model/fault-script.js';

test('picking nodes makes a partition of the picked and the rest', () => {
  const steps = stepsFromRow({ kind: 'pick', at: 500, picked: ['n2', 'n4'] }, 5);
  assert.deepEqual(steps, [{ at: 500, do: 'partition', groups: [['n2', 'n4'], ['n1', 'n3', 'n5']] }]);
  assert.deepEqual(validateSteps(steps, { nodes: 5 }), []);
  assert.notDeepEqual(validateSteps(stepsFromRow({ kind: 'pick', at: 500, picked: [] }, 5), { nodes: 5 }), [], 'one side cannot be empty');
});

test('node steps, network rates and presets', () => {
  assert.deepEqual(stepsFromRow({ kind: 'crash-keep', node: 'leader', at: 10 }, 3), [{ at: 10, do: 'crash', node: 'leader', keep: true }]);
  assert.deepEqual(stepsFromRow({ kind: 'set', at: 20, drop: 0.5, duplicate: 0, delayMs: 30 }, 3), [{ at: 20, do: 'set', drop: 0.5, duplicate: 0, delayMs: 30 }]);
  assert.deepEqual(stepsFromRow({ kind: 'isolate-leader', at: 30 }, 3), [{ at: 30, do: 'isolate', node: 'leader' }]);
});
