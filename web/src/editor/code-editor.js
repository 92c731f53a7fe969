// A cell's source editor. It first shows the program as plain, readable text,
// then swaps in Monaco when it has loaded. Several files become tabs.
import { editorTheme, onThemeChange } from '../theme.js';
import { loadEdit, saveEdit } from './edits.js';
import { sameProgram } from './same-program.js';
import { wireEditorKeys } from './keyboard.js';

let editorCount = 0;

let monacoPromise = null;
/** Loads Monaco once for the whole page. */
export function loadMonaco() {
  monacoPromise ||= import('./monaco.js').then((m) => m.monaco);
  return monacoPromise;
}

export class CodeEditor {
  /**
   * @param {HTMLElement} element
   * @param {{lesson: string, files: {name: string, source: string}[],
   *          onChange: () => void, onRun: () => void, readOnly?: boolean, shared?: {[name]: string}}} options
   *   readOnly: shows the files without letting them change (nothing is saved)
   *   shared: texts from a share link to show instead; not saved (see persist) over the learner's own edits
   */
  constructor(element, { lesson, files, onChange = () => {}, onRun = () => {}, readOnly = false, shared = null }) {
    this.element = element;
    element.cddEditor = this; // lets the page's tests read what the learner sees
    this.lesson = lesson;
    this.onChange = onChange;
    this.onRun = onRun;
    this.readOnly = readOnly;
    this.persist = !readOnly && !shared; // whether changes are saved (edits.js)
    this.files = files.map((f) => ({ ...f, text: shared?.[f.name] ?? (readOnly ? null : loadEdit(lesson, f.name, f.source)) ?? f.source }));
    this.active = 0;
    element.classList.add('code-editor');
    element.innerHTML = '<div class="editor-tabs" role="tablist"></div><div class="editor-body"><pre class="code-fallback" tabindex="0"><code></code></pre></div><p class="editor-keys" hidden></p>';
    this.tabs = element.querySelector('.editor-tabs');
    this.body = element.querySelector('.editor-body');
    this.hint = element.querySelector('.editor-keys');
    this.hint.id = `editor-keys-${++editorCount}`;
    this.renderTabs();
    this.showFallback();
    this.body.addEventListener('pointerdown', () => this.upgrade(), { once: true });
    this.body.addEventListener('focusin', () => this.upgrade(), { once: true });
  }

  renderTabs() {
    this.tabs.hidden = this.files.length < 2;
    this.tabs.replaceChildren(
      ...this.files.map((f, i) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.role = 'tab';
        tab.textContent = f.name + (sameProgram(f.source, f.text) ? '' : ' •');
        tab.setAttribute('aria-selected', String(i === this.active));
        tab.addEventListener('click', () => this.select(i));
        return tab;
      }),
    );
  }

  select(index) {
    this.active = index;
    this.renderTabs();
    if (this.editor) this.editor.setModel(this.models[index]);
    else this.showFallback();
  }

  showFallback() {
    const code = this.body.querySelector('.code-fallback code');
    if (code) code.textContent = this.files[this.active].text;
  }

  /** Replaces the plain text with Monaco (once). */
  async upgrade() {
    if (this.upgrading) return this.upgrading;
    this.upgrading = (async () => {
      const monaco = await loadMonaco();
      if (this.destroyed) return;
      const fallback = this.body.querySelector('.code-fallback');
      const height = Math.min(380, Math.max(160, fallback.offsetHeight || 300));
      this.models = this.files.map((f) => {
        const model = monaco.editor.createModel(f.text, 'cpp');
        model.onDidChangeContent(() => {
          if (this.readOnly) return;
          f.text = model.getValue();
          if (this.persist) saveEdit(this.lesson, f.name, f.source, f.text);
          this.renderTabs();
          this.onChange();
        });
        return model;
      });
      const host = document.createElement('div');
      host.className = 'monaco-host';
      host.style.height = `${height}px`;
      const hadFocus = document.activeElement === fallback;
      fallback.replaceWith(host);
      this.editor = monaco.editor.create(host, {
        model: this.models[this.active],
        theme: editorTheme(monaco),
        automaticLayout: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 13,
        readOnly: this.readOnly,
        tabSize: 2,
        ariaLabel: `C++ source of ${this.files[0].name}`,
      });
      this.hint.hidden = false;
      wireEditorKeys(monaco, this.editor, { hint: this.hint, onRun: () => this.onRun(), readOnly: this.readOnly });
      // Focus was on the plain text the editor replaces: keep it in the cell, not on the page's body.
      if (hadFocus) this.editor.focus();
      this.stopWatchingTheme = onThemeChange((theme) => monaco.editor.setTheme(editorTheme(monaco, theme)));
      this.monaco = monaco;
      this.element.dataset.monaco = 'ready';
    })();
    return this.upgrading;
  }

  /** Whether the program differs from the original (blanks a compiler ignores do not count). */
  isEdited() {
    return this.files.some((f) => !sameProgram(f.source, f.text));
  }

  /** {fileName: text} of what the learner sees now. */
  sources() {
    return Object.fromEntries(this.files.map((f) => [f.name, f.text]));
  }

  /** The learner's saved edits of these files ({name: text}), or null when there are none. */
  savedEdits() {
    const saved = this.files.map((f) => [f.name, loadEdit(this.lesson, f.name, f.source)]);
    return saved.some(([, text]) => text !== null) ? Object.fromEntries(saved.map(([name, text], i) => [name, text ?? this.files[i].source])) : null;
  }

  /** Shows `texts` ({name: text}; a file not named shows its original), writing nothing; then saves changes or not. */
  replaceTexts(texts, { persist }) {
    this.persist = false;
    for (const [i, f] of this.files.entries()) {
      f.text = texts[f.name] ?? f.source;
      if (this.models) this.models[i].setValue(f.text);
    }
    this.persist = persist && !this.readOnly;
    this.renderTabs();
    this.showFallback();
    this.onChange();
  }

  reset() {
    for (const [i, f] of this.files.entries()) {
      f.text = f.source;
      if (this.persist) saveEdit(this.lesson, f.name, f.source, f.source);
      if (this.models) this.models[i].setValue(f.source);
    }
    this.setMarkers([]);
    this.renderTabs();
    this.showFallback();
    this.onChange();
  }

  /** Shows compiler diagnostics ({file, line, column, severity, message}) on their lines. */
  async setMarkers(diagnostics) {
    if (!diagnostics.length && !this.editor) return;
    await this.upgrade();
    const severity = { error: 8, warning: 4, info: 2, note: 2 };
    this.files.forEach((f, i) => {
      const markers = diagnostics
        .filter((d) => d.file === f.name || (!d.file && i === 0))
        .map((d) => ({
          startLineNumber: d.line, startColumn: d.column || 1,
          endLineNumber: d.line, endColumn: (d.column || 1) + 1,
          message: d.message, severity: severity[d.severity] ?? 8,
        }));
      this.monaco.editor.setModelMarkers(this.models[i], 'compiler', markers);
    });
  }

  destroy() {
    this.destroyed = true;
    this.stopWatchingTheme?.();
    this.editor?.dispose();
    this.models?.forEach((m) => m.dispose());
  }
}

