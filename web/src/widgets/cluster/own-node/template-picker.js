// The template picker: one radio per node template, each with the sentence saying what its
// workload checks. A radio group: arrow keys move between templates, as in any form.
import { el } from '../../dom.js';
import { nodeTemplates } from './templates.js';
import { ownText as t } from './own-strings.js';

/** @returns {{element, select(id)}}; onPick(id) when the learner picks another template. */
export function createTemplatePicker({ selected, onPick }) {
  const group = `own-template-${Math.random().toString(36).slice(2, 10)}`;
  const option = (template) => {
    const descId = `${group}-${template.id}`;
    const radio = el('input', { type: 'radio', name: group, value: template.id, 'aria-describedby': descId,
      disabled: template.source === null, checked: template.id === selected });
    radio.addEventListener('change', () => radio.checked && onPick(template.id));
    return el('label', { class: 'own-template', 'data-template': template.id }, radio,
      el('span', { class: 'own-template-name' }, ` ${template.name}${template.source === null ? ` ${t.missingTemplate}` : ''}`),
      el('span', { class: 'own-template-checks', id: descId }, template.checks));
  };
  const element = el('fieldset', { class: 'own-templates' }, el('legend', {}, t.templateLegend), nodeTemplates().map(option));
  return {
    element,
    select(id) {
      for (const radio of element.querySelectorAll('input')) radio.checked = radio.value === id;
    },
  };
}
