// A per-lane timeline (Gantt-style) of `span` reports: one row per lane
// (usually a thread), one bar per span, time in milliseconds on the x axis.
import { pacedView } from '../render/paced-view.js';
import { viewTitle } from './heading-level.js';

const SVG = 'http://www.w3.org/2000/svg';
const LANE_HEIGHT = 22;
const LABEL_WIDTH = 110;

function svg(name, attributes = {}) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
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
    const t0 = Math.min(...spans.map((s) => s.start));
    const t1 = Math.max(...spans.map((s) => s.end));
    this.width ??= this.element.clientWidth; // once, before the first resize report
    const width = Math.max(300, this.width || 600);
    const plotWidth = width - LABEL_WIDTH - 10;
    const x = (t) => LABEL_WIDTH + ((t - t0) / (t1 - t0 || 1)) * plotWidth;
    const height = this.lanes.size * LANE_HEIGHT + 28;
    const root = svg('svg', { width, height, role: 'img', 'aria-label': `Timeline with ${this.lanes.size} lanes` });
    [...this.lanes.entries()].forEach(([lane, laneSpans], i) => {
      const g = svg('g', { class: 'lane', 'data-lane': lane });
      const y = i * LANE_HEIGHT;
      const label = svg('text', { x: 4, y: y + LANE_HEIGHT * 0.7, class: 'lane-label' });
      label.textContent = lane;
      g.append(label);
      for (const s of laneSpans) {
        const bar = svg('rect', {
          x: x(s.start), y: y + 3, height: LANE_HEIGHT - 6,
          width: Math.max(1, x(s.end) - x(s.start)), class: `bar bar-${i % 8}`,
        });
        const title = svg('title');
        title.textContent = `${s.label || lane}: ${s.start.toFixed(3)}–${s.end.toFixed(3)} ms`;
        bar.append(title);
        g.append(bar);
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
    this.element.querySelector('svg')?.remove();
    this.element.append(root);
  }

  destroy() {
    this.drawing.dispose();
    this.resizeObserver.disconnect();
  }
}
