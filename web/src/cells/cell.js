// A runnable cell: the program's source (editor), its parameters, Run / Stop /
// Reset, an output terminal and the live views built from its report lines.
// This file builds a cell from its parts and wires its buttons and keys:
//   cell-view.js       the toolbar, status line, edit notice and verdict;
//   cpp-run.js         Run: the C++ program (compile-edits.js first, when edited);
//   python-run.js      Compare with Python: the program's Python twin;
//   exercise.js        Check: several runs judged against the cell's checks (checks.js);
//   run-end.js         how every run ends, whichever its language;
//   program-output.js  output lines to the terminal, report lines to the views.
// The parts share one context object, `ctx`: {cell, view, editor, controls,
// terminal, views, current}, where `current` (the only field that changes) is
// the compile or run in progress ({stop, done?}), or null when the cell is idle.
import { CodeEditor } from '../editor/code-editor.js';
import { OutputTerminal } from '../terminal/terminal.js';
import { ReportViews } from '../report/report-views.js';
import { programUrl, prepare } from '../runner/runner.js';
import { Controls } from './controls.js';
import { createCellView } from './cell-view.js';
import { actOnPress } from './stop-button.js';
import { runCpp } from './cpp-run.js';
import { comparePython } from './python-run.js';
import { checkExercise } from './exercise.js';
import { warmUpCompiler } from './edited-program.js';
import { mountShare } from './cell-share.js';
import { upgradeEditorWhenSeen } from './editor-upgrade.js';

// share: {cells, index} (this cell's place among the lesson's, named in its share links),
// shared: {files, params} when the page was opened from a share link to this cell.
export function mountCell(element, cell, { lesson, first = false, share = null, shared = null }) {
  const view = createCellView(element, cell);
  const editor = new CodeEditor(view.places.editor, {
    lesson,
    files: cell.files,
    shared: shared?.files,
    onChange: () => showEditNotice(),
    onRun: () => run(),
  });
  const ctx = {
    cell,
    view,
    editor,
    controls: new Controls(view.places.controls, cell),
    terminal: new OutputTerminal(view.places.terminal),
    views: new ReportViews(view.places.views),
    current: null,
  };

  // Run is disabled from the moment a run starts (also while an edit compiles,
  // before ctx.current is set), so a second Ctrl+Enter cannot start another.
  function run() {
    if (!ctx.current && !view.buttons.run.disabled) runCpp(ctx);
  }

  function showEditNotice() {
    view.showEditNotice(editor.isEdited());
    if (editor.isEdited()) warmUpCompiler();
  }

  const { buttons } = view;
  buttons.run.addEventListener('click', run);
  actOnPress(buttons.stop, () => ctx.current?.stop());
  buttons.reset.addEventListener('click', () => {
    editor.reset();
    ctx.controls.reset();
  });
  buttons.python.addEventListener('click', () => comparePython(ctx));
  buttons.check.addEventListener('click', () => checkExercise(ctx));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  if (share) mountShare(ctx, element, { lesson, ...share }, shared);
  showEditNotice();
  // Load the program while the learner reads, so Run starts it at once.
  const prepareProgram = () => !ctx.current && prepare(programUrl(cell.program));
  element.addEventListener('pointerenter', prepareProgram);
  element.addEventListener('focusin', prepareProgram);
  if (first) prepareProgram();
  const cancelUpgrade = upgradeEditorWhenSeen(editor);

  return () => {
    cancelUpgrade();
    ctx.current?.stop();
    editor.destroy();
    ctx.terminal.destroy();
    ctx.views.destroy();
  };
}
