// DOM helpers of the cluster views: el (the widgets' shared builder), svg (the same for SVG
// elements), buttons that also answer Enter and Space, canvases sized in device pixels.
export { el } from '../../dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** svg('circle', {r: 4, class: 'x', onclick: f}, child): like el, in the SVG namespace. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

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
