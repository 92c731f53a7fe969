// The cluster as a ring (SVG): each node with its role, term (or view), commit/log and keys, and
// messages travelling from sender to receiver by their send and arrival times. Clients sit in the
// middle. Click (or Enter on) a node: callbacks.onSelectNode(id); on a message in flight:
// callbacks.onSelectMessage(id) (the page drops it). Crashed, paused and trapped nodes are drawn
// with a status word and pattern, not colour alone.
import { text } from '../strings.js';
import { svg, el, onActivate } from './dom.js';
import { ringPositions, flightProgress, lerpPoint } from './geometry.js';

const SIZE = 420;
const NODE_R = 36;
const MAX_DOTS = 250;
const LINGER_NS = 250e6; // a dropped message's cross stays this long (screen time)

export function createRingView(container, model, callbacks = {}) {
  let slowdown = callbacks.slowdown ?? 1;
  let animate = callbacks.animate ?? true;
  const ids = model.nodeIds;
  const at = new Map(ringPositions(ids.length, { cx: SIZE / 2, cy: SIZE / 2, r: SIZE / 2 - NODE_R - 34 }).map((p, i) => [ids[i], p]));
  const centre = { x: SIZE / 2, y: SIZE / 2 };
  const where = (id) => at.get(id) ?? centre; // anyone not a node is a client, in the middle

  const links = svg('g', { class: 'ring-links', 'aria-hidden': 'true' });
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => links.append(svg('line', { x1: where(a).x, y1: where(a).y, x2: where(b).x, y2: where(b).y }))));
  links.append(svg('text', { class: 'ring-clients', x: centre.x, y: centre.y + 4, 'text-anchor': 'middle' }, text.clientsColumn));
  const dots = svg('g', { class: 'ring-messages' });
  const nodeLayer = svg('g', { class: 'ring-nodes' });
  const nodeParts = new Map(ids.map((id) => [id, drawNode(id)]));
  const picture = svg('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'group', 'aria-label': text.ringTitle }, links, dots, nodeLayer);
  const counter = el('p', { class: 'ring-in-flight' });
  const root = el('div', { class: 'cluster-ring' }, picture, counter);
  container.append(root);
  const pool = [];
  let drawnVersion = -1;
  let drawnNow = -1;

  function drawNode(id) {
    const { x, y } = where(id);
    const parts = {
      group: svg('g', { class: 'ring-node', tabindex: '0', role: 'button', 'data-node': id }),
      circle: svg('circle', { cx: x, cy: y, r: NODE_R }),
      name: svg('text', { x, y: y - 6, 'text-anchor': 'middle', class: 'ring-node-name' }, id),
      role: svg('text', { x, y: y + 12, 'text-anchor': 'middle', class: 'ring-node-role' }),
      status: svg('text', { x, y: y + 26, 'text-anchor': 'middle', class: 'ring-node-status' }),
      numbers: svg('text', { x, y: y + NODE_R + 15, 'text-anchor': 'middle', class: 'ring-node-numbers' }),
      keys: svg('text', { x, y: y + NODE_R + 29, 'text-anchor': 'middle', class: 'ring-node-keys' }),
    };
    parts.group.append(parts.circle, parts.name, parts.role, parts.status, parts.numbers, parts.keys);
    onActivate(parts.group, () => {
      model.selectNode(id);
      callbacks.onSelectNode?.(id);
    });
    nodeLayer.append(parts.group);
    return parts;
  }

  function renderNodes() {
    for (const node of model.nodes()) {
      const p = nodeParts.get(node.id);
      const role = node.role ?? text.roleUnknown;
      p.group.setAttribute('class', `ring-node role-${node.role ?? 'unknown'} status-${node.status}${model.selectedNode === node.id ? ' selected' : ''}`);
      const problem = model.logs(node.id)?.problem; // an own node's: hung, throttled, no init...
      const status = problem ? `${text.status[node.status]}, ${text.problem[problem.kind] ?? problem.kind}: ${problem.text}` : text.status[node.status];
      p.group.setAttribute('aria-pressed', String(model.selectedNode === node.id));
      p.group.dataset.problem = problem?.kind ?? '';
      p.role.textContent = node.role ?? '';
      p.status.textContent = problem ? text.problem[problem.kind] ?? problem.kind : node.status === 'up' ? '' : text.status[node.status].split(' ')[0];
      p.numbers.textContent = node.state ? text.nodeLine(model.protocol, node) : '';
      p.keys.textContent = node.state ? text.keysLine(Object.entries(node.keys).sort()) : '';
      p.keys.setAttribute('y', where(node.id).y + NODE_R + (p.numbers.textContent ? 29 : 15)); // no gap when no numbers
      // The name starts with the words shown in the circle, so speech matches what is seen (WCAG 2.5.3).
      const parts = [p.name, p.role, p.status, p.numbers, p.keys];
      const shown = parts.map((t) => t.textContent.trim()).filter(Boolean);
      // A trailing blank (not drawn: SVG text drops it) keeps the lines apart as words in the text content.
      for (const t of parts) if (t.textContent && !t.textContent.endsWith(' ')) t.textContent += ' ';
      p.group.setAttribute('aria-label', text.nodeButton(shown.join(', '), role, problem ? status : text.status[node.status]));
    }
  }

  function dot(i) {
    if (!pool[i]) {
      const g = svg('g', { class: 'ring-message' }, svg('circle', { r: 6 }), svg('path', { d: 'M-5,-5L5,5M-5,5L5,-5', class: 'cross' }));
      onActivate(g, () => {
        const id = Number(g.dataset.id);
        if (model.messages.isInFlight(id)) callbacks.onSelectMessage?.(id);
      });
      pool[i] = g;
      dots.append(g);
    }
    return pool[i];
  }

  function renderMessages(nowNs) {
    let n = 0;
    if (animate) {
      const from = nowNs - 5e9 * slowdown;
      for (const m of model.messages.recent(from)) {
        if (n >= MAX_DOTS) break;
        const f = flightProgress(m, nowNs, slowdown, LINGER_NS);
        if (f == null) continue;
        const p = lerpPoint(where(m.src), where(m.dest), f);
        const g = dot(n++);
        const live = model.messages.isInFlight(m.id);
        g.dataset.id = String(m.id);
        g.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
        g.setAttribute('class', `ring-message${m.dropped != null ? ' dropped' : ''}${m.op != null && m.op === model.highlightedOperation ? ' highlighted' : ''}`);
        if (live) g.setAttribute('tabindex', '0');
        else g.removeAttribute('tabindex');
        g.setAttribute('role', live ? 'button' : 'img');
        g.setAttribute('aria-label', live ? text.messageButton(m) : text.messageLabel(m));
        g.style.display = '';
      }
    }
    for (let i = n; i < pool.length; i++) pool[i].style.display = 'none';
    counter.textContent = text.inFlight(model.messages.inFlightCount());
  }

  return {
    render(nowNs = model.now) {
      if (model.version !== drawnVersion) renderNodes();
      if (model.version !== drawnVersion || (animate && nowNs !== drawnNow)) renderMessages(nowNs);
      drawnVersion = model.version;
      drawnNow = nowNs;
    },
    /** Message flights drawn `factor` times slower than they took. */
    setSlowdown(factor) { slowdown = Math.max(1, factor); drawnNow = -1; },
    setAnimation(on) { animate = on; drawnVersion = -1; },
    destroy() { root.remove(); },
  };
}
