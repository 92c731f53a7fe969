// A cell's output terminal (xterm.js). Keeps every line it printed as text
// too, for copying and for the page's own checks.
//
// Opening an xterm is the costliest part of showing a lesson (its renderer,
// its measurements and its own style sheet: about 40 ms each on a desktop,
// several times that on a phone, and a lesson has up to a dozen cells), so a
// terminal opens only when it has a line to show and its cell is on screen or
// within a screen of it. Until then it keeps the lines written to it in an
// empty box of the same height (styles.css, .cell-terminal[data-pending]).
// xterm.js itself (a third of the page's script) is a chunk of its own,
// fetched once the learner starts using the page (or by the first terminal to open).
import { currentTheme, onThemeChange } from '../theme.js';
import { learnerEngaged } from '../learner-engaged.js';

let xterm = null;
const loadXterm = () => (xterm ||= import('./xterm.js'));
learnerEngaged().then(loadXterm);

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
    this.nearScreen = false;
    this.watch = new IntersectionObserver((entries) => {
      this.nearScreen = entries.at(-1).isIntersecting;
      this.openIfShown();
    }, { rootMargin: '100% 0px' });
    this.watch.observe(element);
  }

  /** Creates the xterm (once) when it has lines to show near the screen; they show once it has. */
  openIfShown() {
    if (this.opening || !this.nearScreen || !this.lines.length || this.destroyed) return;
    this.watch.disconnect();
    this.opening = loadXterm().then((modules) => !this.destroyed && this.create(modules));
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
    if (this.terminal) this.terminal.write(styled(line));
    else this.openIfShown();
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
    this.watch.disconnect();
    if (!this.terminal) return;
    this.resizeObserver.disconnect();
    this.stopWatchingTheme();
    this.terminal.dispose();
  }
}
