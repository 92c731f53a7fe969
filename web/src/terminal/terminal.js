// A cell's output terminal (xterm.js). Keeps every line it printed as text
// too, for copying and for the page's own checks.
//
// Opening an xterm is the costliest part of showing a lesson (its renderer,
// its measurements and its own style sheet: about 40 ms each on a desktop,
// several times that on a phone, and a lesson has up to a dozen cells), so a
// terminal opens only when its cell is on screen or within a screen of it.
// Until then it keeps the lines written to it and an empty box of the same
// height (styles.css, .cell-terminal[data-pending]); it shows them when it opens.
// xterm.js itself (a third of the page's script) is loaded with the first one.
import { currentTheme, onThemeChange } from '../theme.js';

let xterm = null;
const loadXterm = () => (xterm ||= import('./xterm.js'));

const THEMES = {
  light: { background: '#fbfbfd', foreground: '#1f2330', cursor: '#fbfbfd', selectionBackground: '#b6d4fe' },
  dark: { background: '#11141b', foreground: '#d8dce6', cursor: '#11141b', selectionBackground: '#3b4a6b' },
};
const STYLE = { out: '', err: '\x1b[31m', info: '\x1b[2m', ok: '\x1b[32m', warn: '\x1b[33m' };
const styled = ({ style, text }) => {
  const colour = STYLE[style] ?? '';
  return `${colour}${text}${colour ? '\x1b[0m' : ''}\r\n`;
};

export class OutputTerminal {
  constructor(element) {
    this.element = element;
    element.cddTerminal = this; // lets the page's tests read the full text
    this.lines = [];
    this.terminal = null;
    element.dataset.pending = '';
    this.near = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.open(), {
      rootMargin: '100% 0px',
    });
    this.near.observe(element);
  }

  /** Creates the xterm (once) and shows every line written so far; resolves when it shows. */
  open() {
    this.near.disconnect();
    this.opening ||= loadXterm().then((modules) => !this.destroyed && this.create(modules));
    return this.opening;
  }

  create({ Terminal, FitAddon }) {
    delete this.element.dataset.pending;
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
    this.terminal.open(this.element);
    this.fit.fit();
    this.resizeObserver = new ResizeObserver(() => this.fit.fit());
    this.resizeObserver.observe(this.element);
    this.stopWatchingTheme = onThemeChange((theme) => (this.terminal.options.theme = THEMES[theme]));
    if (this.lines.length) this.terminal.write(this.lines.map(styled).join(''));
  }

  /** @param {'out'|'err'|'info'|'ok'|'warn'} style */
  writeLine(text, style = 'out') {
    const line = { style, text, time: performance.now() };
    this.lines.push(line);
    this.terminal?.write(styled(line));
  }

  clear() {
    this.lines = [];
    this.terminal?.reset();
  }

  text() {
    return this.lines.map((l) => l.text).join('\n');
  }

  destroy() {
    this.destroyed = true;
    this.near.disconnect();
    if (!this.terminal) return;
    this.resizeObserver.disconnect();
    this.stopWatchingTheme();
    this.terminal.dispose();
  }
}
