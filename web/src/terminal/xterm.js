// xterm.js and its fit add-on with their style sheet, in a chunk of their own:
// loaded when the first terminal of the page opens, not with the page.
import '@xterm/xterm/css/xterm.css';

export { Terminal } from '@xterm/xterm';
export { FitAddon } from '@xterm/addon-fit';
