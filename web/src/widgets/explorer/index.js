// The interleaving explorer widget: ```widget explorer``` in a lesson.
//
// Config: {"levels": [{id, title, goal, hint?, program: {shared, threads}, win, editable?}], "maxStates"?, "start"?}
// (see levels.js for `win`). An editable level lets the learner change the
// threads' lines; its goal is usually checked by Explore all. Two modes on the same program:
//   Step:        the learner picks which thread runs its next line; the page
//                shows every thread's current line, locals and status, the
//                shared memory and the mutexes, and checks the level's goal.
//   Explore all: every schedule, grouped by how it ends, with a count and one
//                example each (Replay loads it into Step mode); deadlocks flagged.
// All the semantics live in the C++ model (cpp/explorer), which runs in this
// widget's Web Worker (explorer-worker.js, reached through explorer-client.js)
// so the page never freezes. The widget itself is in three parts:
//   state.js     every field that changes, in one object;
//   commands.js  what clicks and keys do: queued requests to the worker, which update the state;
//   render.js    the state drawn as DOM (read only).
// This file checks the config, connects the three and handles the keyboard.
import './explorer.css';
import { text } from './strings.js';
import { levelProblems } from './levels.js';
import { el } from '../dom.js';
import { createState, firstLevelIndex, setDraft } from './state.js';
import { createCommands } from './commands.js';
import { renderError, renderWidget, replaceKeepingFocus } from './render.js';

export function mount(element, config = {}) {
  const levels = Array.isArray(config.levels) ? config.levels : [];
  // tabindex -1: the region itself can hold focus (and so keep receiving the
  // keyboard shortcuts) when the button that had focus becomes disabled.
  const root = el('div', { class: 'cdd-explorer', role: 'region', tabindex: '-1', 'aria-label': config.title || text.title });
  element.replaceChildren(root);
  root.append(el('p', { class: 'explorer-status' }, text.loading));

  const problems = levels.flatMap(levelProblems);
  if (levels.length === 0) problems.push(text.noLevels);
  if (problems.length) {
    root.replaceChildren(renderError(text.badProgram(problems.join('; '))));
    return () => {};
  }

  const state = createState(levels, config);
  // The view draws with the actions and the actions draw through the view:
  // `actions` (below) exists before any command runs, so before the first render.
  const view = {
    render() {
      if (!state.destroyed && !state.broken) replaceKeepingFocus(root, renderWidget(state, actions));
    },
    focus: (selector) => root.querySelector(selector)?.focus(),
    // After a redraw whose focused button is gone, focus falls back to the
    // region; this puts it on the button that took that one's place.
    focusIfLost(selector) {
      if (document.activeElement === root) root.querySelector(selector)?.focus({ preventScroll: true });
    },
    showError: (message) => root.replaceChildren(renderError(message)),
  };
  const commands = createCommands(state, view);
  const actions = {
    ...commands,
    setDraft: (thread, value, shown) => setDraft(state, thread, value, shown),
    setEditorOpen: (open) => (state.editorOpen = open),
  };

  const onKey = (event) => keyCommand(event, commands);
  root.addEventListener('keydown', onKey);
  commands.openLevel(firstLevelIndex(state, config.start));

  return () => {
    commands.destroy();
    root.removeEventListener('keydown', onKey);
  };
}

// Keys 1-4 run a thread, U undoes, R resets, E explores all (not while typing in the editor).
function keyCommand(event, commands) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target.closest('input, textarea, select, [contenteditable]')) return;
  const key = event.key.toLowerCase();
  if (/^[1-4]$/.test(key)) commands.runThread(Number(key) - 1);
  else if (key === 'u') commands.undo();
  else if (key === 'r') commands.reset();
  else if (key === 'e') commands.exploreAll();
  else return;
  event.preventDefault();
}
