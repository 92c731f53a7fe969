// The history (canvas): one lane per client, each operation a bar from invoke to completion,
// coloured and patterned by outcome (ok solid, failed with a slash, indefinite hatched, in flight
// outlined); fault markers as labelled vertical lines; the checker's window shaded and its
// operations outlined. Hovering an operation highlights it (and its messages in the diagram),
// shows a tooltip and calls callbacks.onHoverOperation(op or null). From the keyboard: focus the
// history, then the arrow keys walk the operations shown (left/right in time, up/down across lanes),
// Escape lets go.
import { text } from '../strings.js';
import { hoverOperation, leaveHover } from './hover.js';
import { el, fitCanvas } from './dom.js';
import { timeScale, visibleRange, timeTicks, laneRows } from './geometry.js';
import { watchPalette } from './palette.js';

const LANE_H = 20;
const TOP = 30; // room for fault labels
const LEFT = 44; // lane names
const AXIS = 28;

export function createHistoryView(container, model, callbacks = {}) {
  let spanNs = callbacks.spanNs ?? 10e9;
  const canvas = el('canvas', { class: 'history-canvas', role: 'img', tabindex: '0', 'aria-label': text.historyTitle,
    'aria-keyshortcuts': 'ArrowLeft ArrowRight ArrowUp ArrowDown Escape' });
  const tooltip = el('div', { class: 'cluster-tooltip', role: 'status', hidden: true });
  const legend = el('p', { class: 'cluster-legend' }, ['ok', 'fail', 'info', 'pending'].map((o) =>
    el('span', {}, el('i', { class: `swatch op-${o}`, 'aria-hidden': 'true' }), text.historyLegend[o])),
  el('span', {}, el('i', { class: 'swatch window', 'aria-hidden': 'true' }), text.verdictWindow));
  const root = el('div', { class: 'cluster-history' }, canvas, tooltip, legend);
  container.append(root);
  const state = { palette: null };
  const stopTheme = watchPalette(state, () => (drawnVersion = -1));
  let drawnVersion = -1;
  let drawnNow = -1;
  let geometry = null; // what the last frame drew, for hit-testing

  function draw(nowNs) {
    const lanes = model.operations.lanes();
    const height = TOP + Math.max(1, lanes.length) * LANE_H + AXIS;
    const { ctx, width } = fitCanvas(canvas, height);
    const p = state.palette;
    const [t0, t1] = visibleRange(nowNs, spanNs);
    const x = timeScale(t0, t1, LEFT, width - 8).toPixel;
    const rows = laneRows(lanes, TOP, LANE_H);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    drawLanes(ctx, p, rows, width);
    drawWindow(ctx, p, x, t0, t1, height);
    const bars = [];
    for (const op of model.operations.all()) {
      const end = op.complete ?? nowNs;
      if (end < t0 || op.invoke > t1) continue;
      const row = rows.get(op.lane);
      const bar = { op, x0: Math.max(LEFT, x(op.invoke)), x1: Math.max(x(op.invoke) + 3, Math.min(width - 8, x(end))), y: row.y + 3, h: LANE_H - 6 };
      drawBar(ctx, p, bar);
      bars.push(bar);
    }
    outline(ctx, p.focus, bars.filter((b) => windowSet().has(b.op.seq)), 2);
    outline(ctx, p.accent, bars.filter((b) => b.op.seq === model.highlightedOperation), 3);
    drawFaults(ctx, p, x, t0, t1, height, width);
    drawAxis(ctx, p, x, t0, t1, height - AXIS + 4);
    geometry = { bars };
    canvas.setAttribute('aria-label', text.historyShown(bars.length));
  }

  let windowCache = { version: -1, set: new Set() };
  function windowSet() {
    if (windowCache.version !== model.version) windowCache = { version: model.version, set: new Set(model.windowOperations().map((o) => o.seq)) };
    return windowCache.set;
  }

  function drawWindow(ctx, p, x, t0, t1, height) {
    const ops = model.windowOperations();
    if (!ops.length) return;
    const from = Math.min(...ops.map((o) => o.invoke));
    const to = Math.max(...ops.map((o) => o.complete ?? t1));
    if (to < t0 || from > t1) return;
    ctx.fillStyle = p.window;
    ctx.fillRect(x(from), TOP - 4, Math.max(3, x(to) - x(from)), height - TOP - AXIS + 4);
  }

  // Markers that fall on the same pixel share one line and one label.
  function drawFaults(ctx, p, x, t0, t1, height, width) {
    const lines = new Map(); // pixel -> texts
    for (const f of model.faults) {
      if (f.time < t0 || f.time > t1) continue;
      const fx = Math.round(x(f.time)) + 0.5;
      if (!lines.has(fx)) lines.set(fx, []);
      lines.get(fx).push(f.text);
    }
    let i = 0;
    for (const [fx, texts] of lines) {
      ctx.strokeStyle = p.fault;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(fx, 4 + (i % 2) * 12);
      ctx.lineTo(fx, height - AXIS + 2);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = p.text;
      const label = texts.join(', ');
      const w = ctx.measureText(label).width;
      ctx.fillText(label, fx + 3 + w > width ? Math.max(0, fx - 3 - w) : fx + 3, 12 + (i % 2) * 12); // keep it inside
      i++;
    }
  }

  function show(bar, px, py) {
    const op = bar?.op ?? null;
    hoverOperation(model, callbacks, op?.seq ?? null);
    tooltip.hidden = !op;
    if (op) {
      tooltip.textContent = text.operation(op);
      tooltip.style.left = `${Math.max(0, Math.min(px + 12, canvas.clientWidth - 220))}px`;
      tooltip.style.top = `${py + 12}px`;
    }
  }

  function onMove(event) {
    const rect = canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    show(geometry?.bars.find((b) => px >= b.x0 - 2 && px <= b.x1 + 2 && py >= b.y && py <= b.y + b.h), px, py);
  }

  function onKey(event) {
    const bars = geometry?.bars ?? [];
    if (event.key === 'Escape') return onLeave();
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -LANE_H, ArrowDown: LANE_H }[event.key];
    if (!step || !bars.length) return;
    event.preventDefault();
    const current = bars.find((b) => b.op.seq === model.highlightedOperation) ?? null;
    const next = nextBar(bars, current, step);
    show(next, next.x0, next.y);
  }
  const onLeave = () => leaveHover(model, callbacks, tooltip);
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('mouseleave', onLeave);
  canvas.addEventListener('keydown', onKey);
  canvas.addEventListener('blur', onLeave);

  return {
    render(nowNs = model.now) {
      const pixelNs = spanNs / Math.max(200, canvas.clientWidth || 600);
      if (model.version === drawnVersion && Math.abs(nowNs - drawnNow) < pixelNs) return;
      draw(nowNs);
      drawnVersion = model.version;
      drawnNow = nowNs;
    },
    setSpan(ns) { spanNs = ns; drawnVersion = -1; },
    destroy() { stopTheme(); root.remove(); },
  };
}

// The bar an arrow key moves to: left/right the previous/next in time (any lane), up/down the
// nearest in time in the lane above/below. With none chosen yet, the latest bar.
function nextBar(bars, current, step) {
  if (!current) return bars.reduce((a, b) => (b.x0 > a.x0 ? b : a));
  if (Math.abs(step) === 1) {
    const sorted = [...bars].sort((a, b) => a.x0 - b.x0 || a.y - b.y);
    return sorted[Math.max(0, Math.min(sorted.length - 1, sorted.indexOf(current) + step))];
  }
  const lane = bars.filter((b) => b.y === current.y + step);
  if (!lane.length) return current;
  return lane.reduce((a, b) => (Math.abs(b.x0 - current.x0) < Math.abs(a.x0 - current.x0) ? b : a));
}

function drawLanes(ctx, p, rows, width) {
  for (const [lane, row] of rows) {
    ctx.fillStyle = p.grid;
    ctx.fillRect(LEFT, row.y + LANE_H - 1, width - LEFT - 8, 1);
    ctx.fillStyle = p.text;
    ctx.fillText(lane, 4, row.y + LANE_H - 6);
  }
}

function drawBar(ctx, p, { op, x0, x1, y, h }) {
  const colour = p[op.outcome] ?? p.pending;
  const w = x1 - x0;
  if (op.outcome === 'ok' || op.outcome === 'fail') {
    ctx.fillStyle = colour;
    ctx.fillRect(x0, y, w, h);
    if (op.outcome === 'fail') { // a slash: not colour alone
      ctx.strokeStyle = p.bg;
      ctx.beginPath();
      ctx.moveTo(x0 + 1, y + h - 1);
      ctx.lineTo(Math.min(x1 - 1, x0 + h), y + 1);
      ctx.stroke();
    }
    return;
  }
  ctx.strokeStyle = colour;
  ctx.setLineDash(op.outcome === 'pending' ? [3, 2] : []);
  ctx.strokeRect(x0 + 0.5, y + 0.5, w - 1, h - 1);
  ctx.setLineDash([]);
  if (op.outcome === 'info') { // hatched: it may or may not have happened
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y, w, h);
    ctx.clip();
    ctx.beginPath();
    for (let hx = x0 - h; hx < x1; hx += 6) { ctx.moveTo(hx, y + h); ctx.lineTo(hx + h, y); }
    ctx.stroke();
    ctx.restore();
  }
}

function outline(ctx, colour, bars, width) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  for (const b of bars) ctx.strokeRect(b.x0 - 1, b.y - 1, b.x1 - b.x0 + 2, b.h + 2);
  ctx.lineWidth = 1;
}

function drawAxis(ctx, p, x, t0, t1, y) {
  ctx.fillStyle = p.soft;
  ctx.strokeStyle = p.grid;
  for (const s of timeTicks(t0, t1)) {
    const tx = x(s * 1e9);
    ctx.beginPath();
    ctx.moveTo(tx, y - 4);
    ctx.lineTo(tx, y);
    ctx.stroke();
    ctx.fillText(`${s} s`, tx - 8, y + 12);
  }
}
