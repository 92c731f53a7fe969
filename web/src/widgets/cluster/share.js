// Share links: a link names the widget (cluster=<id>) and carries its run
// spec and event hash (model/run-spec.js encodes them), so opening it replays
// exactly that run and the page can confirm the hash.
import { encodeShareLink, decodeShareLink } from './model/run-spec.js';
import { controlText as t } from './controls/control-strings.js';

/** {spec, hash, error} for widget `id` if the page's fragment is a link to it; nulls otherwise. */
export function sharedRunFor(id, hash) {
  const query = hash.indexOf('?');
  if (!id || query < 0) return { spec: null, hash: null, error: null };
  const params = new URLSearchParams(hash.slice(query + 1));
  if (params.get('cluster') !== id) return { spec: null, hash: null, error: null };
  return decodeShareLink(hash.slice(query + 1));
}

/** The address of a run: this lesson's page with ?cluster=<id>&v=1&run=...&hash=... in its fragment. */
export function shareLinkFor(id, spec, hash, href = location.href) {
  const url = new URL(href);
  const lesson = url.hash.split('?')[0] || '#/';
  url.hash = `${lesson}?cluster=${encodeURIComponent(id)}&${encodeShareLink(spec, hash)}`;
  return url.href;
}

export async function shareRun(id, spec, hash, status) {
  const link = shareLinkFor(id, spec, hash);
  try {
    await navigator.clipboard.writeText(link);
    status(t.shared);
  } catch {
    status(`${t.shareFailed} ${link}`);
  }
  return link;
}
