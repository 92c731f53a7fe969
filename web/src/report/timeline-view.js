// A per-lane timeline (Gantt-style) of `span` reports: one row per lane
// (usually a thread), one bar per span, time in milliseconds on the x axis.
// A span may say what its thread was doing with a lock (`state`: "holding" or
// "waiting"); such bars differ in shape, not only in colour: a lock held is a
// solid bar, a lock waited for a hatched bar with a dashed outline, and a
// legend says which is which, so a learner can follow a deadlock's cycle.
import { pacedView } from '../render/paced-view.js';
import { viewTitle } from './heading-level.js';
import { strings } from '../strings.js';

const SVG = 'http://www.w3.org/2000/svg';
const LANE_HEIGHT = 22;
const LABEL_WIDTH = 110;
const LEGEND_HEIGHT = 22;
const STATES = ['holding', 'waiting'];
let views = 0; // gives each view's pattern and mask ids of their own

function svg(name, attributes = {}) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

// Diagonal stripes as a mask: a bar drawn through it keeps its lane's colour
// but shows only every other stripe.
function hatchDefs(id) {
  const defs = svg('defs');
  const pattern = svg('pattern', { id: `${id}-stripes`, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { width: 3, height: 6, fill: 'white' }));
  const mask = svg('mask', { id: `${id}-hatch`, maskUnits: 'userSpaceOnUse' });
  mask.append(svg('rect', { width: '100%', height: '100%', fill: `url(#${id}-stripes)` }));
  defs.append(pattern, mask);
  return defs;
}

// One bar, or for a "waiting" span the hatched bar and its dashed outline.
function barShapes(id, box, colourClass, state) {
  const bar = svg('rect', { ...box, class: `bar ${colourClass}${state ? ` bar-${state}` : ''}` });
  if (state !== 'waiting') return [bar];
  bar.setAttribute('mask', `url(#${id}-hatch)`);
  const outline = svg('rect', { ...box, class: 'bar-outline', fill: 'none', stroke: 'currentColor', 'stroke-dasharray': '4 2' });
  return [bar, outline];
}

function legend(id, y) {
  const g = svg('g', { class: 'timeline-legend' });
  let x = LABEL_WIDTH;
  for (const state of STATES) {
    const item = svg('g', { 'data-state': state });
    item.append(...barShapes(id, { x, y, width: 22, height: 12 }, 'bar-0', state));
    const label = svg('text', { x: x + 28, y: y + 10, class: 'axis-label' });
    label.textContent = strings.timelineStates[state];
    item.append(label);
    g.append(item);
    x += 40 + strings.timelineStates[state].length * 6.5;
  }
  return g;
}

export class TimelineView {
  constructor(element, name) {
    this.element = element;
    element.className = 'timeline-view';
    element.replaceChildren(viewTitle(element, name));
    this.lanes = new Map(); // lane -> spans
    this.drawing = pacedView(element, () => this.render());
    // The width is read after layout, never while drawing (that would force a layout).
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.element.clientWidth;
      if (width === this.width) return;
      this.width = width;
      if (this.lanes.size) this.drawing.request();
    });
    this.resizeObserver.observe(element);
    this.id = `timeline-${(views += 1)}`;
  }

  addSpan(span) {
    if (!this.lanes.has(span.lane)) this.lanes.set(span.lane, []);
    this.lanes.get(span.lane).push(span);
    this.drawing.request();
  }

  /** Draws a pending change now (the end of a run). */
  flush() {
    this.drawing.flush();
  }

  render() {
    const spans = [...this.lanes.values()].flat();
    const withStates = spans.some((s) => STATES.includes(s.state));
    const t0 = Math.min(...spans.map((s) => s.start));
    const t1 = Math.max(...spans.map((s) => s.end));
    this.width ??= this.element.clientWidth; // once, before the first resize report
    const width = Math.max(300, this.width || 600);
    const plotWidth = width - LABEL_WIDTH - 10;
    const x = (t) => LABEL_WIDTH + ((t - t0) / (t1 - t0 || 1)) * plotWidth;
    const height = this.lanes.size * LANE_HEIGHT + 28 + (withStates ? LEGEND_HEIGHT : 0);
    const root = svg('svg', { width, height, role: 'img', 'aria-label': strings.timelineLabel(this.lanes.size, withStates) });
    if (withStates) root.append(hatchDefs(this.id));
    [...this.lanes.entries()].forEach(([lane, laneSpans], i) => {
      const g = svg('g', { class: 'lane', 'data-lane': lane });
      const y = i * LANE_HEIGHT;
      const label = svg('text', { x: 4, y: y + LANE_HEIGHT * 0.7, class: 'lane-label' });
      label.textContent = lane;
      g.append(label);
      for (const s of laneSpans) {
        const state = STATES.includes(s.state) ? s.state : '';
        const box = { x: x(s.start), y: y + 3, height: LANE_HEIGHT - 6, width: Math.max(1, x(s.end) - x(s.start)) };
        const shapes = barShapes(this.id, box, `bar-${i % 8}`, state);
        const title = svg('title');
        title.textContent = `${s.label || lane}${state ? ` (${strings.timelineStates[state]})` : ''}: ` +
          `${s.start.toFixed(3)}–${s.end.toFixed(3)} ms`;
        shapes[0].append(title);
        if (state) shapes[0].dataset.state = state;
        g.append(...shapes);
      }
      root.append(g);
    });
    const axisY = this.lanes.size * LANE_HEIGHT + 16;
    for (const [t, anchor] of [[t0, 'start'], [t1, 'end']]) {
      const tick = svg('text', { x: x(t), y: axisY, 'text-anchor': anchor, class: 'axis-label' });
      tick.textContent = `${(t - t0).toFixed(2)} ms`;
      root.append(tick);
    }
    const axisName = svg('text', { x: LABEL_WIDTH + plotWidth / 2, y: axisY, 'text-anchor': 'middle', class: 'axis-label' });
    axisName.textContent = 'time since first span (ms)';
    root.append(axisName);
    if (withStates) root.append(legend(this.id, axisY + 8));
    this.element.querySelector('svg')?.remove();
    this.element.append(root);
  }

  destroy() {
    this.drawing.dispose();
    this.resizeObserver.disconnect();
  }
}
