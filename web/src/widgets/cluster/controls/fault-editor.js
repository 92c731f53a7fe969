// The fault script: a list of steps (model/fault-script.js) and a row to add
// one. In replay the learner writes the script before running (each step at a
// time in ms); in live the same row applies a step now, and the list shows what
// was applied, with the times the router recorded.
import { el } from '../../dom.js';
import { PRESETS, expandPreset, describeStep, validateSteps, normaliseSteps, nodeIds } from '../model/fault-script.js';
import { controlText as t } from './control-strings.js';

// Steps on one node, offered next to the presets; `leader` where the step allows it.
const NODE_STEPS = [
  { id: 'crash', label: 'Crash a node (loses its memory)', make: (node) => ({ do: 'crash', node, keep: false }), leader: true },
  { id: 'crash-keep', label: 'Crash a node (keeps its memory)', make: (node) => ({ do: 'crash', node, keep: true }), leader: true },
  { id: 'restart-node', label: 'Restart a node', make: (node) => ({ do: 'restart', node }) },
  { id: 'pause', label: 'Pause a node', make: (node) => ({ do: 'pause', node }) },
  { id: 'resume', label: 'Resume a node', make: (node) => ({ do: 'resume', node }) },
  { id: 'isolate', label: 'Isolate a node', make: (node) => ({ do: 'isolate', node }), leader: true },
  { id: 'trap', label: 'Trap a node’s wasm (live only)', make: (node) => ({ do: 'trap', node }), live: true },
];
const NETWORK = { id: 'set', label: 'Network loss / duplication / delay' };
const PICKED = { id: 'pick', label: 'Partition: pick the nodes of one side' };
const NEEDS_NODE = new Set(['one-way', 'restart', ...NODE_STEPS.map((s) => s.id)]);

/** The steps the add-row describes, at `at` ms. */
export function stepsFromRow({ kind, node, at, drop, duplicate, delayMs, picked = [] }, nodes) {
  const nodeStep = NODE_STEPS.find((s) => s.id === kind);
  if (nodeStep) return [{ at, ...nodeStep.make(node) }];
  if (kind === NETWORK.id) return [{ at, do: 'set', drop, duplicate, delayMs }];
  if (kind === PICKED.id) {
    const all = nodeIds(nodes);
    return [{ at, do: 'partition', groups: [all.filter((id) => picked.includes(id)), all.filter((id) => !picked.includes(id))] }];
  }
  return expandPreset(kind, { nodes, at, node });
}

/**
 * @param {{mode: 'replay'|'live', nodes: number, steps: object[], locked: boolean,
 *          onChange: (steps) => void, onApply: (steps) => void}} options
 */
export function createFaultEditor({ mode, nodes, steps, locked, onChange, onApply }) {
  const element = el('fieldset', { class: 'cluster-faults' });
  const state = { mode, nodes, steps: normaliseSteps(steps ?? []), problem: '' };

  function kindSelect() {
    const options = [...PRESETS.map((p) => [p.id, p.label]), [PICKED.id, PICKED.label], ...NODE_STEPS.filter((s) => !s.live || state.mode === 'live').map((s) => [s.id, s.label]), [NETWORK.id, NETWORK.label]];
    return el('select', { name: 'kind', 'aria-label': t.faults.kind }, options.map(([id, label]) => el('option', { value: id }, label)));
  }
  const number = (name, label, value, attrs = {}) => el('label', { class: `fault-${name}` }, `${label} `, el('input', { type: 'number', name, value, ...attrs }));
  // A slider that shows its value (the network's rates).
  const slider = (name, label, value, attrs = {}) => {
    const shown = el('output', {}, String(value));
    const input = el('input', { type: 'range', name, value, ...attrs });
    input.addEventListener('input', () => (shown.textContent = input.value));
    return el('label', { class: `fault-${name}` }, `${label} `, input, ' ', shown);
  };
  const pickNodes = () => el('fieldset', { class: 'fault-pick' }, el('legend', {}, t.faults.side),
    nodeIds(state.nodes).map((id) => el('label', {}, el('input', { type: 'checkbox', name: 'picked', value: id }), ` ${id}`)));

  function addRow() {
    const ids = nodeIds(state.nodes);
    const row = el('div', { class: 'fault-add' }, kindSelect(),
      el('select', { name: 'node', 'aria-label': t.faults.node }, ['leader', ...ids].map((id) => el('option', { value: id }, id))),
      state.mode === 'replay' ? number('at', t.faults.at, lastAt() + 1000, { min: 0, max: 3600000, step: 100 }) : null,
      slider('drop', t.faults.drop, 0.2, { min: 0, max: 1, step: 0.05 }),
      slider('duplicate', t.faults.duplicate, 0, { min: 0, max: 1, step: 0.05 }),
      slider('delayMs', t.faults.delay, 0, { min: 0, max: 1000, step: 10 }),
      pickNodes(),
      el('button', { type: 'button', class: 'fault-add-button', onclick: () => add(row) }, state.mode === 'live' ? t.faults.now : t.faults.add));
    const sync = () => {
      const kind = row.querySelector('[name=kind]').value;
      row.querySelector('[name=node]').hidden = !NEEDS_NODE.has(kind);
      for (const name of ['drop', 'duplicate', 'delayMs']) row.querySelector(`.fault-${name}`).hidden = kind !== NETWORK.id;
      row.querySelector('.fault-pick').hidden = kind !== PICKED.id;
    };
    row.querySelector('[name=kind]').addEventListener('change', sync);
    sync();
    return row;
  }

  const lastAt = () => state.steps.reduce((m, s) => Math.max(m, s.at), 0);
  const value = (row, name) => Number(row.querySelector(`[name=${name}]`)?.value);

  function add(row) {
    const kind = row.querySelector('[name=kind]').value;
    const node = row.querySelector('[name=node]').value;
    if (node === 'leader' && NEEDS_NODE.has(kind) && !NODE_STEPS.find((s) => s.id === kind)?.leader) {
      state.problem = 'This fault needs a named node (n1, n2, …), not "leader".';
      return render();
    }
    const at = state.mode === 'live' ? 0 : value(row, 'at');
    const picked = [...row.querySelectorAll('[name=picked]:checked')].map((box) => box.value);
    const added = stepsFromRow({ kind, node, at, drop: value(row, 'drop'), duplicate: value(row, 'duplicate'), delayMs: value(row, 'delayMs'), picked }, state.nodes);
    const problems = validateSteps(added, { nodes: state.nodes, field: 'faults' });
    state.problem = problems.map((p) => p.message).join('; ');
    if (!problems.length) {
      if (state.mode === 'live') onApply(added);
      else setSteps([...state.steps, ...added]);
    }
    render();
  }

  function setSteps(steps) {
    state.steps = normaliseSteps(steps);
    onChange(state.steps);
  }

  function render() {
    const items = state.steps.map((step, i) => el('li', {}, `${step.at} ms: ${describeStep(step)}`,
      state.mode === 'replay' && !locked ? el('button', { type: 'button', class: 'fault-remove', 'aria-label': t.faults.remove(describeStep(step)),
        onclick: () => { setSteps(state.steps.filter((_, j) => j !== i)); render(); } }, '×') : null));
    element.replaceChildren(...[el('legend', {}, t.faults.legend),
      items.length ? el('ol', { class: 'fault-list' }, items) : el('p', { class: 'fault-empty' }, t.faults.empty),
      state.mode === 'live' && !locked ? el('p', { class: 'fault-empty' }, t.faults.liveNote) : null,
      locked ? el('p', { class: 'fault-locked' }, t.faults.locked) : addRow(),
      state.problem ? el('p', { class: 'field-problem', role: 'alert' }, state.problem) : null].filter(Boolean));
  }

  render();
  return {
    element,
    steps: () => state.steps,
    /** Redraws for a new mode, node count or step list (e.g. the steps a live run applied). */
    update({ mode: m = state.mode, nodes: n = state.nodes, steps: s = state.steps }) {
      Object.assign(state, { mode: m, nodes: n, steps: normaliseSteps(s), problem: '' });
      render();
    },
  };
}
