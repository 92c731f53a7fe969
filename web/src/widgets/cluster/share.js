// Share links: a link names the widget and carries its run spec and event
// hash in the common share envelope (web/src/share/envelope.js, payload made
// by model/run-spec.js), so opening it replays exactly that run and the page
// can confirm the hash. Old links (?cluster=<id>&v=1&run=...) still open.
import { encodeShareLink, decodeShareLink } from './model/run-spec.js';
import { isShareLink, shareAddress } from '../../share/envelope.js';
import { controlText as t } from './controls/control-strings.js';

const none = { spec: null, hash: null, error: null };

/** {spec, hash, error} for widget `id` if the page's fragment is a link to it; nulls otherwise. */
export function sharedRunFor(id, hash) {
  if (!id || !isShareLink(hash)) return none;
  const run = decodeShareLink(hash);
  // A link to another widget (or to a cell) is not this widget's business;
  // a link that cannot be read at all is reported by the page (share/open-link.js).
  if (run.cluster !== id) return none;
  return { spec: run.spec, hash: run.hash, error: run.error };
}

/** The address of a run: this lesson's page with ?v=2&s=... in its fragment, or {error} when it would be too long. */
export function shareLinkFor(id, spec, hash, href = location.href) {
  const slug = decodeURIComponent(new URL(href).hash.replace(/^#\/?/, '').split(/[/?]/)[0]);
  const { text, error } = encodeShareLink(spec, hash, id);
  return error ? { link: null, error } : { link: shareAddress(href, slug, text), error: null };
}

export async function shareRun(id, spec, hash, status) {
  const { link, error } = shareLinkFor(id, spec, hash);
  if (error) {
    status(error);
    return null;
  }
  try {
    await navigator.clipboard.writeText(link);
    status(t.shared);
  } catch {
    status(`${t.shareFailed} ${link}`);
  }
  return link;
}
