// How many programs (C++ or Python) are running in this page. Work the page
// can put off - loading the code editors - waits until none is, so it never
// takes a core from a program whose timings the learner is watching (on a
// 2-core machine, Monaco's start-up alone halved a 2-thread speedup).
let running = 0;
let waiting = [];

/** Counts a run as active until `done` settles. */
export function trackRun(done) {
  running += 1;
  done.finally(() => {
    running -= 1;
    if (running === 0) {
      const callbacks = waiting;
      waiting = [];
      callbacks.forEach((callback) => callback());
    }
  });
}

/** Calls `callback` now if no program runs, else once the last one ends. */
export function whenNoProgramRuns(callback) {
  if (running === 0) callback();
  else waiting.push(callback);
}
