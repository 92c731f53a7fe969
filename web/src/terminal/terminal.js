// A cell's output terminal (xterm.js). Keeps every line it printed as text
// too, for copying and for the page's own checks. Lines reach xterm.js paced
// (render/paced-view.js): a few times a second while a program prints, and
// all of them when the run ends (flush) or the learner scrolls or clicks.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { currentTheme, onThemeChange } from '../theme.js';
import { pacedView } from '../render/paced-view.js';

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
    this.unwritten = ''; // text not yet handed to xterm.js
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
    this.drawing = pacedView(element, () => this.writeUnwritten());
  }

  writeUnwritten() {
    const text = this.unwritten;
    this.unwritten = '';
    if (text) this.terminal.write(text);
  }

  /** Hands every line printed so far to xterm.js now (the end of a run). */
  flush() {
    this.drawing.flush();
  }

  /** Resolves once xterm.js has parsed everything handed to it (after flush). */
  written() {
    return new Promise((resolve) => this.terminal.write('', resolve));
  }

  /** The text xterm.js holds (scrollback and screen, wrapped rows joined), for tests. */
  shownText() {
    const buffer = this.terminal.buffer.active;
    const rows = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      const text = line.translateToString(true);
      if (line.isWrapped && rows.length) rows[rows.length - 1] += text;
      else rows.push(text);
    }
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    return rows.join('\n');
  }

  /** @param {'out'|'err'|'info'|'ok'|'warn'} style */
  writeLine(text, style = 'out') {
    this.lines.push({ style, text, time: performance.now() });
    const colour = STYLE[style] ?? '';
    this.unwritten += `${colour}${text}${colour ? '\x1b[0m' : ''}\r\n`;
    this.drawing.request();
  }

  clear() {
    this.lines = [];
    this.unwritten = '';
    this.terminal.reset();
  }

  text() {
    return this.lines.map((l) => l.text).join('\n');
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.drawing.dispose();
    this.stopWatchingTheme();
    this.terminal.dispose();
  }
}
