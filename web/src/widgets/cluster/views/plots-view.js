// Per-second plots (uPlot): operations per second (ok, and failed or timed out), latency of answered
// operations (median and 99th percentile, ms) and messages delivered per completed operation,
// against run time in seconds. Redrawn at most once a second of run time or when the run restarts.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { text } from '../strings.js';
import { el } from './dom.js';
import { onThemeChange, themeColor } from '../../../theme.js';

const CHARTS = [
  { key: 'ops', series: [['okPerSecond', 'ok', '--cluster-ok'], ['failedPerSecond', 'failed', '--cluster-fail']], unit: 'ops/s' },
  { key: 'latency', series: [['latencyMedianMs', 'median', '--cluster-message'], ['latencyP99Ms', 'p99', '--cluster-info']], unit: 'ms' },
  { key: 'messages', series: [['messagesPerOp', 'series', '--cluster-client']], unit: 'messages/op' },
];

/** uPlot data for one chart: [seconds, ...columns] from the model's series. */
export function chartData(values, chart) {
  return [values.seconds, ...chart.series.map(([field]) => values[field])];
}

export function createPlotsView(container, model) {
  const root = el('div', { class: 'cluster-plots' });
  container.append(root);
  const boxes = CHARTS.map((chart) => {
    const labels = text.plots[chart.key];
    const box = el('div', { class: 'cluster-plot', role: 'figure', 'aria-label': text.plots.figure(labels.title, labels.y) });
    root.append(box);
    return { chart, box, plot: null };
  });
  let drawnSecond = null;
  let drawnCount = -1;

  function options(chart, width) {
    const labels = text.plots[chart.key];
    const ink = themeColor('--text') || '#222';
    const grid = themeColor('--grid') || '#ddd';
    const axis = (label) => ({ label, stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } });
    return {
      title: labels.title, width, height: 200,
      scales: { x: { time: false, range: (u, min, max) => [Math.max(0, min ?? 0), Math.max((min ?? 0) + 1, max ?? 1)] } },
      axes: [axis(text.plots.x), axis(labels.y)],
      series: [{ label: text.plots.xLegend }, ...chart.series.map(([, name, colour]) => ({
        label: labels[name], stroke: themeColor(colour) || '#2450c8', width: 2, spanGaps: false,
        value: (u, v) => (v == null ? '–' : `${+v.toPrecision(3)} ${chart.unit}`),
      }))],
    };
  }

  function rebuild() {
    const values = model.series();
    for (const b of boxes) {
      b.plot?.destroy();
      const width = Math.max(260, b.box.clientWidth || 320);
      b.plot = new uPlot(options(b.chart, width), chartData(values, b.chart), b.box);
    }
  }
  const stopTheme = onThemeChange(rebuild);
  const resize = new ResizeObserver(() => boxes.forEach((b) => b.plot?.setSize({ width: Math.max(260, b.box.clientWidth), height: 200 })));
  resize.observe(root);

  return {
    render(nowNs = model.now) {
      const second = Math.floor(nowNs / 1e9);
      const count = model.operations.count();
      if (second === drawnSecond && count >= drawnCount) return;
      const restarted = count < drawnCount || drawnSecond === null;
      drawnSecond = second;
      drawnCount = count;
      if (restarted || !boxes[0].plot) rebuild();
      else {
        const values = model.series();
        for (const b of boxes) b.plot.setData(chartData(values, b.chart));
      }
    },
    destroy() {
      stopTheme();
      resize.disconnect();
      boxes.forEach((b) => b.plot?.destroy());
      root.remove();
    },
  };
}
