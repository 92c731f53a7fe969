// The message diagram (canvas; a space-time or Lamport diagram): one vertical line per node (and one
// for the clients), time flowing down over the last `spanNs`, an arrow from each send to its
// delivery, a cross where a message was dropped, a dashed arrow for one still in flight, and fault
// markers as horizontal lines. Hovering an arrow highlights the operation it served (and that
// operation's bar in the history); a hovered operation's messages are drawn bold here.
import { text } from '../strings.js';
import { hoverOperation, leaveHover } from './hover.js';
import { el, fitCanvas } from './dom.js';
import { timeScale, visibleRange, distanceToSegment } from './geometry.js';
import { watchPalette } from './palette.js';

const HEIGHT = 380;
const TOP = 26;
const MAX_ARROWS = 2500;

/** x of each column: the clients first, then the nodes, evenly over the width. */
export function diagramColumns(nodeIds, width, margin = 40) {
  const names = ['clients', ...nodeIds];
  const step = (width - 2 * margin) / Math.max(1, names.length - 1);
  return new Map(names.map((name, i) => [name, margin + i * step]));
}

export function createDiagramView(container, model, callbacks = {}) {
  let spanNs = callbacks.spanNs ?? 0.1e9; // millisecond latencies need a short span to slope visibly
  const canvas = el('canvas', { class: 'diagram-canvas', role: 'img', 'aria-label': text.diagramTitle });
  const tooltip = el('div', { class: 'cluster-tooltip', role: 'status', hidden: true });
  const root = el('div', { class: 'cluster-diagram' }, canvas, tooltip);
  container.append(root);
  const state = { palette: null };
  const stopTheme = watchPalette(state, () => (drawnVersion = -1));
  let drawnVersion = -1;
  let drawnNow = -1;
  let arrows = [];

  function draw(nowNs) {
    const { ctx, width } = fitCanvas(canvas, HEIGHT);
    const p = state.palette;
    const [t0, t1] = visibleRange(nowNs, spanNs);
    const y = timeScale(t0, t1, TOP, HEIGHT - 8).toPixel;
    const columns = diagramColumns(model.nodeIds, width);
    const col = (id) => columns.get(model.isNode(id) ? id : 'clients');
    ctx.clearRect(0, 0, width, HEIGHT);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (const [name, cx] of columns) {
      ctx.fillStyle = p.text;
      ctx.fillText(name === 'clients' ? text.clientsColumn : name, cx, 14);
      ctx.fillStyle = p.grid;
      ctx.fillRect(cx - 0.5, TOP, 1, HEIGHT - TOP - 8);
    }
    ctx.textAlign = 'left';
    drawFaults(ctx, p, y, t0, t1, width);
    const highlighted = model.highlightedOperation;
    arrows = [];
    for (const m of model.messages.recent(t0)) {
      if (m.sent > t1 || arrows.length >= MAX_ARROWS) continue;
      const end = m.delivered ?? m.dropped ?? Math.min(nowNs, m.arrive ?? nowNs);
      const a = { x: col(m.src), y: y(m.sent) };
      const total = (m.arrive ?? end) - m.sent;
      const f = total > 0 ? Math.min(1, (end - m.sent) / total) : 1;
      const b = { x: a.x + (col(m.dest) - a.x) * f, y: y(end) };
      arrows.push({ m, a, b });
    }
    // Faint first, then the messages of the checker's window (a violation's
    // operations, in the focus colour), the hovered operation's last, so each sits on top.
    const isLit = (m) => highlighted != null && m.op === highlighted;
    const inWindow = new Set(model.windowOperations().map((op) => op.seq));
    const isWindow = (m) => m.op != null && inWindow.has(m.op) && !isLit(m);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, TOP, width, HEIGHT - TOP); // arrows sent before the window start above it
    ctx.clip();
    for (const arrow of arrows) if (!isLit(arrow.m) && !isWindow(arrow.m)) drawArrow(ctx, p, arrow, highlighted != null ? 0.12 : 0.8, 1);
    for (const arrow of arrows) if (isWindow(arrow.m)) drawArrow(ctx, p, arrow, highlighted != null ? 0.4 : 1, 2, p.focus);
    for (const arrow of arrows) if (isLit(arrow.m)) drawArrow(ctx, p, arrow, 1, 3);
    ctx.restore();
  }

  function drawFaults(ctx, p, y, t0, t1, width) {
    for (const f of model.faults) {
      if (f.time < t0 || f.time > t1) continue;
      const fy = Math.round(y(f.time)) + 0.5;
      ctx.strokeStyle = p.fault;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(0, fy);
      ctx.lineTo(width, fy);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = p.text;
      ctx.fillText(f.text, 4, fy - 3);
    }
  }

  function drawArrow(ctx, p, { m, a, b }, alpha, lineWidth, stroke = null) {
    const client = !model.isNode(m.src) || !model.isNode(m.dest);
    const colour = m.dropped != null ? p.drop : client ? p.client : p.message;
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = stroke ?? (lineWidth > 1 ? p.accent : colour);
    ctx.lineWidth = lineWidth;
    ctx.setLineDash(m.delivered == null && m.dropped == null ? [4, 3] : []);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
    ctx.setLineDash([]);
    if (m.dropped != null) {
      ctx.beginPath();
      ctx.moveTo(b.x - 4, b.y - 4); ctx.lineTo(b.x + 4, b.y + 4);
      ctx.moveTo(b.x - 4, b.y + 4); ctx.lineTo(b.x + 4, b.y - 4);
      ctx.stroke();
    } else if (m.delivered != null) {
      const angle = Math.atan2(b.y - a.y, b.x - a.x);
      ctx.beginPath();
      ctx.moveTo(b.x, b.y);
      ctx.lineTo(b.x - 7 * Math.cos(angle - 0.4), b.y - 7 * Math.sin(angle - 0.4));
      ctx.lineTo(b.x - 7 * Math.cos(angle + 0.4), b.y - 7 * Math.sin(angle + 0.4));
      ctx.closePath();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
  }

  function onMove(event) {
    const rect = canvas.getBoundingClientRect();
    const pt = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    let best = null;
    let bestD = 6;
    for (const arrow of arrows) {
      const d = distanceToSegment(pt, arrow.a, arrow.b);
      if (d < bestD) { best = arrow; bestD = d; }
    }
    const m = best?.m ?? null;
    tooltip.hidden = !m;
    if (m) {
      const op = model.operationOfMessage(m.id);
      tooltip.textContent = `${text.messageLabel(m)}${m.dropped != null ? `, ${text.dropped(m.dropText)}` : ''}${op ? ` · ${text.operation(op)}` : ''}`;
      tooltip.style.left = `${Math.min(pt.x + 12, rect.width - 240)}px`;
      tooltip.style.top = `${pt.y + 12}px`;
    }
    hoverOperation(model, callbacks, m?.op ?? null);
    callbacks.onHoverMessage?.(m);
  }
  const onLeave = () => leaveHover(model, callbacks, tooltip);
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('mouseleave', onLeave);

  return {
    render(nowNs = model.now) {
      const pixelNs = spanNs / HEIGHT;
      if (model.version === drawnVersion && Math.abs(nowNs - drawnNow) < pixelNs) return;
      draw(nowNs);
      drawnVersion = model.version;
      drawnNow = nowNs;
    },
    setSpan(ns) { spanNs = ns; drawnVersion = -1; },
    destroy() { stopTheme(); root.remove(); },
  };
}
