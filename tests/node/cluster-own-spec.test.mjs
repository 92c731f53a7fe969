// Your own node in the cluster's run spec (model/run-spec.js) and model (model/node-logs.js via
// cluster-model.js): the 'own' protocol's defaults, templates, validation and share links; the
// `log` and `problem` events folded per node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultSpec, validateSpec, withTemplate, withoutOwnFields, encodeShareLink, decodeShareLink, OWN_TEMPLATES, OWN_WORKLOADS,
} from '../../web/src/widgets/cluster/model/run-spec.js';
import { createClusterModel } from '../../web/src/widgets/cluster/model/cluster-model.js';

const fieldsOf = (spec) => validateSpec(spec).map((e) => e.field);

test('the own protocol defaults to the single-node lin-kv template and validates', () => {
  const spec = defaultSpec('own');
  assert.deepEqual({ protocol: spec.protocol, workload: spec.workload, template: spec.template, nodes: spec.nodes },
    { protocol: 'own', workload: 'lin-kv', template: 'lin_kv', nodes: 1 });
  assert.deepEqual(validateSpec(spec), []);
});

test('each template sets its workload and node count, and drops fault steps naming nodes it no longer has', () => {
  const base = { ...defaultSpec('own'), nodes: 5, faults: [{ at: 100, do: 'isolate', node: 'n1' }, { at: 200, do: 'crash', node: 'n5' }] };
  for (const [template, { workload, nodes }] of Object.entries(OWN_TEMPLATES)) {
    const spec = withTemplate(base, template);
    assert.deepEqual([spec.template, spec.workload, spec.nodes], [template, workload, nodes]);
    assert.deepEqual(validateSpec(spec), [], template);
    assert.equal(spec.faults.some((s) => s.node === 'n5'), nodes >= 5, `${template}: the step on n5 is kept only when n5 exists`);
  }
  assert.equal(withTemplate(base, 'primary_backup').faults[0].node, 'n1');
  assert.throws(() => withTemplate(base, 'paxos'), /unknown template/);
});

test('own nodes run on 1 to 7 nodes, with a known workload and template', () => {
  const own = defaultSpec('own');
  assert.deepEqual(fieldsOf({ ...own, nodes: 0 }), ['nodes']);
  assert.deepEqual(fieldsOf({ ...own, nodes: 7 }), []);
  assert.deepEqual(fieldsOf({ ...own, nodes: 8 }), ['nodes']);
  for (const workload of OWN_WORKLOADS) assert.deepEqual(fieldsOf({ ...own, workload }), [], workload);
  assert.deepEqual(fieldsOf({ ...own, workload: 'kafka' }), ['workload']);
  assert.deepEqual(fieldsOf({ ...own, template: 'paxos' }), ['template']);
  assert.deepEqual(fieldsOf({ ...own, template: undefined }), ['template']);
});

test('built-in protocols serve lin-kv and take no template; leaving own drops its fields', () => {
  const raft = defaultSpec('raft');
  assert.deepEqual(fieldsOf({ ...raft, workload: 'lin-kv' }), []);
  assert.deepEqual(fieldsOf({ ...raft, workload: 'echo' }), ['workload']);
  assert.deepEqual(fieldsOf({ ...raft, template: 'raft' }), ['template']);
  const left = withoutOwnFields({ ...defaultSpec('own'), protocol: 'raft', nodes: 3 });
  assert.equal('workload' in left || 'template' in left, false);
  assert.deepEqual(validateSpec(left), []);
});

test('a share link carries an own spec (template and workload) and refuses a bad one', () => {
  const spec = { ...withTemplate(defaultSpec('own'), 'broadcast'), faults: [{ at: 500, do: 'isolate', node: 'n2' }] };
  assert.deepEqual(decodeShareLink(encodeShareLink(spec).text).spec, spec);
  const bad = decodeShareLink(encodeShareLink({ ...spec, workload: 'kafka' }).text);
  assert.equal(bad.spec, null);
  assert.match(bad.error, /workload/);
});

test('the model keeps each node\'s stderr and rejected lines, bounded, and its problem', () => {
  const model = createClusterModel({ nodes: ['n1', 'n2'], protocol: 'own' });
  const lines = Array.from({ length: 250 }, (_, i) => ({ event: 'log', time: i, node: 'n1', stream: 'err', text: `line ${i}` }));
  model.apply([...lines, { event: 'log', time: 300, node: 'n2', stream: 'out', text: '{oops', rejected: 'not JSON' },
    { event: 'log', time: 301, node: 'n9', stream: 'err', text: 'nobody' }]);
  const n1 = model.logs('n1');
  assert.equal(n1.lines.length, 200);
  assert.equal(n1.dropped, 50);
  assert.equal(n1.lines.at(-1).text, 'line 249');
  assert.deepEqual(model.logs('n2').lines, [{ time: 300, stream: 'out', text: '{oops', rejected: 'not JSON' }]);
  assert.equal(model.logs('n9'), null);

  const before = model.version;
  model.apply([{ event: 'problem', time: 400, node: 'n2', kind: 'hung', text: 'no answer to a heartbeat within 2 s' }]);
  assert.ok(model.version > before);
  assert.deepEqual(model.logs('n2').problem, { kind: 'hung', text: 'no answer to a heartbeat within 2 s', time: 400 });
  assert.equal(model.node('n2').status, 'hung', 'a hung node is shown down');
  assert.match(model.node('n2').reason, /heartbeat/);
  assert.equal(model.faults.at(-1).text, 'n2 hung', 'and marked on the timelines');
  model.apply([{ event: 'problem', time: 410, node: 'n1', kind: 'throttled', text: 'over 1000 messages/s' }]);
  assert.equal(model.node('n1').status, 'up', 'a throttled node keeps running');
  assert.equal(model.logs('n1').problem.kind, 'throttled');
  model.apply([{ event: 'restart', time: 500, node: 'n2' }]);
  assert.equal(model.logs('n2').problem, null, 'a restart clears the problem');
  assert.equal(model.node('n2').status, 'up');
});
