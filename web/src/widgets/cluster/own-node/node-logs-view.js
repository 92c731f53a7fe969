// One panel per own node (DOM): its stderr lines and the stdout lines the router rejected (with
// why), and its problem (crashed, hung, throttled, never answered init) in words at the top.
// Each panel is a labelled region whose list scrolls by keyboard; a node redraws only when its
// log moved. Lines are told apart by a word (stderr / stdout, rejected), not by colour alone.
import { el } from '../views/dom.js';
import { ownText as t } from './own-strings.js';

const formatTime = (ns) => `${(ns / 1e9).toFixed(2)} s`;

function line(entry) {
  const rejected = entry.stream === 'out';
  return el('li', { class: `log-line log-${rejected ? 'rejected' : 'err'}` },
    el('span', { class: 'log-time' }, formatTime(entry.time ?? 0)), ' ',
    el('span', { class: 'log-stream' }, `${t.stream[entry.stream]}:`), ' ',
    el('code', { class: 'log-text' }, entry.text),
    rejected ? el('span', { class: 'log-why' }, ` (${t.rejectedWhy(entry.rejected)})`) : null);
}

export function createNodeLogsView(container, model) {
  const panels = new Map();
  const root = el('section', { class: 'own-node-logs', 'aria-label': t.logsTitle }, el('h4', {}, t.logsTitle));
  for (const id of model.nodeIds) {
    const headingId = `own-log-${Math.random().toString(36).slice(2, 10)}-${id}`;
    const problem = el('p', { class: 'log-problem', role: 'status' });
    const list = el('ol', { class: 'log-lines', tabindex: '0', 'aria-labelledby': headingId });
    const section = el('section', { class: 'own-node-log', 'data-node': id, 'aria-labelledby': headingId },
      el('h5', { id: headingId }, t.logsOf(id)), problem, list);
    root.append(section);
    panels.set(id, { section, problem, list, drawn: -1 });
  }
  container.append(root);

  function draw(id, panel, log) {
    panel.drawn = log.version;
    panel.section.dataset.problem = log.problem?.kind ?? '';
    panel.problem.textContent = log.problem ? t.problem(log.problem.kind, log.problem.text) : '';
    const atBottom = panel.list.scrollTop + panel.list.clientHeight >= panel.list.scrollHeight - 4;
    const lines = log.lines.length ? log.lines.map(line) : [el('li', { class: 'log-empty' }, t.noLogLines)];
    if (log.dropped) lines.unshift(el('li', { class: 'log-dropped' }, t.dropped(log.dropped)));
    panel.list.replaceChildren(...lines); // (replaceChildren would write a null as text)
    if (atBottom) panel.list.scrollTop = panel.list.scrollHeight; // follow new lines unless the learner scrolled up
  }

  return {
    render() {
      for (const [id, panel] of panels) {
        const log = model.logs(id);
        if (log && log.version !== panel.drawn) draw(id, panel, log);
      }
    },
    destroy() { root.remove(); },
  };
}
