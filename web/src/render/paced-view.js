// The page's one render pacer (render-pacer.js), wired to the browser: its
// clock and timers, an IntersectionObserver that tells it which views are in
// sight, and the learner's hand on a view (scrolling it, clicking or keying
// into it), which draws that view at once.
import { createRenderPacer } from './render-pacer.js';

export const RENDER_INTERVAL_MS = 250;

const pacer = createRenderPacer({
  interval: RENDER_INTERVAL_MS,
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (id) => clearTimeout(id),
});

const handles = new WeakMap(); // element -> pacer handle
// A margin of a screen's height: a view about to scroll in is drawn already.
const sightObserver = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver(
  (entries) => entries.forEach((entry) => handles.get(entry.target)?.setVisible(entry.isIntersecting)),
  { rootMargin: '100% 0px' },
);
const LEARNER_ACTIONS = ['wheel', 'pointerdown', 'keydown', 'focusin', 'touchstart'];

/**
 * Paces the drawing of the view in `element`: call request() after a change,
 * flush() to draw a pending change now, dispose() when the view goes.
 * @param {HTMLElement} element
 * @param {() => void} draw
 */
export function pacedView(element, draw) {
  const handle = pacer.add(draw);
  handles.set(element, handle);
  sightObserver?.observe(element);
  const drawNow = () => handle.flush();
  for (const type of LEARNER_ACTIONS) element.addEventListener(type, drawNow, { capture: true, passive: true });
  return {
    request: () => handle.request(),
    flush: drawNow,
    dispose() {
      handle.dispose();
      sightObserver?.unobserve(element);
      handles.delete(element);
      for (const type of LEARNER_ACTIONS) element.removeEventListener(type, drawNow, { capture: true });
    },
  };
}
