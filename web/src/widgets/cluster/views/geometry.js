// Pure geometry of the cluster views (no DOM), tested under node.

/** n points on a circle, the first at the top, clockwise (SVG's y grows downwards). */
export function ringPositions(n, { cx = 0, cy = 0, r = 1 } = {}) {
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
  });
}

/** A linear map from [t0, t1] (time, ns) to [p0, p1] (pixels) and back. */
export function timeScale(t0, t1, p0, p1) {
  const span = t1 - t0 || 1;
  return {
    toPixel: (t) => p0 + ((t - t0) / span) * (p1 - p0),
    toTime: (p) => t0 + ((p - p0) / (p1 - p0 || 1)) * span,
  };
}

/** The time range a view of `spanNs` shows at `nowNs`: the last span, or [0, span] early on. */
export function visibleRange(nowNs, spanNs) {
  return nowNs <= spanNs ? [0, spanNs] : [nowNs - spanNs, nowNs];
}

/**
 * How far a message has travelled on screen at nowNs, 0..1, or null when it is not on screen.
 * Its flight is drawn `slowdown` times longer than it took (live messages take milliseconds). A
 * delivered message is drawn until its stretched arrival; a dropped one until its stretched drop
 * plus `lingerNs` (where it stops, marked dropped); one in flight stops short of its destination.
 */
export function flightProgress(m, nowNs, slowdown = 1, lingerNs = 0) {
  const elapsed = (nowNs - m.sent) / slowdown;
  if (elapsed < 0) return null;
  if (m.dropped != null) {
    const at = m.dropped - m.sent;
    if (elapsed > at + lingerNs / slowdown) return null;
    const total = (m.arrive ?? m.dropped) - m.sent;
    return total > 0 ? Math.min(1, Math.min(elapsed, at) / total) : 0.5;
  }
  const total = (m.arrive ?? m.sent) - m.sent;
  if (m.delivered != null && elapsed >= total) return null;
  const stop = m.delivered != null ? 1 : 0.98;
  return total > 0 ? Math.min(stop, elapsed / total) : stop;
}

/** A point between a and b at fraction f. */
export function lerpPoint(a, b, f) {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

/** Distance from point p to the segment a-b (hit-testing arrows). */
export function distanceToSegment(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const f = length2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
  return Math.hypot(p.x - (a.x + f * dx), p.y - (a.y + f * dy));
}

/** Row of each lane: {lane: index}, in the given order, and the row's top for a lane height. */
export function laneRows(lanes, top, height) {
  return new Map(lanes.map((lane, i) => [lane, { index: i, y: top + i * height }]));
}

/** Tick values (seconds) for a time axis over [t0, t1] ns, about `count` of them at a round step. */
export function timeTicks(t0, t1, count = 6) {
  const spanS = (t1 - t0) / 1e9;
  if (!(spanS > 0)) return [];
  const raw = spanS / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let s = Math.ceil(t0 / 1e9 / step) * step; s <= t1 / 1e9 + 1e-12; s += step) ticks.push(+s.toPrecision(12));
  return ticks;
}
