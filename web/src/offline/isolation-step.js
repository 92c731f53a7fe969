// What the page does about cross-origin isolation once it knows whether the
// service worker controls it. The worker adds the isolation headers, but only
// to responses it serves: a page loaded before the worker took control must be
// reloaded once. Once only: a page still not isolated after that reload (a
// browser that ignores the headers, say) stays as it is, single-threaded, and
// its notice says so; it does not reload for this again until a page of the
// site has been isolated.
/**
 * @param {{isolated: boolean, serviceWorkers: boolean, controlled: boolean, reloadedOnce: boolean}} state
 *   serviceWorkers: whether the browser offers them here (not in a non-secure context: plain HTTP off localhost)
 * @returns {'isolated'|'impossible'|'gave-up'|'wait'|'reload'}
 */
export function isolationStep({ isolated, serviceWorkers, controlled, reloadedOnce }) {
  if (isolated) return 'isolated';
  if (!serviceWorkers) return 'impossible';
  if (reloadedOnce) return 'gave-up';
  if (!controlled) return 'wait';
  return 'reload';
}
