// Light/dark theme: follows the system until the reader picks one, then remembers it.
const listeners = new Set();

export function currentTheme() {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('cdd:theme', theme);
  listeners.forEach((listener) => listener(theme));
}

/** Calls `listener(theme)` on every change; returns a function that stops it. */
export function onThemeChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads a CSS custom property of the current theme (for canvas-drawn views). */
export function themeColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// Monaco's own dark theme draws comments in #608b4e on #1e1e1e, 4.2:1: below
// WCAG AA's 4.5:1 for 13 px text. Ours is that theme with a lighter green (6:1).
const EDITOR_DARK = {
  base: 'vs-dark', inherit: true, colors: {},
  rules: [{ token: 'comment', foreground: '7ca668' }],
};

/** The name of the Monaco theme for the page's `theme` ('light' or 'dark'), defined on first use. */
export function editorTheme(monaco, theme = currentTheme()) {
  if (theme !== 'dark') return 'vs';
  monaco.editor.defineTheme('cdd-dark', EDITOR_DARK);
  return 'cdd-dark';
}
