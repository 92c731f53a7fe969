// Plays a replay: moves the simulator's virtual clock forward at a chosen
// speed, one worker call per animation frame (never two at once), and steps,
// seeks and jumps on request. Everything it learns goes to onEvents (a batch)
// or onSnapshot (a fresh picture after a seek). The simulation itself runs in
// the replay worker; this only paces it.
const NS_PER_MS = 1e6;
// Virtual ms per real second at each speed; 'max' advances in large chunks.
export const SPEEDS = { slow: 250, normal: 1000, fast: 4000, max: Infinity };
const MAX_CHUNK_NS = 200 * NS_PER_MS;

export function createReplayPlayer(engine, { onEvents, onSnapshot, onPosition, onEnd, onError }) {
  const state = { playing: false, speed: 'normal', time: 0, eventIndex: 0, done: false, busy: false, frame: 0, last: 0 };

  const position = (result) => {
    state.time = result.time ?? state.time;
    state.eventIndex = result.eventIndex ?? state.eventIndex;
    state.done = Boolean(result.done);
    if (state.done) pause();
    onPosition({ time: state.time, eventIndex: state.eventIndex, done: state.done, playing: state.playing });
    if (state.done) onEnd();
  };

  // One worker call at a time: a click while one is running waits for it.
  let queue = Promise.resolve();
  const exclusive = (work) => (queue = queue.then(async () => {
    state.busy = true;
    try {
      await work();
    } catch (error) {
      pause();
      onError(error);
    } finally {
      state.busy = false;
    }
  }));

  function frame(now) {
    if (!state.playing) return;
    const elapsed = state.last ? Math.min(100, now - state.last) : 16;
    state.last = now;
    if (!state.busy) {
      const step = Math.min(MAX_CHUNK_NS, SPEEDS[state.speed] * elapsed * 1000);
      exclusive(async () => position(await engine.advance(state.time + Math.max(1, Math.round(step)))));
    }
    state.frame = requestAnimationFrame(frame);
  }

  function pause() {
    state.playing = false;
    cancelAnimationFrame(state.frame);
  }

  const snapshot = (result) => {
    onSnapshot(result);
    position(result);
    return result;
  };

  return {
    state,
    play() {
      if (state.playing || state.done) return;
      state.playing = true;
      state.last = 0;
      state.frame = requestAnimationFrame(frame);
      onPosition({ ...state });
    },
    pause() {
      pause();
      onPosition({ ...state });
    },
    setSpeed: (speed) => (state.speed = SPEEDS[speed] ? speed : 'normal'),
    step: () => exclusive(async () => position(await engine.stepForward())),
    back: () => exclusive(async () => snapshot(await engine.seek(Math.max(0, state.eventIndex - 1)))),
    toEnd: () => exclusive(async () => {
      while (!state.done) position(await engine.advance(state.time + MAX_CHUNK_NS * 10));
    }),
    jumpTo: (target) => {
      pause();
      let found = null;
      return exclusive(async () => {
        found = await engine.jumpTo(target);
        snapshot(found);
      }).then(() => found);
    },
    stop: pause,
  };
}
