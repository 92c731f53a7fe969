// Colours of the canvas views, read from CSS variables (cluster.css, styles.css) so dark mode
// works; read again when the theme changes.
import { onThemeChange, themeColor } from '../../../theme.js';

const NAMES = {
  text: ['--text', '#1f2330'], soft: ['--text-soft', '#5b6272'], grid: ['--grid', '#e3e6ee'], bg: ['--bg', '#ffffff'],
  accent: ['--accent', '#2450c8'], focus: ['--focus', '#f59e0b'],
  ok: ['--cluster-ok', '#18794e'], fail: ['--cluster-fail', '#b42318'], info: ['--cluster-info', '#a15c00'],
  pending: ['--cluster-pending', '#5b6272'], fault: ['--cluster-fault', '#b42318'], window: ['--cluster-window', 'rgba(245,158,11,0.18)'],
  message: ['--cluster-message', '#2450c8'], client: ['--cluster-client', '#7c3aed'], drop: ['--cluster-drop', '#b42318'],
};

export function readPalette() {
  return Object.fromEntries(Object.entries(NAMES).map(([key, [variable, fallback]]) => [key, themeColor(variable) || fallback]));
}

/** Keeps `holder.palette` current; returns the function that stops watching. */
export function watchPalette(holder, onChange) {
  holder.palette = readPalette();
  return onThemeChange(() => {
    holder.palette = readPalette();
    onChange();
  });
}
