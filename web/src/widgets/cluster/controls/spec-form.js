// The run's settings as a form: protocol, nodes, seed, operations or rate,
// N/R/W for quorums, and the rarer ones under "More settings". Every change
// is validated at once (model/run-spec.js) and a problem is shown next to its
// control; the widget refuses to start while there is one.
import { el } from '../../dom.js';
import { PROTOCOLS, OWN_WORKLOADS, validateSpec, withTemplate, withoutOwnFields } from '../model/run-spec.js';
import { controlText as t } from './control-strings.js';

const NUMBER_FIELDS = ['nodes', 'seed', 'ops', 'rate', 'replicas', 'r', 'w', 'clients', 'keys', 'clientTimeoutMs'];
const MAIN = ['workload', 'nodes', 'seed', 'ops', 'rate', 'replicas', 'r', 'w'];
const CHOICES = { protocol: PROTOCOLS, workload: OWN_WORKLOADS }; // fields chosen from a list
const MORE = ['clients', 'keys', 'latency', 'clientTimeoutMs'];

/** Which fields a protocol and mode use. */
export function fieldsShown(spec, mode) {
  return (field) => {
    if (field === 'ops') return mode === 'replay' && spec.protocol !== 'own';
    if (field === 'workload') return spec.protocol === 'own'; // the built-in protocols serve lin-kv
    if (field === 'keys') return spec.protocol !== 'own' || spec.workload === 'lin-kv'; // echo and broadcast have none
    if (field === 'rate') return mode === 'live';
    if (['replicas', 'r', 'w'].includes(field)) return spec.protocol === 'quorum';
    return true;
  };
}

/**
 * @param {{spec: object, mode: string, locked: string[], onChange: (spec, problems) => void}} options
 * @returns {{element, render(spec, mode), problems(): object[], focusFirstProblem()}}
 */
export function createSpecForm({ spec, mode, locked = [], onChange }) {
  const element = el('div', { class: 'cluster-spec' });
  let current = spec;
  let currentMode = mode;
  let problems = [];

  const id = (field) => `cluster-${Math.random().toString(36).slice(2, 8)}-${field}`;
  function field(name) {
    const inputId = id(name);
    const problemId = `${inputId}-problem`;
    const input = CHOICES[name]
      ? el('select', { id: inputId, name, 'aria-describedby': problemId }, CHOICES[name].map((v) => el('option', { value: v }, t.choices[name][v])))
      : el('input', { id: inputId, name, type: NUMBER_FIELDS.includes(name) ? 'number' : 'text', 'aria-describedby': problemId });
    input.value = current[name] ?? '';
    if (locked.includes(name)) input.disabled = true;
    input.addEventListener('change', () => update(name, input.value));
    const problem = el('span', { class: 'field-problem', id: problemId, role: 'alert' });
    return el('label', { class: `cluster-field field-${name}`, 'data-field': name }, el('span', {}, t.fields[name]), input, problem);
  }

  function update(name, raw) {
    const value = NUMBER_FIELDS.includes(name) ? (raw.trim() === '' ? NaN : Number(raw)) : raw;
    current = { ...current, [name]: value };
    if (name === 'protocol') current = adjustForProtocol(current);
    render(current, currentMode);
    onChange(current, problems);
  }

  function render(spec, mode) {
    current = spec;
    currentMode = mode;
    problems = validateSpec(spec);
    const shown = fieldsShown(spec, mode);
    element.replaceChildren(
      el('div', { class: 'cluster-fields' }, field('protocol'), MAIN.filter(shown).map(field)),
      el('details', { class: 'cluster-more' }, el('summary', {}, t.more), el('div', { class: 'cluster-fields' }, MORE.filter(shown).map(field))),
    );
    for (const { field: name, message } of problems) {
      const holder = element.querySelector(`[data-field="${name}"] .field-problem`);
      if (holder) holder.textContent = message;
      else element.append(el('p', { class: 'field-problem', role: 'alert' }, message));
      if (holder && MORE.includes(name)) element.querySelector('.cluster-more').open = true;
    }
  }

  render(spec, mode);
  return {
    element,
    render,
    problems: () => problems,
    spec: () => current,
    focusFirstProblem: () => element.querySelector('.field-problem:not(:empty)')?.closest('label')?.querySelector('input, select')?.focus(),
  };
}

// A single node is one node; the replicated protocols need 3 to 7; your own
// node starts as its template says (workload and nodes).
function adjustForProtocol(changed) {
  if (changed.protocol === 'own') return withTemplate(changed, changed.template ?? 'lin_kv');
  const spec = withoutOwnFields(changed);
  if (spec.protocol === 'single') return { ...spec, nodes: 1 };
  if (spec.nodes < 3) return { ...spec, nodes: 3 };
  if (spec.protocol === 'quorum' && spec.replicas === undefined) return { ...spec, replicas: 3, r: 2, w: 2 };
  return spec;
}
