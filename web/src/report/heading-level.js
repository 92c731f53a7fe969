// The level for a view's title heading: one below the heading the view sits
// under (its cell's title, or else the lesson section's heading), so headings
// never skip a level for a screen reader's outline (axe's heading-order rule).
// Other views' titles are not counted: the views of a cell are siblings.

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role=heading]';

const levelOf = (heading) => Number(heading.getAttribute('aria-level') || heading.tagName.slice(1)) || 2;

/** @param {Element} element a view's element, already in the document */
export function headingLevelUnder(element) {
  let above = null;
  for (const heading of document.querySelectorAll(HEADINGS)) {
    if (!(heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    if (heading.closest('[hidden], .cell-views')) continue;
    above = heading;
  }
  return above ? Math.min(6, levelOf(above) + 1) : 2;
}

/** A heading element of that level with class `view-title`. */
export function viewTitle(element, text) {
  const title = document.createElement(`h${headingLevelUnder(element)}`);
  title.className = 'view-title';
  title.textContent = text;
  return title;
}
