// Every user-facing string of the page shell and cells, in one place.
export const strings = {
  isolated: 'Threads on',
  isolatedTitle: 'This page is cross-origin isolated: programs run with real threads (SharedArrayBuffer).',
  notIsolated: 'Threads off',
  notIsolatedNotice:
    'This page is not cross-origin isolated, so the browser does not allow SharedArrayBuffer and programs cannot start threads. ' +
    'Programs run their single-threaded build, and processes exchange messages instead of sharing memory; ' +
    'a program that needs threads or shared memory says so, and why. ' +
    'To get threads, serve the site with the headers ' +
    'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp ' +
    '(npm start does), or over HTTPS/localhost where the bundled service worker can add them.',
  // A built program this page cannot run (web/src/runner/isolation.js): which
  // feature it needs, why the page lacks it, and how to host with it.
  needs: {
    threads:
      'This program needs threads, which this page cannot start: threads share the program\'s memory, a SharedArrayBuffer, ' +
      'and the browser offers SharedArrayBuffer only on a cross-origin isolated page. This page is not.',
    'shared-memory':
      'This program needs shared memory between processes, which this page cannot give it: a block that several processes ' +
      '(Web Workers) see at once is a SharedArrayBuffer, and the browser offers SharedArrayBuffer only on a cross-origin ' +
      'isolated page. This page is not, so here processes exchange messages only (the other programs of lesson 4 run that way).',
  },
  needsHow:
    'To run it, host the site with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: ' +
    'require-corp (npm start does), or over HTTPS or localhost, where its service worker adds them.',
  needsEditedRuns: { threads: 'An edited version without threads runs here.', 'shared-memory': '' },
  needsStatus: { threads: 'Needs threads: see why below.', 'shared-memory': 'Needs shared memory: see why below.' },
  hostingGuide: 'How to host the site with isolation (instructors\' guide)',
  hostingGuideUrl: 'instructors-guide.html#deploy-dist',
  themeToDark: 'Dark',
  themeToLight: 'Light',
  run: 'Run',
  stop: 'Stop',
  reset: 'Reset',
  comparePython: 'Compare with Python',
  runShortcut: navigator.platform.startsWith('Mac') ? '⌘↵' : 'Ctrl+Enter',
  // The line a run starts with in the terminal, as a shell would show it; `note` says which build runs.
  commandLine: (command, args, note = '') => `$ ${command} ${args.join(' ')}${note}`,
  editedVersionNote: '   (your edited version)',
  singleThreadedNote: '   (single-threaded build)',
  loadingProgram: (name) => `Loading ${name}…`,
  running: 'Running…',
  finished: (seconds, code) => `Finished in ${seconds.toFixed(2)} s${code ? ` with exit code ${code}` : ''}`,
  badArguments: 'The program rejected its arguments (see the message above).',
  stopped: (seconds) => `Stopped after ${seconds.toFixed(2)} s. The output so far is kept.`,
  // Why a program failed, by kind (web/src/runner/exit-reasons.js).
  failed: (failure) => failureTexts[failure.kind]?.(failure) ?? failureTexts.crash(failure),
  loadFailed: (reason) => `Could not load the program: ${reason}`,
  editedNotice:
    'You edited this program: Run compiles your version here in the page and runs it. ' +
    'Reset brings back the original.',
  compilerDownloadNotice: (size) =>
    `Downloading the C++ compiler (${size}, only this once: it is kept in your browser's cache)…`,
  compilePhase: (phase) =>
    ({ download: 'Downloading the compiler…', prepare: 'Starting the compiler…', compile: 'Compiling…', link: 'Linking…' })[phase] ??
    `${phase}…`,
  compiledIn: (seconds) => `Compiled and linked in ${seconds.toFixed(2)} s`,
  compileFailed: 'It did not compile: see the messages above and the marks in the code.',
  compileCancelled: 'Compilation stopped.',
  editorLoading: 'Loading the editor…',
  // Said next to every editor: how the keyboard gets in and out (issue 15, item 2).
  editorKeysTabMoves: `Tab moves past the editor; type in it to edit (Tab then indents). ${navigator.platform.startsWith('Mac') ? '⌘↵' : 'Ctrl+Enter'} runs this cell.`,
  editorKeysTabIndents: `Tab indents while you edit; press Esc, then Tab, to leave the editor. ${navigator.platform.startsWith('Mac') ? '⌘↵' : 'Ctrl+Enter'} runs this cell.`,
  pythonLoading: 'Loading Python (Pyodide, about 12 MB the first time)…',
  pythonRunning: 'Running the Python version…',
  pythonFinished: (seconds) => `Python finished in ${seconds.toFixed(2)} s`,
  pythonProgress: ({ x, seconds, nextSeconds }) =>
    `Running the Python version… n = ${x.toLocaleString('en')} done after ${seconds.toFixed(1)} s` +
    (nextSeconds === null ? '' : `; the next size may take about ${Math.ceil(nextSeconds)} s`),
  pythonFailed: (reason) => `Python failed: ${reason}`,
  exitCode: (code) => `exit code ${code}`,
  lessonMissing: (slug) => `There is no lesson called “${slug}”.`,
  pagerLabel: 'Previous and next lesson',
  previousLesson: (title) => `← Previous: ${title}`,
  nextLesson: (title) => `Next: ${title} →`,
  controlsLabel: 'Parameters',
  check: (runs) => (runs > 1 ? `Check (${runs} runs)` : 'Check'),
  checkPassed: '✓ Passed.',
  checkFailed: '✗ Not yet.',
  checkRunFailed: (run) => `Run ${run} did not finish normally (see the terminal).`,
  // A chart's text equivalent (web/src/report/chart-table.js) and an image's legend.
  showTable: 'Show as table',
  hideTable: 'Hide the table',
  tableOf: (title) => `${title}: the plotted points`,
  noPoint: '–',
  imageLegend: (name) => (/thread/i.test(name) ? 'Colour = the thread that computed the pixel:' : 'Colour = the value reported:'),
  imageValue: (name, value) => (/thread/i.test(name) ? `thread ${value}` : String(value)),
  imageTable: (name) => `${name}: what each colour covers`,
  imageColumns: ['colour', 'pixels', 'rows'],
  // Timelines (web/src/report/timeline-view.js): what a bar with a lock state shows.
  timelineStates: { holding: 'holding a lock', waiting: 'waiting for a lock' },
  timelineLabel: (lanes, withStates) =>
    `Timeline with ${count(lanes, 'lane', 'lanes')}` +
    (withStates ? '; solid bars: holding a lock, hatched bars with a dashed outline: waiting for a lock' : ''),
};

// "1 lane", "2 lanes": a count with its noun in the right number.
export function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

const gigabytes = (bytes) => `${+(bytes / 2 ** 30).toFixed(2)} GB`;
const failureTexts = {
  exception: ({ type, what }) =>
    `The program ended with an uncaught exception: ${type}${what ? ` (“${what}”)` : ''}. ` +
    '(In the WebAssembly build a C++ exception cannot be caught: a throw ends the program.)',
  'out-of-memory': ({ limitBytes, requestedBytes, type }) =>
    `The program ran out of memory: WebAssembly memory is limited to ${gigabytes(limitBytes)} here` +
    `${requestedBytes ? `, and it needed ${gigabytes(requestedBytes)}` : ''}${type ? ` (${type})` : ''}. Try a smaller size.`,
  'memory-access': () =>
    'The program accessed memory outside its WebAssembly memory (a trap: memory access out of bounds), ' +
    'for example through a wild or dangling pointer or an index far past the end of an array.',
  trap: ({ message }) => `The program stopped at a WebAssembly trap: ${message}.`,
  abort: ({ message }) => (message ? `The program aborted: ${message}` : 'The program called abort() (a failed assert() does too).'),
  crash: ({ message }) => `The program's worker failed: ${message}`,
};
