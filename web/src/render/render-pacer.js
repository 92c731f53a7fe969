// When the page draws a program's output. The program worker sends its lines
// every 30 ms; drawing each batch at once (the terminal's rows, a chart's
// canvas, an image's rows) costs the page's main thread a frame with style,
// layout and paint every time: up to half a core on a 2-core machine, taken
// from the threads whose speedup the learner is watching
// (tools/bench/README.md, "chromium-gap").
//
// The pacer draws each view at most once per `interval` ms. A change after a
// quiet spell is drawn at once (on a zero timer: output still appears
// immediately); changes arriving within the interval are drawn together at its
// end, so a program printing steadily is drawn a few times a second, always
// showing its progress. A view out of sight is not drawn until it comes into
// view. `flush` draws what is pending now, in sight or not: at the end of a run
// (its final state is complete) and when the learner acts on a view.
//
// Pure: the clock and the timer are injected (tests drive it in virtual time).

/**
 * @param {{interval?: number, now: () => number, setTimer: (fn: () => void, ms: number) => unknown,
 *   clearTimer: (id: unknown) => void}} options
 */
export function createRenderPacer({ interval = 250, now, setTimer, clearTimer }) {
  const pending = new Set(); // views with an undrawn change, in the order they asked
  let timer = null;
  let lastDraw = -Infinity;

  const draw = (view) => {
    pending.delete(view);
    view.draw();
  };

  function tick() {
    timer = null;
    lastDraw = now();
    for (const view of [...pending]) if (view.visible) draw(view);
  }

  function schedule() {
    if (timer !== null || ![...pending].some((view) => view.visible)) return;
    timer = setTimer(tick, Math.max(0, lastDraw + interval - now()));
  }

  function cancelTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  return {
    /**
     * A view that `draw` draws; returns its handle: request() after each
     * change, setVisible() when it enters or leaves the screen, flush() to
     * draw it now if a change is pending, dispose() when it is removed.
     */
    add(drawView) {
      const view = {
        visible: true,
        draw: drawView,
        request() {
          pending.add(view);
          schedule();
        },
        setVisible(visible) {
          view.visible = visible;
          if (visible) schedule();
        },
        flush() {
          if (pending.has(view)) draw(view);
        },
        dispose() {
          pending.delete(view);
        },
      };
      return view;
    },

    /** Draws every pending view now, in sight or not. */
    flush() {
      cancelTimer();
      lastDraw = now();
      for (const view of [...pending]) draw(view);
    },

    /** Whether any view waits to be drawn (for tests). */
    get pendingCount() {
      return pending.size;
    },
  };
}
