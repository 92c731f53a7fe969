// The page's side of opening a share link: which cell the fragment names
// (resolved before the cells mount, so that cell starts with the shared code)
// and, once the lesson is on the page, scrolling to it or saying why the link
// cannot be opened. Never throws, never leaves the page blank: the lesson is
// shown as written under the message. The decoder (and its compression
// library) loads only when the address holds a share.
import { isShareLink } from './fragment.js';

/** What `hash` asks of `lesson` ({cells, widgets}): see resolveShare; null at once for a plain route. */
export async function shareFor(hash, lesson) {
  if (!isShareLink(hash)) return null;
  const clusters = lesson.widgets.filter((w) => w.name === 'cluster' && w.config?.id).map((w) => w.config.id);
  try {
    const { resolveShare } = await import('./cell-payload.js');
    return resolveShare(hash, lesson.cells, clusters);
  } catch (error) {
    return { error: String(error?.message ?? error) }; // resolveShare does not throw: a failed import, say
  }
}

/** After the lesson has mounted: the problem above the lesson, or the shared cell scrolled into view. */
export function presentShare(main, share) {
  if (!share) return;
  if (share.error) {
    const problem = document.createElement('p');
    problem.className = 'notice share-problem';
    problem.setAttribute('role', 'alert');
    problem.textContent = share.error;
    main.prepend(problem);
    return;
  }
  if (share.cell) main.querySelector(`.cdd-cell[data-cell="${share.cell.index}"]`)?.scrollIntoView({ block: 'start' });
}
