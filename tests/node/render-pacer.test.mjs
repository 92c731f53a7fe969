// The render pacer (web/src/render/render-pacer.js) in virtual time: a fake
// clock and timer queue stand in for performance.now and setTimeout, so every
// draw's time is exact whatever the machine's load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRenderPacer } from '../../web/src/render/render-pacer.js';

function virtualTime() {
  let time = 0;
  let nextId = 1;
  const timers = new Map(); // id -> {at, fn}
  const clock = {
    now: () => time,
    setTimer: (fn, ms) => {
      timers.set(nextId, { at: time + ms, fn });
      return nextId++;
    },
    clearTimer: (id) => timers.delete(id),
    /** Runs every timer due up to `until`, in time order, advancing the clock to each. */
    advanceTo(until) {
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].fn();
      }
      time = until;
    },
    get timerCount() {
      return timers.size;
    },
  };
  return clock;
}

/** A view that records when it was drawn and what it showed (the last change it had been given). */
function recordingView(pacer, clock) {
  const view = { given: 0, shown: 0, draws: [] };
  view.handle = pacer.add(() => {
    view.shown = view.given;
    view.draws.push(clock.now());
  });
  view.change = () => {
    view.given += 1;
    view.handle.request();
  };
  return view;
}

test('a change after a quiet spell is drawn at once; a steady stream every interval, never more often, showing progress', () => {
  const clock = virtualTime();
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const view = recordingView(pacer, clock);
  view.change();
  clock.advanceTo(0);
  assert.deepEqual(view.draws, [0], 'the first change is drawn on a zero timer');
  // A program printing a batch every 30 ms for 2 s.
  for (let t = 30; t <= 2000; t += 30) {
    clock.advanceTo(t);
    view.change();
  }
  clock.advanceTo(2400);
  const gaps = view.draws.slice(1).map((t, i) => t - view.draws[i]);
  assert.ok(gaps.every((gap) => gap >= 250), `draws at least 250 ms apart: ${view.draws}`);
  assert.ok(gaps.every((gap) => gap <= 250), `and no longer apart while changes keep coming: ${view.draws}`);
  assert.equal(view.draws.length, 9, '2 s of output in 9 draws instead of 67');
  assert.equal(view.shown, view.given, 'the last change is drawn (at the trailing edge)');
  assert.equal(clock.timerCount, 0, 'nothing left scheduled once everything is drawn');
});

test('several views changed within one interval are drawn in one tick, in the order they asked', () => {
  const clock = virtualTime();
  const order = [];
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const a = pacer.add(() => order.push(['a', clock.now()]));
  const b = pacer.add(() => order.push(['b', clock.now()]));
  a.request();
  clock.advanceTo(10);
  b.request();
  a.request();
  clock.advanceTo(100);
  assert.deepEqual(order, [['a', 0]]);
  clock.advanceTo(300);
  assert.deepEqual(order, [['a', 0], ['b', 250], ['a', 250]]);
});

test('flush draws every pending change now, without waiting for the interval, and cancels the timer', () => {
  const clock = virtualTime();
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const view = recordingView(pacer, clock);
  view.change();
  clock.advanceTo(0);
  clock.advanceTo(40);
  view.change();
  view.change();
  assert.equal(view.shown, 1, 'the second batch waits for the interval');
  pacer.flush();
  assert.equal(view.shown, 3, 'flush shows the final state at once');
  assert.deepEqual(view.draws, [0, 40]);
  assert.equal(clock.timerCount, 0, 'the trailing draw is cancelled');
  assert.equal(pacer.pendingCount, 0);
  pacer.flush();
  assert.deepEqual(view.draws, [0, 40], 'nothing pending: flush draws nothing');
});

test('one view flushed (the learner scrolls it) is drawn now; the others keep their pace', () => {
  const clock = virtualTime();
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const a = recordingView(pacer, clock);
  const b = recordingView(pacer, clock);
  a.change();
  b.change();
  clock.advanceTo(0);
  clock.advanceTo(50);
  a.change();
  b.change();
  a.handle.flush();
  assert.deepEqual([a.draws, b.draws], [[0, 50], [0]]);
  clock.advanceTo(250);
  assert.deepEqual([a.draws, b.draws], [[0, 50], [0, 250]], 'b is drawn at the end of its interval, a had nothing left');
});

test('a view out of sight is not drawn until it comes into view, or a flush', () => {
  const clock = virtualTime();
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const view = recordingView(pacer, clock);
  view.handle.setVisible(false);
  view.change();
  clock.advanceTo(1000);
  assert.deepEqual(view.draws, [], 'off-screen: not drawn');
  assert.equal(clock.timerCount, 0, 'and no timer kept for it');
  view.handle.setVisible(true);
  clock.advanceTo(1000);
  assert.deepEqual(view.draws, [1000], 'drawn once it is in sight');
  view.handle.setVisible(false);
  view.change();
  clock.advanceTo(1500);
  pacer.flush();
  assert.deepEqual(view.draws, [1000, 1500], 'the end of a run draws it in or out of sight');
  assert.equal(view.shown, view.given);
});

test('a disposed view is never drawn again', () => {
  const clock = virtualTime();
  const pacer = createRenderPacer({ interval: 250, ...clock });
  const view = recordingView(pacer, clock);
  view.change();
  view.handle.dispose();
  clock.advanceTo(1000);
  pacer.flush();
  assert.deepEqual(view.draws, []);
  assert.equal(pacer.pendingCount, 0);
});
