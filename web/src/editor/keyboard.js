// How the keyboard gets into and out of a Monaco editor, and runs its cell.
// Tab moves focus past the editor (Monaco's tab-focus mode) until the learner
// types in it; from then on Tab indents, until Escape gives Tab back to the
// page or focus leaves the editor. A line next to the editor says which it is.
// (No Ctrl+M toggle of our own: with two editors on a page, Tab stayed in the
// editor after it, whether bound as an action or as a key handler.)
// Ctrl/Cmd+Enter is bound as an action of this editor alone: Monaco's
// addCommand binds page-wide, so the editor created last would catch it.
import { strings } from '../strings.js';

/**
 * @param {object} monaco the Monaco namespace
 * @param {object} editor the editor instance
 * @param {{hint: HTMLElement, onRun: () => void, readOnly: boolean}} options
 *   hint: where the current keys are said (it also describes the editor to screen readers)
 */
export function wireEditorKeys(monaco, editor, { hint, onRun, readOnly }) {
  let tabMovesFocus = true;
  const setTabMovesFocus = (moves) => {
    tabMovesFocus = moves || readOnly;
    editor.updateOptions({ tabFocusMode: tabMovesFocus });
    hint.textContent = tabMovesFocus ? strings.editorKeysTabMoves : strings.editorKeysTabIndents;
    hint.dataset.tabMovesFocus = String(tabMovesFocus);
  };
  setTabMovesFocus(true);
  // Monaco's input is an EditContext element where the browser has one, else a textarea.
  for (const input of editor.getDomNode()?.querySelectorAll('.native-edit-context, textarea') ?? []) {
    input.setAttribute('aria-describedby', hint.id);
  }

  editor.addAction({
    id: 'cdd.runCell',
    label: strings.run,
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => onRun(),
  });
  // Typing: a change the learner made in the focused editor (not Reset's).
  editor.onDidChangeModelContent(() => {
    if (tabMovesFocus && editor.hasTextFocus()) setTabMovesFocus(false);
  });
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) setTabMovesFocus(true);
  });
  editor.onDidBlurEditorText(() => setTabMovesFocus(true));
}
