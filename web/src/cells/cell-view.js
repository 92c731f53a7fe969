// A cell's fixed page structure: the toolbar's buttons with their labels, the
// status line, the edit notice and the exercise verdict, and where the editor,
// parameters, terminal and charts go. Every change to these nodes goes through
// the small setters returned here.
import { strings } from '../strings.js';

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
  <p class="cell-needs notice" hidden></p>
  <div class="cell-editor"></div>
  <div class="cell-controls"></div>
  <div class="cell-verdict" role="status" hidden></div>
  <div class="cell-terminal"></div>
  <div class="cell-views"></div>`;

export function createCellView(element, cell) {
  element.innerHTML = TEMPLATE;
  element.classList.add('cell');
  element.dataset.program = cell.program;
  const $ = (selector) => element.querySelector(selector);
  const [run, stop, reset, python, check] = ['.run', '.stop', '.reset', '.python', '.check'].map($);
  const status = $('.cell-status');
  const notice = $('.cell-notice');
  const needs = $('.cell-needs');
  const verdict = $('.cell-verdict');
  run.innerHTML = `${strings.run} <kbd>${strings.runShortcut}</kbd>`;
  stop.textContent = strings.stop;
  reset.textContent = strings.reset;
  python.textContent = strings.comparePython;
  python.hidden = !cell.python;
  check.textContent = strings.check(cell.runs);
  check.hidden = cell.checks.length === 0;
  const title = $('.cell-title');
  title.textContent = cell.title;
  title.hidden = !cell.title;

  return {
    buttons: { run, stop, reset, python, check },
    places: { editor: $('.cell-editor'), controls: $('.cell-controls'), terminal: $('.cell-terminal'), views: $('.cell-views') },
    /** The status line's text, and the cell's data-state (loading, running, done, stopped, error). */
    setStatus(text, state) {
      status.textContent = text;
      element.dataset.state = state;
    },
    /** While something runs (or compiles) only Stop is enabled. */
    setRunning(running) {
      run.disabled = running;
      python.disabled = running;
      check.disabled = running;
      stop.disabled = !running;
    },
    showEditNotice(edited) {
      notice.hidden = !edited;
      notice.textContent = strings.editedNotice;
    },
    /** Why this page cannot run the program ('threads', 'shared-memory'), with a link to hosting it; null hides it. */
    showNeeds(feature) {
      needs.hidden = !feature;
      if (!feature) return;
      const link = document.createElement('a');
      link.href = strings.hostingGuideUrl;
      link.textContent = strings.hostingGuide;
      needs.dataset.feature = feature;
      needs.replaceChildren(`${strings.needs[feature]} ${strings.needsHow} ${strings.needsEditedRuns[feature]} `, link, '.');
    },
    hideVerdict() {
      verdict.hidden = true;
    },
    showVerdict(passed, reasons) {
      verdict.hidden = false;
      verdict.dataset.passed = String(passed);
      verdict.textContent = `${passed ? strings.checkPassed : strings.checkFailed} ${reasons.join(' ')}`;
    },
  };
}
