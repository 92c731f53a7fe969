// The selected node's full state (DOM): role, status, term or view, commit and log length, the
// leader it believes in, its copy of the keys, and its last log entries. Redraws only when the
// model changed.
import { text } from '../strings.js';
import { el } from './dom.js';

export function createNodeDetailView(container, model, callbacks = {}) {
  const root = el('section', { class: 'cluster-node-detail' });
  container.append(root);
  let drawnVersion = -1;
  let drawnKey = null; // what the DOM shows: redrawn only when the node's own state moved
  let pinned = callbacks.node ?? null; // a fixed node, or null to follow model.selectedNode

  function fields(node) {
    const f = text.detailFields;
    const termName = text.termLabel(model.protocol) === 'view' ? f.view : f.term;
    const statusText = text.status[node.status] + (node.reason ? ` (${node.reason})` : '');
    const problem = model.logs(node.id)?.problem; // an own node's (model/node-logs.js)
    const status = [f.status, statusText];
    // A learner's node reports no role, term or log: its problem and status only.
    const rows = model.protocol === 'own' ? [status] : [[f.role, node.role ?? text.roleUnknown], status, [termName, node.term],
      [f.commit, node.commit], [f.log, node.log], [f.leader, node.leader || text.noLeader]];
    if (problem) rows.unshift([f.problem, `${text.problem[problem.kind] ?? problem.kind}${problem.text ? `: ${problem.text}` : ''}`]);
    return el('dl', { class: 'node-fields' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  }

  function keys(node) {
    const entries = Object.entries(node.keys).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    if (!entries.length) return el('p', { class: 'node-empty' }, text.noKeys);
    return el('table', { class: 'node-keys' },
      el('caption', {}, text.keysHeading),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, text.keyColumn), el('th', { scope: 'col' }, text.valueColumn))),
      el('tbody', {}, entries.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, JSON.stringify(v))))));
  }

  function log(node) {
    if (!node.entries.length) return el('p', { class: 'node-empty' }, text.noEntries);
    const committed = (e) => e.index <= node.commit;
    return el('table', { class: 'node-log' },
      el('caption', {}, text.entriesHeading),
      el('thead', {}, el('tr', {}, text.entryColumns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', {}, node.entries.map((e) =>
        el('tr', { class: committed(e) ? 'committed' : 'uncommitted' },
          el('td', {}, String(e.index)), el('td', {}, String(e.term)), el('td', {}, e.text ?? '')))));
  }

  return {
    render() {
      if (model.version === drawnVersion) return;
      drawnVersion = model.version;
      const node = model.node(pinned ?? model.selectedNode);
      const key = node ? `${node.id}|${node.status}|${node.reason}|${node.stateTime}|${model.protocol}|${model.logs(node.id)?.problem?.time}` : '';
      if (key === drawnKey) return;
      drawnKey = key;
      if (!node) {
        root.replaceChildren(el('p', { class: 'node-empty' }, text.noNodeSelected));
        return;
      }
      root.dataset.status = node.status;
      const own = model.protocol === 'own'; // its stderr is in the node's log panel instead
      root.replaceChildren(el('h4', {}, text.detailTitle(node.id)), fields(node), ...(own ? [] : [keys(node), log(node)]));
    },
    /** Show this node whatever is selected (null: follow the selection again). */
    pin(id) { pinned = id; drawnVersion = -1; drawnKey = null; },
    destroy() { root.remove(); },
  };
}
