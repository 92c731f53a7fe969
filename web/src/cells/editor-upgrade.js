// When a cell's plain-text code becomes Monaco without being asked to. Monaco
// is about 1 MB gzip and most of a second of main-thread work on a modest
// machine (far more on a phone); the plain text is readable until it comes.
// It comes once the learner has started using the page (learner-engaged.js)
// and the cell's code is on screen or close to it, when the page is idle and
// no program runs. Loading it while the lesson first renders blocked the page
// for a first visitor who had not yet touched anything (Lighthouse: over a
// second of blocking time on a phone), and upgrading every editor of a long
// lesson at once built thousands of elements nobody looked at. A click or
// focus into the code still upgrades at once (CodeEditor).
import { whenNoProgramRuns } from '../runner/activity.js';
import { learnerEngaged } from '../learner-engaged.js';

/** Upgrades `editor` (a CodeEditor) as described above; returns a function that cancels the wait. */
export function upgradeEditorWhenSeen(editor) {
  let cancelled = false;
  let idle = 0;
  const seen = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      seen.disconnect();
      idle = requestIdleCallback(() => whenNoProgramRuns(() => !cancelled && editor.upgrade()), { timeout: 3000 });
    },
    { rootMargin: '300px 0px' },
  );
  learnerEngaged().then(() => !cancelled && seen.observe(editor.element));
  return () => {
    cancelled = true;
    seen.disconnect();
    cancelIdleCallback(idle);
  };
}
