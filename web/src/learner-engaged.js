// The moment the learner starts using the page: their first wheel, key,
// pointer move or touch (a script's scroll is not the learner). Work a first
// look at the lesson does not need (Monaco, xterm.js) waits for it, so the
// lesson renders and answers at once; the learner's first gesture comes well
// before they reach for an editor or a Run button.
const ENGAGING = ['wheel', 'keydown', 'pointermove', 'pointerdown', 'touchstart'];
let engaged = null;

/** Resolves at the learner's first wheel, key, pointer move or touch in this page. */
export function learnerEngaged() {
  engaged ||= new Promise((resolve) => {
    const done = () => {
      ENGAGING.forEach((type) => removeEventListener(type, done, true));
      resolve();
    };
    ENGAGING.forEach((type) => addEventListener(type, done, { capture: true, passive: true }));
  });
  return engaged;
}
