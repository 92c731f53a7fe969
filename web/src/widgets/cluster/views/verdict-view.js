// The checker's verdict (DOM): linearizable, not linearizable (with the sentence that explains the
// violation and the window's operations), unknown (with the budget it hit) or pending.
import { text, formatMs } from '../strings.js';
import { hoverOperation } from './hover.js';
import { el } from './dom.js';

const CLASS = { linearizable: 'ok', 'not linearizable': 'violation', unknown: 'unknown', pending: 'pending', valid: 'ok', invalid: 'violation' };

const formatStat = (v) => (typeof v === 'number' ? String(Number.isInteger(v) ? v : +v.toPrecision(3)) : String(v));

/** An echo or broadcast verdict's numbers (messages per operation, latency...) as a list of terms. */
function statsList(stats) {
  const rows = Object.entries(stats ?? {}).filter(([, v]) => v != null && typeof v !== 'object');
  if (!rows.length) return null;
  return el('dl', { class: 'verdict-stats', 'aria-label': text.statsHeading },
    rows.flatMap(([key, value]) => [el('dt', {}, text.statName(key)), el('dd', {}, formatStat(value))]));
}

/** The verdict's headline: lin-kv's word, or the workload and its word for echo and broadcast. */
function word(v) {
  const said = text.verdict[v.verdict] ?? v.verdict;
  return v.workload && v.workload !== 'lin-kv' ? text.workloadVerdict(v.workload, said) : said;
}

export function createVerdictView(container, model, callbacks = {}) {
  const root = el('section', { class: 'cluster-verdict', 'aria-live': 'polite' });
  container.append(root);
  let drawn;

  function windowList(v) {
    if (!v.window?.length) return null;
    return el('div', { class: 'verdict-window' },
      el('p', {}, text.windowHeading(v.key)),
      el('ol', {}, v.window.map((w) => {
        const item = el('li', { tabindex: '0', 'data-process': w.process }, describe(w));
        // Hover or focus an operation of the window: the history and diagram highlight it.
        const light = (on) => {
          const op = on ? model.windowOperations().find((o) => o.process === w.process && o.invoke === w.invoke) : null;
          hoverOperation(model, callbacks, op?.seq ?? null);
        };
        for (const [type, on] of [['mouseenter', true], ['focus', true], ['mouseleave', false], ['blur', false]]) item.addEventListener(type, () => light(on));
        return item;
      })));
  }

  return {
    render() {
      const v = model.verdict;
      if (v === drawn) return;
      drawn = v;
      if (!v) {
        root.dataset.verdict = 'none';
        root.replaceChildren(el('p', { class: 'verdict-none' }, text.noVerdict));
        return;
      }
      root.dataset.verdict = CLASS[v.verdict] ?? 'unknown';
      root.replaceChildren(...[ // replaceChildren would write null as text
        el('p', { class: 'verdict-word' }, el('strong', {}, word(v))),
        v.verdict !== 'pending' && v.operations != null ? el('p', { class: 'verdict-summary' }, text.verdictSummary(v)) : null,
        v.sentence || v.explanation ? el('p', { class: 'verdict-sentence' }, v.sentence || v.explanation) : null,
        v.verdict === 'unknown' ? el('p', { class: 'verdict-budget' }, text.unknownBudget) : null,
        windowList(v),
        statsList(v.stats),
      ].filter(Boolean));
    },
    destroy() { root.remove(); },
  };
}

/** One window operation in words: the checker's description, or built from its fields. */
export function describe(w) {
  if (w.description) return w.description;
  const value = w.value == null ? '' : ` ${Array.isArray(w.value) ? w.value.join('→') : w.value}`;
  const took = w.complete != null && w.invoke != null ? ` (${formatMs(w.complete - w.invoke)})` : '';
  return `process ${w.process} ${w.f} ${w.key}${value} → ${w.outcome ?? '?'}${took}`;
}
