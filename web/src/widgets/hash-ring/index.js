// The consistent-hashing picture: ```widget hash-ring``` in a lesson.
// Config: {"nodes": 5, "virtualNodes": 16, "keys": 12, "replicas": 3}.
// The learner changes the node count, virtual nodes and replicas; the ring is
// computed by the quorum store's own C++ (kv.ringLayout) in a worker, and the
// keys whose first replica moved since the last change are marked.
import './hash-ring.css';
import { connect } from '../../workers/connect.js';
import { ringSvg, movedKeys } from './ring-svg.js';

const LIMITS = { nodes: [1, 7], virtualNodes: [1, 64], replicas: [1, 7] };

function control(name, label, value, [min, max]) {
  const wrap = document.createElement('label');
  wrap.className = 'ring-control';
  wrap.textContent = `${label} `;
  const input = Object.assign(document.createElement('input'), { type: 'number', min, max, value, name });
  wrap.append(input);
  return { wrap, input };
}

function legend(layout) {
  const list = document.createElement('ul');
  list.className = 'ring-legend';
  list.setAttribute('aria-label', 'Node colours');
  for (const [i, name] of layout.nodes.entries()) {
    const item = document.createElement('li');
    item.innerHTML = `<svg viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="5" class="node-${i % 8}"/></svg>`;
    item.append(name);
    list.append(item);
  }
  return list;
}

function keyTable(layout, moved) {
  const table = document.createElement('table');
  table.className = 'ring-keys';
  table.innerHTML = '<caption>Where each key lives</caption><thead><tr><th scope="col">key</th><th scope="col">replicas (first one coordinates)</th></tr></thead>';
  const body = table.createTBody();
  for (const k of layout.keys) {
    const row = body.insertRow();
    row.insertCell().textContent = k.key + (moved.has(k.key) ? ' (moved)' : '');
    row.insertCell().textContent = k.replicas.map((i) => layout.nodes[i]).join(', ');
    if (moved.has(k.key)) row.className = 'moved';
  }
  return table;
}

export function mount(element, config = {}) {
  const settings = { nodes: 5, virtualNodes: 16, keys: 12, replicas: 3, ...config };
  const worker = connect(new Worker(new URL('./ring-worker.js', import.meta.url), { type: 'module', name: 'hash-ring' }),
    { failureMessage: 'the hash-ring worker did not start' });
  const root = document.createElement('div');
  root.className = 'cdd-hash-ring';
  const controls = document.createElement('div');
  controls.className = 'ring-controls';
  const inputs = {
    nodes: control('nodes', 'nodes', settings.nodes, LIMITS.nodes),
    virtualNodes: control('virtualNodes', 'virtual nodes per node', settings.virtualNodes, LIMITS.virtualNodes),
    replicas: control('replicas', 'replicas per key (N)', settings.replicas, LIMITS.replicas),
  };
  controls.append(...Object.values(inputs).map((c) => c.wrap));
  const status = Object.assign(document.createElement('p'), { className: 'ring-status' });
  status.setAttribute('aria-live', 'polite');
  const picture = document.createElement('div');
  picture.className = 'ring-picture';
  root.append(controls, status, picture);
  element.replaceChildren(root);

  let previous = null;
  let request = 0;
  async function draw() {
    const wanted = Object.fromEntries(Object.entries(inputs).map(([k, c]) => [k, Number(c.input.value)]));
    const problem = Object.entries(wanted).find(([k, v]) => !Number.isInteger(v) || v < LIMITS[k][0] || v > LIMITS[k][1]);
    if (problem) return void (status.textContent = `${problem[0]} must be a whole number from ${LIMITS[problem[0]][0]} to ${LIMITS[problem[0]][1]}.`);
    if (wanted.replicas > wanted.nodes) return void (status.textContent = 'There cannot be more replicas per key than nodes.');
    const mine = ++request;
    try {
      const layout = await worker.call('layout', { ...wanted, keys: settings.keys });
      if (mine !== request) return;
      if (layout.error) return void (status.textContent = layout.error);
      const moved = movedKeys(previous, layout);
      status.textContent = previous
        ? `${moved.size} of ${layout.keys.length} keys changed their first replica with this change.`
        : `${layout.nodes.length} nodes, ${layout.points.length} points on the ring, ${layout.keys.length} keys.`;
      picture.replaceChildren(ringSvg(layout, moved), legend(layout), keyTable(layout, moved));
      previous = layout;
    } catch (error) {
      status.textContent = `The ring could not be computed: ${error.message}`;
    }
  }
  worker.call('load', { wasmBase: new URL('wasm/', document.baseURI).href }).then(draw, (error) => {
    status.textContent = `The ring could not be loaded: ${error.message}`;
  });
  for (const c of Object.values(inputs)) c.input.addEventListener('change', draw);
  return () => worker.terminate();
}
