// Lesson 3's Mandelbrot program tints every row by the thread that computed
// it. With the static split each thread has a block of its own, so every
// thread's colour always shows. With dynamic hand-out a thread that the
// machine runs late can find every row already taken: not a fault of the
// program (its team starts together, behind a start line), only a busy
// machine. This tells the two apart from the program's busy-time spans.

const rowsOf = (span) => Number.parseInt(span.label, 10);

/**
 * @param {Array<{lane: string, start: number, end: number, label: string}>} spans
 *   one per thread, from the timeline "busy time, dynamic" (label: "N rows")
 * @returns {string|null} why a thread took no row, when it began only after
 *   another thread was already at work (a reason to skip the colour check);
 *   null when no thread was idle, or an idle thread was there first (a fault).
 */
export function lateThreadReason(spans) {
  const idle = spans.find((s) => rowsOf(s) === 0);
  const working = spans.filter((s) => rowsOf(s) > 0);
  if (!idle || working.length === 0) return null;
  const first = working.reduce((a, s) => (s.start < a.start ? s : a));
  if (!(idle.start > first.start)) return null;
  return `${idle.lane} took no row under dynamic hand-out: it began ${(idle.start - first.start).toFixed(2)} ms ` +
    `after ${first.lane} (busy ${first.start.toFixed(2)}–${first.end.toFixed(2)} ms), which had taken every row by ` +
    'then; the machine ran it late';
}
