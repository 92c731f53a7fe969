// A runnable cell: the program's source (editor), its parameters, Run / Stop /
// Reset, an output terminal and the live views built from its report lines.
import { strings } from '../strings.js';
import { CodeEditor } from '../editor/code-editor.js';
import { OutputTerminal } from '../terminal/terminal.js';
import { ReportViews } from '../report/report-views.js';
import { parseReportLine } from '../report/parse.js';
import { runProgram, programUrl, prepare } from '../runner/runner.js';
import { isolation } from '../runner/isolation.js';
import { whenNoProgramRuns } from '../runner/activity.js';
import { Controls } from './controls.js';
import { runPython } from '../python/python-runner.js';
import { judge } from './checks.js';
import { compileEdited, cancelCompile, warmUpCompiler } from './edited-program.js';

const TEMPLATE = `
  <h3 class="cell-title" hidden></h3>
  <div class="cell-toolbar">
    <button type="button" class="run primary"></button>
    <button type="button" class="stop" disabled></button>
    <button type="button" class="reset"></button>
    <button type="button" class="python" hidden></button>
    <button type="button" class="check" hidden></button>
    <span class="cell-status" role="status" aria-live="polite"></span>
  </div>
  <p class="cell-notice notice" hidden></p>
  <div class="cell-editor"></div>
  <div class="cell-controls"></div>
  <div class="cell-verdict" role="status" hidden></div>
  <div class="cell-terminal"></div>
  <div class="cell-views"></div>`;

export function mountCell(element, cell, { lesson, first = false }) {
  element.innerHTML = TEMPLATE;
  element.classList.add('cell');
  element.dataset.program = cell.program;
  const $ = (selector) => element.querySelector(selector);
  const [runButton, stopButton, resetButton, pythonButton, checkButton] = ['.run', '.stop', '.reset', '.python', '.check'].map($);
  const status = $('.cell-status');
  const notice = $('.cell-notice');
  runButton.innerHTML = `${strings.run} <kbd>${strings.runShortcut}</kbd>`;
  stopButton.textContent = strings.stop;
  resetButton.textContent = strings.reset;
  pythonButton.textContent = strings.comparePython;
  pythonButton.hidden = !cell.python;
  checkButton.textContent = strings.check(cell.runs);
  checkButton.hidden = cell.checks.length === 0;
  const title = $('.cell-title');
  title.textContent = cell.title;
  title.hidden = !cell.title;
  const verdict = $('.cell-verdict');

  const editor = new CodeEditor($('.cell-editor'), {
    lesson,
    files: cell.files,
    onChange: () => showEditNotice(),
    onRun: () => run(),
  });
  const controls = new Controls($('.cell-controls'), cell);
  const terminal = new OutputTerminal($('.cell-terminal'));
  const views = new ReportViews($('.cell-views'));
  let current = null; // {stop, done} of the run in progress

  function setStatus(text, state) {
    status.textContent = text;
    element.dataset.state = state;
  }

  function setRunning(running) {
    runButton.disabled = running;
    pythonButton.disabled = running;
    checkButton.disabled = running;
    stopButton.disabled = !running;
  }

  function showEditNotice() {
    notice.hidden = !editor.isEdited();
    if (editor.isEdited()) warmUpCompiler();
    notice.textContent = strings.editedNotice;
  }

  // An edited program is compiled in the page first; returns the compiled
  // program, or null when it did not compile (or the learner pressed Stop).
  async function compileEdits() {
    let stopped = false;
    current = { stop: () => ((stopped = true), cancelCompile()) };
    try {
      const outcome = await compileEdited(editor.sources(), { terminal, setStatus });
      editor.setMarkers(outcome.diagnostics);
      if (outcome.cancelled || stopped) {
        terminal.writeLine(strings.compileCancelled, 'warn');
        setStatus(strings.compileCancelled, 'stopped');
        return null;
      }
      if (!outcome.compiled) setStatus(strings.compileFailed, 'error');
      return outcome.compiled ?? null;
    } catch (error) {
      terminal.writeLine(error.message, 'err');
      setStatus(error.message, 'error');
      return null;
    } finally {
      current = null;
    }
  }

  /** One run of the program; resolves to {result, points} when it ends, or null if it could not start. */
  async function startRun() {
    if (cell.threadsRequired && !isolation.threads) {
      terminal.writeLine(strings.threadsRequired, 'warn');
      setStatus(strings.threadsRequired, 'error');
      return null;
    }
    setRunning(true);
    const edited = editor.isEdited();
    const compiled = edited ? await compileEdits() : null;
    if (edited && !compiled) {
      setRunning(false);
      return null;
    }
    if (!edited) editor.setMarkers([]);
    const args = controls.args();
    const note = edited ? '   (your edited version)' : isolation.threads ? '' : '   (single-threaded build)';
    terminal.writeLine(`$ ${cell.program} ${args.join(' ')}${note}`, 'info');
    views.resetFor('cpp');
    setStatus(strings.loadingProgram(cell.program), 'loading');
    const points = [];
    current = runProgram({
      scriptUrl: programUrl(cell.program),
      compiled,
      args,
      onStarted: () => setStatus(strings.running, 'running'),
      onLine: (stream, text) => {
        const report = stream === 'out' && parseReportLine(text);
        if (!report) terminal.writeLine(text, stream);
        else {
          views.add({ ...report, source: 'cpp' });
          if (report.kind === 'point') points.push(report);
        }
      },
    });
    const result = await current.done;
    current = null;
    setRunning(false);
    reportEnd(result);
    return { result, points };
  }

  function run() {
    if (!current) startRun();
  }

  // An exercise: run the program `cell.runs` times and judge its report lines.
  async function check() {
    if (current) return;
    verdict.hidden = true;
    const runs = [];
    for (let i = 0; i < cell.runs; i++) {
      const outcome = await startRun();
      if (!outcome) return;
      if (outcome.result.status !== 'exit' || outcome.result.code !== 0) {
        showVerdict(false, [strings.checkRunFailed(i + 1)]);
        return;
      }
      runs.push(outcome.points);
    }
    const { passed, reasons } = judge(cell.checks, runs);
    showVerdict(passed, reasons);
  }

  function showVerdict(passed, reasons) {
    verdict.hidden = false;
    verdict.dataset.passed = String(passed);
    verdict.textContent = `${passed ? strings.checkPassed : strings.checkFailed} ${reasons.join(' ')}`;
  }

  function reportEnd({ status: how, code, reason, seconds }) {
    if (how === 'exit' && code === 2) {
      setStatus(strings.badArguments, 'error');
    } else if (how === 'exit') {
      const text = strings.finished(seconds, code);
      terminal.writeLine(text, code ? 'err' : 'ok');
      setStatus(text, code ? 'error' : 'done');
    } else if (how === 'stopped') {
      terminal.writeLine(strings.stopped(seconds), 'warn');
      setStatus(strings.stopped(seconds), 'stopped');
    } else {
      const text = reason === 'out of memory' ? strings.outOfMemory
        : how === 'abort' ? strings.aborted(reason) : strings.crashed(reason);
      terminal.writeLine(text, 'err');
      setStatus(text, 'error');
    }
  }

  function comparePython() {
    if (current || !cell.python) return;
    const args = controls.args();
    terminal.writeLine(`$ python ${cell.python.name} ${args.join(' ')}`, 'info');
    views.resetFor('python');
    setStatus(strings.pythonLoading, 'loading');
    setRunning(true);
    current = runPython({
      source: cell.python.source,
      fileName: cell.python.name,
      args,
      onStarted: () => setStatus(strings.pythonRunning, 'running'),
      onLine: (stream, text) => {
        const report = stream === 'out' && parseReportLine(text);
        if (report) views.add({ ...report, source: 'python' });
        else terminal.writeLine(text, stream);
      },
    });
    current.done.then((result) => {
      current = null;
      setRunning(false);
      if (result.status === 'exit' && !result.code) {
        terminal.writeLine(strings.pythonFinished(result.seconds), 'ok');
        setStatus(strings.pythonFinished(result.seconds), 'done');
      } else if (result.status === 'stopped') reportEnd(result);
      else {
        const text = strings.pythonFailed(result.reason ?? `exit code ${result.code}`);
        terminal.writeLine(text, 'err');
        setStatus(text, 'error');
      }
    });
  }

  runButton.addEventListener('click', run);
  stopButton.addEventListener('click', () => current?.stop());
  resetButton.addEventListener('click', () => {
    editor.reset();
    controls.reset();
  });
  pythonButton.addEventListener('click', comparePython);
  checkButton.addEventListener('click', check);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  showEditNotice();
  // Load the program while the learner reads, so Run starts it at once.
  const prepareProgram = () => !current && prepare(programUrl(cell.program));
  element.addEventListener('pointerenter', prepareProgram);
  element.addEventListener('focusin', prepareProgram);
  if (first) prepareProgram();
  // Monaco (about 1 MB gzip) arrives once the page has settled and no program
  // runs, or at the first click into the code; the plain text is readable
  // until then. Waiting keeps it from competing with a run for the network
  // and the CPU.
  let idle = 0;
  let destroyed = false;
  const upgradeWhenIdle = () => {
    if (!destroyed) idle = requestIdleCallback(() => whenNoProgramRuns(() => !destroyed && editor.upgrade()), { timeout: 3000 });
  };
  const settle = setTimeout(() => whenNoProgramRuns(upgradeWhenIdle), 2000);

  return () => {
    destroyed = true;
    clearTimeout(settle);
    cancelIdleCallback(idle);
    current?.stop();
    editor.destroy();
    terminal.destroy();
    views.resetFor('cpp');
  };
}
