// The cluster widget's run spec (web/src/widgets/cluster/model/run-spec.js):
// defaults, validation messages, share links (round trip, malformed links).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultSpec,
  validateSpec,
  encodeShareLink,
  decodeShareLink,
  PROTOCOLS,
  MAX_SEED,
} from '../../web/src/widgets/cluster/model/run-spec.js';

const problems = (spec) => validateSpec(spec);
const fieldsOf = (spec) => problems(spec).map((e) => e.field);
const messageFor = (spec, field) => problems(spec).find((e) => e.field === field)?.message ?? '';

test('every protocol has a default spec that validates; only quorum carries N, R, W', () => {
  for (const protocol of PROTOCOLS) {
    const spec = defaultSpec(protocol);
    assert.equal(spec.protocol, protocol);
    assert.deepEqual(problems(spec), [], protocol);
    assert.deepEqual(spec.faults, []);
    assert.equal('replicas' in spec, protocol === 'quorum', protocol);
  }
  assert.notEqual(defaultSpec('raft').faults, defaultSpec('raft').faults, 'a fresh object each time');
  assert.throws(() => defaultSpec('paxos'), /unknown protocol/);
});

test('out-of-range settings are named by field with a message saying the bound', () => {
  const base = defaultSpec('raft');
  assert.deepEqual(fieldsOf({ ...base, nodes: 2 }), ['nodes']);
  assert.deepEqual(fieldsOf({ ...base, nodes: 8 }), ['nodes']);
  assert.match(messageFor({ ...base, nodes: 8 }, 'nodes'), /3 to 7/);
  assert.deepEqual(fieldsOf({ ...base, ops: 0 }), ['ops']);
  assert.deepEqual(fieldsOf({ ...base, ops: 20001 }), ['ops']);
  assert.deepEqual(fieldsOf({ ...base, seed: -1 }), ['seed']);
  assert.deepEqual(fieldsOf({ ...base, seed: MAX_SEED + 2 }), ['seed']);
  assert.deepEqual(fieldsOf({ ...base, seed: MAX_SEED }), []);
  assert.deepEqual(fieldsOf({ ...base, rate: 501 }), ['rate']);
  assert.match(messageFor({ ...base, rate: 501 }, 'rate'), /cannot sustain more than 500/);
  assert.deepEqual(fieldsOf({ ...base, rate: 0 }), ['rate']);
  assert.deepEqual(fieldsOf({ ...base, clients: 21 }), ['clients']);
  assert.deepEqual(fieldsOf({ ...base, keys: 0 }), ['keys']);
  assert.deepEqual(fieldsOf({ ...base, clientTimeoutMs: 9 }), ['clientTimeoutMs']);
  assert.deepEqual(fieldsOf({ ...base, clientTimeoutMs: 60001 }), ['clientTimeoutMs']);
  assert.deepEqual(fieldsOf({ ...base, protocol: 'paxos' }), ['protocol']);
  assert.deepEqual(fieldsOf(null), ['spec']);
});

test('latency must have the simulator\'s shape', () => {
  const base = defaultSpec('raft');
  for (const ok of ['uniform:1ms:5ms', 'constant:2ms', 'exponential:3ms', 'uniform:500us:1.5ms', 'constant:1s', 'constant:7']) {
    assert.deepEqual(fieldsOf({ ...base, latency: ok }), [], ok);
  }
  for (const bad of ['uniform:5ms', 'fast', 'constant:2 ms', 'exponential:3ms:4ms', 'uniform:5ms:1ms', 'constant:2h', 3]) {
    assert.deepEqual(fieldsOf({ ...base, latency: bad }), ['latency'], String(bad));
  }
  assert.match(messageFor({ ...base, latency: 'uniform:5ms:1ms' }, 'latency'), /min <= max/);
});

test('quorum: N cannot exceed the nodes, R and W cannot exceed N (or the nodes)', () => {
  const base = defaultSpec('quorum'); // 5 nodes, N=3, R=2, W=2
  assert.deepEqual(fieldsOf({ ...base, replicas: 6 }), ['replicas']);
  assert.match(messageFor({ ...base, replicas: 6 }, 'replicas'), /N = 6 replicas cannot exceed the 5 nodes/);
  assert.deepEqual(fieldsOf({ ...base, r: 4 }), ['r']);
  assert.match(messageFor({ ...base, r: 4 }, 'r'), /R = 4 cannot exceed N = 3/);
  assert.match(messageFor({ ...base, w: 6 }, 'w'), /W = 6 cannot exceed the 5 nodes/);
  assert.deepEqual(fieldsOf({ ...base, r: 0, w: 1.5 }), ['r', 'w']);
  assert.deepEqual(fieldsOf({ ...base, replicas: 5, r: 5, w: 1 }), []);
  // Other protocols ignore N, R, W.
  assert.deepEqual(fieldsOf({ ...defaultSpec('raft'), r: 9 }), []);
});

test('fault steps are validated against the spec\'s node count', () => {
  const spec = { ...defaultSpec('primary-backup'), faults: [{ at: 100, do: 'isolate', node: 'n4' }] }; // 3 nodes
  assert.deepEqual(fieldsOf(spec), ['faults[0].node']);
  spec.faults = [{ at: 100, do: 'isolate', node: 'n3' }, { at: 'soon', do: 'heal' }];
  assert.deepEqual(fieldsOf(spec), ['faults[1].at']);
  assert.deepEqual(fieldsOf({ ...spec, faults: undefined }), ['faults']);
});

test('a share link round-trips a spec exactly, with and without the event hash', () => {
  const spec = {
    ...defaultSpec('quorum'),
    seed: MAX_SEED,
    latency: 'exponential:3ms',
    faults: [
      { at: 1000, do: 'partition', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] },
      { at: 1500, do: 'set', drop: 0.1, duplicate: 0.05, delayMs: 20 },
      { at: 3000, do: 'heal' },
    ],
  };
  const { text: link, error } = encodeShareLink(spec, '0123456789abcdef', 'c1');
  assert.equal(error, null);
  assert.match(link, /^v=2&s=[A-Za-z0-9_-]+$/, 'the common share envelope (web/src/share/)');
  const run = { cluster: 'c1', spec, hash: '0123456789abcdef', error: null };
  assert.deepEqual(decodeShareLink(link), run);
  assert.deepEqual(decodeShareLink(`https://example.org/cdd/#/distributed?${link}`), run);
  assert.deepEqual(decodeShareLink(`#/05?${encodeShareLink(spec).text}`), { cluster: null, spec, hash: null, error: null });
  for (const protocol of PROTOCOLS) assert.deepEqual(decodeShareLink(encodeShareLink(defaultSpec(protocol)).text).spec, defaultSpec(protocol));
});

// A link made before the common envelope (version 1, commit 8b8d567): it must keep opening.
const FROZEN_V1 = 'https://example.org/cdd/#/05-distributed-systems?cluster=primary-backup&v=1&run=eyJwcm90b2NvbCI6InByaW1hcnktYmFja3VwIiwibm9kZXMiOjMsInNlZWQiOjQyLCJvcHMiOjUwMCwicmF0ZSI6NTAsImNsaWVudHMiOjYsImtleXMiOjMsImxhdGVuY3kiOiJ1bmlmb3JtOjFtczo1bXMiLCJjbGllbnRUaW1lb3V0TXMiOjEwMDAsImZhdWx0cyI6W3siYXQiOjEwMDAsImRvIjoiaXNvbGF0ZSIsIm5vZGUiOiJuMSJ9LHsiYXQiOjMwMDAsImRvIjoiaGVhbCJ9XX0&hash=0123456789abcdef';

test('an old version 1 link opens the same run for the same widget', async () => {
  const { sharedRunFor } = await import('../../web/src/widgets/cluster/share.js');
  const spec = { ...defaultSpec('primary-backup'), seed: 42, faults: [{ at: 1000, do: 'isolate', node: 'n1' }, { at: 3000, do: 'heal' }] };
  assert.deepEqual(decodeShareLink(FROZEN_V1), { cluster: 'primary-backup', spec, hash: '0123456789abcdef', error: null });
  const hash = FROZEN_V1.slice(FROZEN_V1.indexOf('#'));
  assert.deepEqual(sharedRunFor('primary-backup', hash), { spec, hash: '0123456789abcdef', error: null });
  assert.deepEqual(sharedRunFor('raft', hash), { spec: null, hash: null, error: null }, 'another widget ignores it');
  // And a version 2 link to the same widget, which the widget's own link now is.
  const now = `#/05-distributed-systems?${encodeShareLink(spec, '0123456789abcdef', 'primary-backup').text}`;
  assert.deepEqual(sharedRunFor('primary-backup', now), { spec, hash: '0123456789abcdef', error: null });
  assert.match(sharedRunFor('primary-backup', `#/05?${encodeShareLink({ ...spec, nodes: 9 }, null, 'primary-backup').text}`).error, /not valid: nodes/);
});

test('malformed links give an error message and never throw', () => {
  const v1 = (spec) => `v=1&run=${btoa(typeof spec === 'string' ? spec : JSON.stringify(spec)).replace(/=/g, '')}`;
  const run = v1(defaultSpec('raft')).slice('v=1&run='.length);
  const cases = [
    ['', /no version/],
    ['v=1', /no run settings/],
    [`v=9&run=${run}`, /newer version .*v=9/],
    ['v=1&run=!!!', /damaged/],
    [`v=1&run=${run.slice(0, -7)}`, /damaged/],
    [v1('{"protocol":'), /damaged/],
    [v1([1, 2]), /not valid/],
    [v1({ ...defaultSpec('raft'), nodes: 9 }), /not valid: nodes/],
    [`${v1(defaultSpec('raft'))}&hash=xyz`, /event hash/],
    [v1('\xff\xfe'), /damaged/],
    [encodeShareLink({ ...defaultSpec('raft'), nodes: 9 }).text, /not valid: nodes/],
    [encodeShareLink(defaultSpec('raft'), 'xyz').text, /event hash/],
    ['v=2&s=AAAA', /damaged/],
  ];
  for (const [text, pattern] of cases) {
    const result = decodeShareLink(text);
    assert.equal(result.spec, null, text);
    assert.match(result.error, pattern, text);
  }
  assert.match(decodeShareLink(undefined).error, /text/);
});

test('the single protocol runs on exactly one node, in a spec and in a comparison', async () => {
  const { validateSpec: validate, defaultSpec: defaults } = await import('../../web/src/widgets/cluster/model/run-spec.js');
  const { specFor } = await import('../../web/src/widgets/cluster/engines/replay/detached.js');
  assert.deepEqual(validate(defaults('single')), []);
  assert.deepEqual(validate({ ...defaults('single'), nodes: 3 }).map((p) => p.field), ['nodes']);
  const faults = [{ at: 10, do: 'crash', node: 'leader' }, { at: 20, do: 'isolate', node: 'n1' },
    { at: 30, do: 'partition', groups: [['n1'], ['n2', 'n3']] }, { at: 40, do: 'crash', node: 'n3' }, { at: 50, do: 'heal' }];
  const single = specFor({ ...defaults('raft'), faults }, 'single');
  assert.equal(single.nodes, 1);
  assert.deepEqual(single.faults.map((s) => s.at), [10, 50], 'only the steps a lone node can feel');
  assert.equal(specFor({ ...defaults('raft'), faults }, 'raft').faults.length, 5);
});
