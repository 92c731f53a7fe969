// The learner's node program: the template picker, a C++ editor holding the template's source
// (edits kept across reloads, per template, like a cell's), Reset, and the compile step (the
// in-page compiler, threaded build; diagnostics become marks in the code and lines below it).
import { el } from '../../dom.js';
import { CodeEditor } from '../../../editor/code-editor.js';
import { compileEdited, cancelCompile, warmUpCompiler } from '../../../cells/edited-program.js';
import { createTemplatePicker } from './template-picker.js';
import { nodeTemplate } from './templates.js';
import { ownText as t } from './own-strings.js';

/** Compiler output as lines in a <pre>, with the interface compileEdited writes to. */
function createCompileLog() {
  const element = el('pre', { class: 'own-compile-log', 'aria-label': t.compileLog, tabindex: '0', hidden: true });
  return {
    element,
    clear() { element.replaceChildren(); element.hidden = true; },
    writeLine(text, kind = 'info') {
      element.append(el('span', { class: `log-${kind}` }, `${text}\n`));
      element.hidden = false;
    },
  };
}

/**
 * @param {HTMLElement} container
 * @param {{store: string, template: string, onTemplate: (id) => void, onRun: () => void, status: (text) => void}} options
 *   store: the key the editor keeps edits under (one per widget)
 */
export function mountOwnNode(container, { store, template, onTemplate, onRun, status }) {
  const picker = createTemplatePicker({ selected: template, onPick: onTemplate });
  const editorHolder = el('div', { class: 'own-editor' });
  const edited = el('p', { class: 'own-edited', 'aria-live': 'polite' });
  const reset = el('button', { type: 'button', class: 'own-reset' }, t.reset);
  const log = createCompileLog();
  container.replaceChildren(el('h4', { class: 'own-title' }, t.panel), picker.element, editorHolder,
    el('div', { class: 'own-actions' }, reset, edited), log.element);
  let editor = null;
  let shown = null;

  const showEdited = () => {
    edited.textContent = editor?.isEdited() ? t.edited : '';
    if (editor?.isEdited()) warmUpCompiler();
  };
  function setTemplate(id) {
    picker.select(id);
    const chosen = nodeTemplate(id);
    if (shown === id || !chosen?.source) return;
    editor?.destroy();
    editorHolder.replaceChildren();
    const holder = el('div');
    editorHolder.append(holder);
    editor = new CodeEditor(holder, { lesson: store, files: [{ name: chosen.file, source: chosen.source }], onChange: showEdited, onRun });
    shown = id;
    log.clear();
    showEdited();
  }
  reset.addEventListener('click', () => {
    editor?.reset();
    log.clear();
    status(t.resetDone);
  });
  setTemplate(template);

  return {
    setTemplate,
    get editor() { return editor; },
    /** The compiled program ({loaderUrl, wasm, runtime}), or null (did not compile, or stopped). */
    async compile() {
      if (!editor) return null;
      log.clear();
      status(t.compiling);
      const outcome = await compileEdited(editor.sources(), { terminal: log, setStatus: (text) => status(text), threads: true });
      await editor.setMarkers(outcome.diagnostics);
      if (outcome.cancelled) status(t.compileCancelled);
      else if (!outcome.compiled) status(t.compileFailed);
      return outcome.compiled ?? null;
    },
    cancel: () => cancelCompile(),
    destroy: () => editor?.destroy(),
  };
}
