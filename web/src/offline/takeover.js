// Switching the open page to a new version of the site (the "new version"
// notice's button): the waiting service worker is asked to skip waiting, and
// the page reloads on controllerchange (page-worker.js).
//
// Why the nudges: Chromium (156) swaps the old worker out only once it is
// idle, and stops it to get there; a fetch reaching it at that moment (the
// learner's click also starts the page's lazy downloads, a program worker may
// be loading) starts it again, and the new version then waits until the old
// worker has been idle for about 30 s -- asking again changes nothing, as the
// first request is still pending. A navigation in the worker's scope starts
// the swap again and asks the old worker to stop as soon as it is idle, so
// until the new version is active the page navigates a hidden frame to a tiny
// file of the site once a second.
const NUDGE_EVERY_MS = 1000;
const NUDGE_PATH = 'service-worker.js'; // small, and on every host that serves the site

function nudge(scope) {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.addEventListener('load', () => frame.remove(), { once: true });
  frame.src = new URL(NUDGE_PATH, scope).href;
  document.body.append(frame);
}

/** Asks the waiting `worker` of the registration at `scope` to take over, nudging until it has. */
export function takeOver(worker, scope) {
  worker.postMessage({ type: 'skip-waiting' });
  const timer = setInterval(() => {
    if (worker.state === 'installed') nudge(scope);
    else clearInterval(timer);
  }, NUDGE_EVERY_MS);
}
