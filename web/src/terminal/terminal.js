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
//
// Once open, lines reach xterm.js paced (render/paced-view.js): a few times a
// second while a program prints, and all of them when the run ends (flush) or
// the learner scrolls or clicks.
import { currentTheme, onThemeChange } from '../theme.js';
import { learnerEngaged } from '../learner-engaged.js';
import { pacedView } from '../render/paced-view.js';

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
    this.unwritten = ''; // text of an open terminal not yet handed to xterm.js
    this.terminal = null;
    this.drawing = pacedView(element, () => this.writeUnwritten());
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
    // Output only: Tab moves focus on through the page instead of being typed into the terminal (no keyboard trap).
    this.terminal.attachCustomKeyEventHandler((event) => event.key !== 'Tab');
    this.fit.fit();
    this.resizeObserver = new ResizeObserver(() => this.fit.fit());
    this.resizeObserver.observe(this.element);
    this.stopWatchingTheme = onThemeChange((theme) => (this.terminal.options.theme = THEMES[theme]));
    this.unwritten = '';
    if (this.lines.length) this.terminal.write(this.lines.map(styled).join(''));
  }

  writeUnwritten() {
    const text = this.unwritten;
    this.unwritten = '';
    if (text) this.terminal.write(text);
  }

  /** Hands every line printed so far to xterm.js now (the end of a run), if it is open. */
  flush() {
    this.drawing.flush();
  }

  /** Resolves once the terminal is open (if it opens) and xterm.js has parsed everything handed to it. */
  async written() {
    await this.opening;
    if (this.terminal) await new Promise((resolve) => this.terminal.write('', resolve));
  }

  /** The text xterm.js holds (scrollback and screen, wrapped rows joined), for tests; '' before it opens. */
  shownText() {
    const buffer = this.terminal?.buffer.active;
    const rows = [];
    for (let i = 0; i < (buffer?.length ?? 0); i++) {
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
    const line = { style, text, time: performance.now() };
    this.lines.push(line);
    if (!this.terminal) {
      this.openIfShown();
      return;
    }
    this.unwritten += styled(line);
    this.drawing.request();
  }

  clear() {
    this.lines = [];
    this.unwritten = '';
    this.terminal?.reset();
  }

  text() {
    return this.lines.map((l) => l.text).join('\n');
  }

  destroy() {
    this.destroyed = true;
    this.watch.disconnect();
    this.drawing.dispose();
    if (!this.terminal) return;
    this.resizeObserver.disconnect();
    this.stopWatchingTheme();
    this.terminal.dispose();
  }
}
