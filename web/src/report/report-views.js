// Routes a run's report lines to views, creating each view the first time a
// report names it: charts (uPlot), timelines, images and tables. Charts,
// timelines and images draw paced (render/paced-view.js); flush() draws what
// they hold now, at the end of a run.
import { ChartView } from './chart-view.js';
import { TimelineView } from './timeline-view.js';
import { ImageView } from './image-view.js';
import { TableView } from './table-view.js';

export class ReportViews {
  constructor(container) {
    this.container = container;
    this.views = new Map();
  }

  view(key, create) {
    if (!this.views.has(key)) {
      const element = document.createElement('div');
      this.container.append(element);
      this.views.set(key, create(element));
    }
    return this.views.get(key);
  }

  add(report) {
    switch (report.kind) {
      case 'chart':
        this.view(`chart:${report.id}`, (el) => new ChartView(el)).declare(report);
        break;
      case 'point':
        this.view(`chart:${report.chart}`, (el) => new ChartView(el)).addPoint(report);
        break;
      case 'span':
        this.view(`timeline:${report.timeline}`, (el) => new TimelineView(el, report.timeline)).addSpan(report);
        break;
      case 'pixels':
        this.view(`image:${report.image}`, (el) => new ImageView(el, report.image)).addRow(report);
        break;
      case 'table':
        this.view(`table:${report.id}`, (el) => new TableView(el, report.id)).add(report);
        break;
    }
  }

  /** Draws every view's pending change now: the run has ended, its views show all of it. */
  flush() {
    for (const view of this.views.values()) view.flush?.();
  }

  /** Removes every view (the cell leaves the page). */
  destroy() {
    for (const view of this.views.values()) {
      view.destroy?.();
      view.element.remove();
    }
    this.views.clear();
  }

  /**
   * Before a new run of one source ('cpp' or 'python'): charts drop that
   * source's series and keep the other's, so both can be compared on one
   * chart; timelines, images and tables (C++ only) start afresh.
   */
  resetFor(source) {
    for (const [key, view] of this.views) {
      if (key.startsWith('chart:')) view.clearSource(source);
      else if (source === 'cpp') {
        view.destroy?.();
        view.element.remove();
        this.views.delete(key);
      }
    }
  }
}
