// A cell's output terminal (xterm.js). Keeps every line it printed as text
// too, for copying and for the page's own checks.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { currentTheme, onThemeChange } from '../theme.js';

const THEMES = {
  light: { background: '#fbfbfd', foreground: '#1f2330', cursor: '#fbfbfd', selectionBackground: '#b6d4fe' },
  dark: { background: '#11141b', foreground: '#d8dce6', cursor: '#11141b', selectionBackground: '#3b4a6b' },
};
const STYLE = { out: '', err: '\x1b[31m', info: '\x1b[2m', ok: '\x1b[32m', warn: '\x1b[33m' };

export class OutputTerminal {
  constructor(element) {
    this.element = element;
    element.cddTerminal = this; // lets the page's tests read the full text
    this.lines = [];
    this.terminal = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      fontSize: 13,
      rows: 12,
      scrollback: 5000,
      screenReaderMode: true,
      theme: THEMES[currentTheme()],
    });
    this.fit = new FitAddon();
    this.terminal.loadAddon(this.fit);
    this.terminal.open(element);
    // Output only: Tab moves focus on through the page instead of being typed into the terminal (no keyboard trap).
    this.terminal.attachCustomKeyEventHandler((event) => event.key !== 'Tab');
    this.fit.fit();
    this.resizeObserver = new ResizeObserver(() => this.fit.fit());
    this.resizeObserver.observe(element);
    this.stopWatchingTheme = onThemeChange((theme) => (this.terminal.options.theme = THEMES[theme]));
  }

  /** @param {'out'|'err'|'info'|'ok'|'warn'} style */
  writeLine(text, style = 'out') {
    this.lines.push({ style, text, time: performance.now() });
    const colour = STYLE[style] ?? '';
    this.terminal.write(`${colour}${text}${colour ? '\x1b[0m' : ''}\r\n`);
  }

  clear() {
    this.lines = [];
    this.terminal.reset();
  }

  text() {
    return this.lines.map((l) => l.text).join('\n');
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.stopWatchingTheme();
    this.terminal.dispose();
  }
}
