// How many programs (C++ or Python) are running in this page. Work the page
// can put off - loading the code editors - waits until none is, so it never
// takes a core from a program whose timings the learner is watching (on a
// 2-core machine, Monaco's start-up alone halved a 2-thread speedup).
//
// That work starts after the frame that shows the end of the last run has been
// drawn, not in the same task: Stop ends a run in its handler, and Monaco's
// start-up (most of a second of main-thread work) then made the learner wait
// for "stopped" to appear, all the more as Chromium lets a stopped program's
// threads run on for up to 2 s after terminate() (issue 15, item 9;
// tools/bench/stop-latency.mjs).
let running = 0;
let waiting = [];

function releaseIfIdle() {
  if (running > 0) return; // a new run started meanwhile: the work waits for its end
  const callbacks = waiting;
  waiting = [];
  callbacks.forEach((callback) => callback());
}

// After the next frame is drawn (a timer queued from requestAnimationFrame runs after that frame's paint).
const afterNextFrame = (callback) => requestAnimationFrame(() => setTimeout(callback, 0));

/** Counts a run as active until `done` settles. */
export function trackRun(done) {
  running += 1;
  done.finally(() => {
    running -= 1;
    if (running === 0 && waiting.length > 0) afterNextFrame(releaseIfIdle);
  });
}

/** Calls `callback` now if no program runs, else after the frame that shows the last one's end. */
export function whenNoProgramRuns(callback) {
  if (running === 0) callback();
  else waiting.push(callback);
}
