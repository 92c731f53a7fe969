// Whether an address carries a share at all, without unpacking it: the page
// asks this on every lesson load, so it lives apart from envelope.js (and the
// compression library), which load only when a link is made or opened.

/** The query of a link's fragment: a whole URL, a fragment ("#/lesson?...") or the query alone. */
export function shareQuery(text) {
  const fragment = text.slice(text.indexOf('#') + 1);
  const query = fragment.indexOf('?');
  return query < 0 ? (fragment.includes('=') ? fragment : '') : fragment.slice(query + 1);
}

/** Whether a text carries a share (a version field): a plain lesson route does not. */
export function isShareLink(text) {
  return typeof text === 'string' && new URLSearchParams(shareQuery(text)).has('v');
}
