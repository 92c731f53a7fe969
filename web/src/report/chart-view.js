// A live chart of `point` reports (uPlot). Series may have different x values
// (C++ and Python runs, extrapolations), so the data is aligned on the union
// of x values with gaps, and lines span the gaps.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { onThemeChange, themeColor } from '../theme.js';
import { pacedView } from '../render/paced-view.js';
import { powersOfTenBetween, powerOfTenLabel, linearLabel, tickSteps } from './axis-ticks.js';
import { headingLevelUnder } from './heading-level.js';
import { ShownAsTable } from './shown-as-table.js';
import { strings } from '../strings.js';

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export class ChartView {
  constructor(element) {
    this.element = element;
    element.cddChart = this; // lets tests and benchmarks read the measured series
    this.element.className = 'chart-view';
    this.headingLevel = headingLevelUnder(element);
    this.plotBox = document.createElement('div');
    element.append(this.plotBox);
    // Series are told apart by their names in uPlot's legend (and dashes), not
    // by colour alone; the table lists every plotted point as text.
    this.table = new ShownAsTable(element, '', () => this.tableRows());
    this.meta = { title: '', x: 'x', y: 'y', log: '' };
    this.series = new Map(); // name -> {source, unit, points: Map<x, y>}
    this.drawing = pacedView(element, () => this.draw());
    this.stopWatchingTheme = onThemeChange(() => this.rebuild());
    // The width is read here, after layout, never while drawing (that would force a layout).
    this.resizeObserver = new ResizeObserver(() => {
      this.width = this.element.clientWidth;
      this.plot?.setSize(this.size());
    });
    this.resizeObserver.observe(this.element);
  }

  declare({ title, x, y, log }) {
    this.meta = { title, x, y, log: log || '' };
    // uPlot draws axis labels on a canvas; say them in the DOM too, for screen readers.
    Object.assign(this.element.dataset, { title, xLabel: x, yLabel: y });
    this.element.setAttribute('role', 'figure');
    this.element.setAttribute('aria-label', `${title}: ${y} against ${x}${log ? ' (logarithmic axes)' : ''}`);
    this.table.setCaption(strings.tableOf(title));
    this.schedule(true);
  }

  addPoint({ series, x, y, unit, source = 'cpp' }) {
    if (x == null || y == null) return;
    if (!this.series.has(series)) {
      this.series.set(series, { source, unit, points: new Map() });
      this.structureChanged = true;
    }
    this.series.get(series).points.set(x, y);
    this.schedule(false);
  }

  clearSource(source) {
    for (const [name, s] of this.series) if (s.source === source) this.series.delete(name);
    this.schedule(true);
  }

  /** Number of points plotted, per series (used by tests through the DOM). */
  pointCount() {
    let n = 0;
    for (const s of this.series.values()) n += s.points.size;
    return n;
  }

  /** The plotted points as a table: a column for x, one per series (with its unit), a row per x. */
  tableRows() {
    const [xs, ...columns] = this.data();
    const number = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
    const cell = (v) => (v == null ? strings.noPoint : number.format(v));
    const units = [...this.series.values()].map((s) => (s.unit ? ` (${s.unit})` : ''));
    return {
      columns: [this.meta.x, ...[...this.series.keys()].map((name, i) => `${name}${units[i]}`)],
      rows: xs.map((x, r) => [cell(x), ...columns.map((column) => cell(column[r]))]),
    };
  }

  /** {series name: [[x, y], ...]} of everything plotted. */
  seriesData() {
    return Object.fromEntries([...this.series].map(([name, s]) => [name, [...s.points]]));
  }

  schedule(structural) {
    this.structureChanged ||= structural;
    this.drawing.request();
  }

  draw() {
    if (this.structureChanged || !this.plot) this.rebuild();
    else this.plot.setData(this.data());
    this.table.refresh();
    this.element.dataset.points = String(this.pointCount());
  }

  /** Draws a pending change now (the end of a run). */
  flush() {
    this.drawing.flush();
  }

  logX() { return this.meta.log.includes('x'); }
  logY() { return this.meta.log.includes('y'); }

  data() {
    const keep = (v, log) => v != null && Number.isFinite(v) && (!log || v > 0);
    const xs = new Set();
    for (const s of this.series.values()) for (const x of s.points.keys()) if (keep(x, this.logX())) xs.add(x);
    const xValues = [...xs].sort((a, b) => a - b);
    const columns = [...this.series.values()].map((s) =>
      xValues.map((x) => (s.points.has(x) && keep(s.points.get(x), this.logY()) ? s.points.get(x) : null)),
    );
    return [xValues, ...columns];
  }

  size() {
    const width = Math.max(280, (this.width ?? this.element.clientWidth) || 600);
    return { width, height: Math.round(Math.min(360, Math.max(220, width * 0.5))) };
  }

  rebuild() {
    this.structureChanged = false;
    this.plot?.destroy();
    const text = themeColor('--text') || '#222';
    const grid = themeColor('--grid') || '#ddd';
    // valuesOf(u): the values plotted on this axis now (whole numbers only: whole ticks only).
    const axis = (label, log, valuesOf) => ({
      label, stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid },
      ...(log
        ? { splits: (u, i, min, max) => powersOfTenBetween(min, max), values: (u, splits) => splits.map(powerOfTenLabel) }
        : { incrs: (u) => tickSteps(valuesOf(u)), values: (u, splits) => splits.map(linearLabel) }),
    });
    const format = (v) => (v == null ? '–' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(2) : +v.toPrecision(3));
    const opts = {
      title: this.meta.title,
      ...this.size(),
      scales: { x: { time: false, distr: this.logX() ? 3 : 1 }, y: { distr: this.logY() ? 3 : 1 } },
      axes: [axis(this.meta.x, this.logX(), (u) => [u.data[0]]), axis(this.meta.y, this.logY(), (u) => u.data.slice(1))],
      series: [
        { label: this.meta.x, value: (u, v) => format(v) },
        ...[...this.series.entries()].map(([name, s], i) => ({
          label: name,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          dash: name.includes('extrapolated') ? [6, 4] : s.source === 'python' ? [2, 3] : undefined,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (u, v) => (v == null ? '–' : `${format(v)} ${s.unit}`),
        })),
      ],
    };
    this.plot = new uPlot(opts, this.data(), this.plotBox);
    const heading = this.plotBox.querySelector('.u-title');
    heading?.setAttribute('role', 'heading');
    heading?.setAttribute('aria-level', String(this.headingLevel));
  }

  destroy() {
    this.drawing.dispose();
    this.stopWatchingTheme();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
  }
}
