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
