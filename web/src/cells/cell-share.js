// A cell's Share button and, when the cell was opened from a share link, its
// "shared" marker. The link carries the code the editor shows and the
// parameters (web/src/share/). Shared code is not saved over the learner's
// own edits: the editor does not persist while the cell is shared, and the
// marker offers the lesson's code (and the learner's saved edits, if any).
// The envelope (and its compression library) loads at the first click on Share.
import { shareStrings as s } from '../share/strings.js';

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** The link to the cell as it is now, or {error}. */
async function linkFor(ctx, where) {
  const [{ encodeShare, shareAddress }, { cellPayload }] = await Promise.all([import('../share/envelope.js'), import('../share/cell-payload.js')]);
  const payload = cellPayload(where.cells, where.index, ctx.editor.sources(), ctx.controls.values());
  const { text, error } = encodeShare(payload);
  return error ? { link: null, error } : { link: shareAddress(location.href, where.lesson, text), error: null };
}

function shareButton(ctx, element, where) {
  const button = el('button', { type: 'button', className: 'share', title: s.shareTitle, textContent: s.share });
  element.querySelector('.cell-toolbar .cell-status').before(button);
  const input = el('input', { type: 'text', readOnly: true, className: 'share-link-text' });
  const message = el('span', { className: 'share-message' });
  input.setAttribute('aria-label', s.linkLabel);
  const box = el('div', { className: 'cell-share', hidden: true }, message, ' ', input);
  box.setAttribute('role', 'status');
  element.querySelector('.cell-toolbar').after(box);
  button.addEventListener('click', async () => {
    const { link, error } = await linkFor(ctx, where);
    box.hidden = false;
    box.dataset.state = error ? 'refused' : 'made';
    input.hidden = !link;
    input.value = link ?? '';
    if (error) return (message.textContent = error);
    message.textContent = s.linkShown;
    try {
      await navigator.clipboard.writeText(link);
      message.textContent = s.linkCopied;
    } catch {
      input.select(); // no clipboard (permission, insecure page): the link is selected for copying by hand
    }
  });
}

function sharedMarker(ctx, element, where, unknownParams) {
  const saved = ctx.editor.savedEdits();
  const back = el('button', { type: 'button', className: 'back-to-lesson', textContent: s.backToLesson });
  const mine = el('button', { type: 'button', className: 'back-to-mine', textContent: s.backToMine, hidden: !saved });
  const text = s.sharedNotice + (unknownParams.length ? ` ${s.unknownParams(unknownParams)}` : '');
  const marker = el('div', { className: 'cell-shared notice' }, el('span', { textContent: text }), ' ', back, ' ', mine);
  marker.setAttribute('role', 'note');
  element.querySelector('.cell-toolbar').after(marker);
  element.dataset.shared = 'true';
  const leave = (texts) => {
    ctx.editor.replaceTexts(texts, { persist: true });
    ctx.controls.reset();
    marker.remove();
    delete element.dataset.shared;
    // The address no longer opens the shared code on a reload.
    history.replaceState(history.state, '', `#/${encodeURIComponent(where.lesson)}`);
  };
  back.addEventListener('click', () => leave({}));
  mine.addEventListener('click', () => leave(saved));
  // Reset means the lesson's code here too (the editor has not written it over the learner's saved edits).
  ctx.view.buttons.reset.addEventListener('click', () => element.dataset.shared && leave({}));
}

/** Adds sharing to a mounted cell. where: {lesson, cells, index}; shared: {files, params} or null. */
export function mountShare(ctx, element, where, shared) {
  shareButton(ctx, element, where);
  if (shared) sharedMarker(ctx, element, where, ctx.controls.setValues(shared.params));
}
