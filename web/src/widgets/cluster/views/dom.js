// Small element builders for the cluster views: el('p', {class: 'x', onclick: f}, 'text', child).
// Attributes that are undefined, null or false are left out; `on...` attributes become listeners.
const SVG = 'http://www.w3.org/2000/svg';

function build(node, attributes, children) {
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key === 'className' ? 'class' : key, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export const el = (tag, attributes = {}, ...children) => build(document.createElement(tag), attributes, children);
export const svg = (tag, attributes = {}, ...children) => build(document.createElementNS(SVG, tag), attributes, children);

/** Calls `action` on click and on Enter or Space, for elements that act as buttons. */
export function onActivate(node, action) {
  node.addEventListener('click', action);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action(event);
    }
  });
}

/** A canvas sized to its box in device pixels; returns the 2D context scaled to CSS pixels. */
export function fitCanvas(canvas, cssHeight) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(200, canvas.clientWidth || canvas.parentElement?.clientWidth || 600);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(cssHeight * ratio);
    canvas.style.height = `${cssHeight}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width, height: cssHeight };
}
