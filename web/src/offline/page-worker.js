// The page's side of the service worker (service-worker.js): registers it,
// reloads once when that is what makes the page cross-origin isolated
// (isolation-step.js), and offers a new deploy with a notice. A new version
// takes over only when the learner asks, so a page never mixes two builds.
import { isolationStep } from './isolation-step.js';
import { strings } from './strings.js';
import { takeOver } from './takeover.js';
import './notice.css';

// Kept in localStorage, not sessionStorage: the reload switches between a
// document with COOP and one without, and Chromium gives each side of such a
// switch its own session storage, so a mark made before the reload could be
// found again later by a page that never reloaded.
const RELOADED_KEY = 'cdd:isolation-reload';

function readFlag() {
  try {
    return localStorage.getItem(RELOADED_KEY) === '1';
  } catch {
    return true; // no storage to remember a reload in: never risk a loop
  }
}

function writeFlag(on) {
  try {
    if (on) localStorage.setItem(RELOADED_KEY, '1');
    else localStorage.removeItem(RELOADED_KEY);
  } catch {
    // nothing to remember it in; readFlag() then says "already reloaded"
  }
}

/** Shows (or replaces) the one update notice above the page, with a button doing `action`. */
function showNotice(text, buttonText, action) {
  document.querySelector('.update-notice')?.remove();
  const notice = document.createElement('div');
  notice.className = 'notice update-notice';
  notice.setAttribute('role', 'status');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = buttonText;
  button.addEventListener('click', action, { once: true });
  notice.append(text, button);
  document.querySelector('.layout').before(notice);
}

function decideIsolation(container) {
  const step = isolationStep({
    isolated: self.crossOriginIsolated === true,
    serviceWorkers: true,
    controlled: Boolean(container.controller),
    reloadedOnce: readFlag(),
  });
  if (step === 'isolated') writeFlag(false);
  if (step === 'reload') {
    writeFlag(true);
    location.reload();
  }
}

// A newly installed version waits; the notice lets the learner switch to it.
function offerUpdates(registration, container, state) {
  const offer = (worker) => showNotice(strings.newVersion, strings.loadNewVersion, () => {
    state.updateRequested = true;
    takeOver(worker, registration.scope);
  });
  const watch = (worker) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller) offer(worker);
    });
  // The browser may have found the new version before this page asked.
  if (registration.waiting && container.controller) offer(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

/**
 * Forgets an earlier reload for isolation once the page is isolated, so a
 * later load past the worker (a hard reload) may reload once again. Called
 * as the page starts, before it registers the worker.
 */
export function noteIsolation() {
  if (self.crossOriginIsolated === true) writeFlag(false);
}

/** Registers the service worker; resolves once the page is settled (or nothing can be done). */
export async function startServiceWorker() {
  const container = navigator.serviceWorker;
  // No service workers here (a non-secure context: plain HTTP off localhost):
  // no offline copy and, without headers from the host, no threads; main.js's
  // notice says so. Nothing to reload.
  if (!container) return;
  const state = { controlled: Boolean(container.controller), updateRequested: false };
  container.addEventListener('controllerchange', () => {
    const first = !state.controlled;
    state.controlled = true;
    if (first) decideIsolation(container);
    else if (state.updateRequested) location.reload();
    else showNotice(strings.updatedElsewhere, strings.reload, () => location.reload());
  });
  let registration;
  try {
    const scope = new URL('./', document.baseURI).href;
    registration = await container.register(new URL('service-worker.js', scope).href, { scope });
  } catch {
    return; // e.g. storage disabled: the page works as served
  }
  // Playwright's `serviceWorkers: 'block'` answers register() with undefined.
  if (!registration) return;
  offerUpdates(registration, container, state);
  if (state.controlled) {
    decideIsolation(container);
    registration.update().catch(() => {}); // offline: nothing to check
    return;
  }
  // First visit (the worker claims the page once active) or a hard reload
  // (the worker is active but skipped): either way, ask to be controlled.
  const ready = await container.ready;
  ready.active?.postMessage({ type: 'claim' });
}
