// Progress of a long run that measures size after size (the Python twins take
// tens of seconds): which size is done, how long the run has taken, and a
// rough guess for the next size, from how the last step grew with the size.

/**
 * Call `point(x, seconds)` for every point report (x: its size, seconds: since
 * the run started); it returns the progress when this point finished a new
 * size, else null.
 * @returns {{point: (x: number, seconds: number) => null | {x: number, seconds: number, nextSeconds: number|null}}}
 */
export function sizeProgress() {
  const done = []; // [{x, seconds}] in the order the sizes finished
  return {
    point(x, seconds) {
      if (done.some((d) => d.x === x)) return null;
      done.push({ x, seconds });
      const [before, last] = [done.at(-3), done.at(-2)];
      // The step to this size took (seconds - last.seconds); the next one grows
      // about as the size did from the previous step (time in proportion to n).
      let nextSeconds = null;
      if (last) {
        const step = seconds - last.seconds;
        const growth = before ? x / last.x : 1;
        nextSeconds = step * Math.max(1, growth);
      }
      return { x, seconds, nextSeconds };
    },
  };
}
