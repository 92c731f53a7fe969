// The widget's skeleton: where each part goes. Built once per mount; the
// parts (forms, views) fill their own containers. `own` (the node program's
// editor) and `logs` (each node's stderr) show only when the protocol is 'own'.
import { el } from '../dom.js';
import { controlText as t } from './controls/control-strings.js';

export function buildLayout(config) {
  const ref = {};
  const part = (name, tag = 'div', attrs = {}, ...children) => (ref[name] = el(tag, { class: `cluster-${name}`, ...attrs }, ...children));
  // A group name of its own: the page has several clusters, and radios sharing a name are one group.
  const group = `cluster-mode-${Math.random().toString(36).slice(2, 10)}`;
  const modeRadio = (mode) => el('label', {}, el('input', { type: 'radio', name: group, value: mode }), ` ${t.modes[mode]}`);
  const tab = (name, selected) => el('button', { type: 'button', role: 'tab', class: `cluster-tab tab-${name}`, 'aria-selected': String(selected) }, t.tabs[name]);
  ref.root = el('section', { class: 'cdd-cluster', tabindex: '-1', 'aria-label': t.region(config.title), 'data-cluster': config.id ?? '' },
    config.title ? el('h3', { class: 'cluster-title' }, config.title) : null,
    config.question ? el('p', { class: 'cluster-question' }, config.question) : null,
    part('mode', 'fieldset', {}, el('legend', {}, t.modeLegend), modeRadio('replay'), modeRadio('live')),
    part('spec'), part('own', 'section', { hidden: true }), part('faults'),
    part('actions', 'div', {},
      (ref.run = el('button', { type: 'button', class: 'run', title: t.runHint }, t.run)),
      (ref.stop = el('button', { type: 'button', class: 'stop', disabled: true }, t.stop)),
      (ref.compare = el('button', { type: 'button', class: 'compare' }, t.compare)),
      (ref.share = el('button', { type: 'button', class: 'share', disabled: true }, t.share)),
      (ref.saveAsReplay = el('button', { type: 'button', class: 'save-as-replay', hidden: true }, t.saveAsReplay)),
      (ref.reset = el('button', { type: 'button', class: 'reset' }, t.reset))),
    part('status', 'p', { 'aria-live': 'polite' }),
    part('hash', 'p', { 'aria-live': 'polite' }),
    part('transport'),
    part('tabs', 'div', { role: 'tablist' }, (ref.tabCluster = tab('cluster', true)), (ref.tabSource = tab('source', false))),
    part('body', 'div', { role: 'tabpanel' },
      part('grid', 'div', {}, part('ring'), el('div', { class: 'cluster-side' }, part('verdict'), part('detail'))),
      part('logs', 'div', { hidden: true }), // own nodes only: each node's stderr and problem
      part('history'), part('diagram'), part('plots'), part('compareTable')),
    part('source', 'div', { role: 'tabpanel', hidden: true }),
    config.exercise ? part('exercise') : null);
  return ref;
}
