// Draws a ring layout (kv.ringLayout's result) as SVG: the virtual nodes as
// coloured ticks on the circle, each key as a dot with lines to its replicas'
// labels. Keys whose first replica changed since the previous layout are
// marked, which is what "adding a node moves only the keys next to it" looks like.
const NS = 'http://www.w3.org/2000/svg';
const SIZE = 360;
const CENTER = SIZE / 2;
const RADIUS = 130;

const svgEl = (name, attrs = {}, text) => {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

/** x, y of a fraction of the turn at radius r; 0 is at the top, clockwise. */
export function ringPoint(position, r = RADIUS) {
  const angle = position * 2 * Math.PI - Math.PI / 2;
  return { x: CENTER + r * Math.cos(angle), y: CENTER + r * Math.sin(angle) };
}

/** Keys whose first replica differs between two layouts (by key name). */
export function movedKeys(before, after) {
  if (!before) return new Set();
  const first = new Map(before.keys.map((k) => [k.key, before.nodes[k.replicas[0]]]));
  return new Set(after.keys.filter((k) => first.has(k.key) && first.get(k.key) !== after.nodes[k.replicas[0]]).map((k) => k.key));
}

export function ringSvg(layout, moved) {
  const svg = svgEl('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, class: 'hash-ring-svg', role: 'img',
    'aria-label': `Hash ring with ${layout.nodes.length} nodes and ${layout.keys.length} keys` });
  svg.append(svgEl('circle', { cx: CENTER, cy: CENTER, r: RADIUS, class: 'ring-circle' }));
  for (const p of layout.points) {
    const inner = ringPoint(p.position, RADIUS - 7);
    const outer = ringPoint(p.position, RADIUS + 7);
    svg.append(svgEl('line', { x1: inner.x, y1: inner.y, x2: outer.x, y2: outer.y, class: `ring-point node-${p.node % 8}` }));
  }
  for (const k of layout.keys) {
    const at = ringPoint(k.position, RADIUS - 26);
    const group = svgEl('g', { class: `ring-key${moved.has(k.key) ? ' moved' : ''}` });
    const names = k.replicas.map((i) => layout.nodes[i]).join(', ');
    group.append(svgEl('title', {}, `${k.key} lives on ${names}${moved.has(k.key) ? ' (moved)' : ''}`));
    group.append(svgEl('circle', { cx: at.x, cy: at.y, r: 4, class: `node-${k.replicas[0] % 8}` }));
    const label = ringPoint(k.position, RADIUS - 44);
    group.append(svgEl('text', { x: label.x, y: label.y, 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, k.key));
    svg.append(group);
  }
  return svg;
}
