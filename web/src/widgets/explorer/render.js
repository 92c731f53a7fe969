// Drawing the explorer: functions from the state (state.js) to DOM nodes. They
// read the state and never change it; a button's handler calls one of the
// `actions` (the queued commands of commands.js, plus the editor's setDraft
// and setEditorOpen), and the commands draw again when they are done.
import { text } from './strings.js';
import { el } from '../dom.js';
import { currentLevel, editorTexts, levelKey, programOf } from './state.js';

export const renderError = (message) => el('p', { class: 'explorer-error', role: 'alert' }, message);

function renderLevels(state, actions) {
  return el('nav', { class: 'explorer-levels', 'aria-label': text.levels },
    state.levels.map((level, i) => {
      const done = state.solved.has(levelKey(level));
      return el('button', {
        type: 'button', class: `level${i === state.levelIndex ? ' current' : ''}${done ? ' solved' : ''}`,
        'aria-pressed': String(i === state.levelIndex), onclick: () => actions.openLevel(i),
        title: done ? text.solved : undefined,
      }, `${i + 1}. ${level.title}`, done ? el('span', { class: 'tick', 'aria-label': text.solved }, text.tick) : null);
    }));
}

function renderThreads({ state: model, program }, actions) {
  return el('div', { class: 'explorer-threads' },
    program.threads.map((thread, t) => {
      const st = model.threads[t];
      const key = t + 1;
      const locals = Object.entries(st.locals);
      return el('section', { class: `thread${st.canRun ? ' can-run' : ''}${st.finished ? ' finished' : ''}`, 'aria-label': text.thread(thread.name) },
        el('h3', {}, text.thread(thread.name)),
        el('ol', { class: 'thread-code' }, thread.lines.map((line, i) =>
          el('li', { class: i === st.pc ? 'current' : i < st.pc ? 'done' : '', 'aria-current': i === st.pc ? 'step' : undefined },
            el('code', {}, line)))),
        el('p', { class: 'thread-status' }, st.status),
        el('p', { class: 'thread-locals' }, locals.length
          ? `${text.locals}: ${locals.map(([n, v]) => `${n} = ${v}`).join(', ')}` : text.noLocals),
        el('button', {
          type: 'button', class: 'thread-step', disabled: !st.canRun,
          title: text.stepTitle(thread.name, key), 'aria-keyshortcuts': String(key), onclick: () => actions.runThread(t),
        }, text.step(thread.name)));
    }));
}

function renderMemory({ state: model }) {
  const shared = Object.entries(model.shared);
  const mutexes = Object.entries(model.mutexes);
  return el('div', { class: 'explorer-memory' },
    shared.length ? el('div', {}, el('h3', {}, text.shared),
      el('ul', {}, shared.map(([n, v]) => el('li', {}, el('code', {}, n), ` = ${v}`)))) : null,
    mutexes.length ? el('div', {}, el('h3', {}, text.mutexes),
      el('ul', {}, mutexes.map(([n, owner]) => el('li', {}, el('code', {}, n), `: ${owner ? text.heldBy(owner) : text.free}`)))) : null);
}

function renderSchedule(log, program) {
  const items = log.map(({ thread, line, retake }) =>
    `${program.threads[thread].name}${line + 1}${retake ? text.retakeMark : ''}`);
  return el('p', { class: 'explorer-schedule' }, `${text.schedule}: `,
    el('code', {}, items.length ? items.join(' ') : text.emptySchedule));
}

// Editable levels only: one box per thread, and Apply / Restore.
function renderEditor(state, actions) {
  if (!currentLevel(state).editable) return null;
  const program = programOf(state, state.levelIndex);
  const texts = editorTexts(state);
  const details = el('details', { class: 'explorer-editor' },
    el('summary', {}, text.edit),
    el('p', { class: 'explorer-help' }, text.editHelp),
    el('div', { class: 'editor-threads' }, program.threads.map((t, i) => {
      const id = `explorer-${state.levelIndex}-${i}-${Math.random().toString(36).slice(2, 7)}`;
      return el('div', {},
        el('label', { for: id }, text.threadLines(t.name)),
        el('textarea', {
          id, rows: String(Math.max(4, texts[i].split('\n').length + 1)), spellcheck: 'false',
          oninput: (e) => actions.setDraft(i, e.target.value, texts),
        }, texts[i]));
    })),
    el('div', { class: 'explorer-actions' },
      el('button', { type: 'button', onclick: () => actions.applyEdits(), class: 'apply' }, text.apply),
      el('button', { type: 'button', onclick: () => actions.restoreLevel() }, text.restore)));
  details.open = state.editorOpen;
  details.addEventListener('toggle', () => actions.setEditorOpen(details.open));
  return details;
}

function renderOutcome({ state: model }) {
  const { kind, label } = model.outcome;
  return el('p', { class: `explorer-outcome outcome-${kind}` }, kind === 'running' ? '' : text.outcome[kind](label));
}

function renderButtons(state, actions) {
  const { exploring } = state;
  return el('div', { class: 'explorer-actions' },
    el('button', { type: 'button', onclick: () => actions.undo(), 'aria-keyshortcuts': 'u', disabled: state.log.length === 0 }, text.undo),
    el('button', { type: 'button', onclick: () => actions.reset(), 'aria-keyshortcuts': 'r' }, text.reset),
    el('button', {
      type: 'button', onclick: () => actions.exploreAll(), 'aria-keyshortcuts': 'e', class: 'explore-all', disabled: exploring,
    }, text.exploreAll),
    exploring ? el('button', { type: 'button', onclick: () => actions.stop(), class: 'explore-stop', title: text.stopTitle }, text.stop) : null,
    exploring ? el('span', { class: 'explorer-busy', role: 'status' }, text.exploring) : null);
}

// Explore all's answer: how many schedules end each way, one example each.
function renderExplored({ explored, maxStates }, actions) {
  if (!explored) return null;
  const table = el('table', {},
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, text.outcomeColumn), el('th', { scope: 'col' }, text.countColumn),
      el('th', { scope: 'col' }, text.exampleColumn), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, text.replay)))),
    el('tbody', {}, explored.outcomes.map((o) =>
      el('tr', { class: `outcome-${o.kind}` },
        // The model's labels already start with "deadlock:" or "error:".
        el('td', {}, o.kind === 'finished' ? o.label : el('strong', { class: 'kind' }, o.label)),
        el('td', { class: 'count' }, String(o.count)),
        el('td', {}, el('code', {}, o.example)),
        el('td', {}, el('button', { type: 'button', title: text.replayTitle, onclick: () => actions.replay(o.schedule) }, text.replay))))));
  return el('div', { class: 'explore-results', tabindex: '-1' },
    el('p', { class: 'explored-summary' }, text.explored(explored.schedules, explored.states), ' ',
      el('strong', { class: explored.deadlockReachable ? 'deadlock-yes' : 'deadlock-no' },
        explored.deadlockReachable ? text.deadlockFound : text.noDeadlock)),
    explored.truncated ? el('p', { class: 'explorer-warning' }, text.truncated(maxStates)) : null,
    table);
}

/** The widget's content, top to bottom: levels, goal, and once a valid program is open, the program and its controls. */
export function renderWidget(state, actions) {
  const level = currentLevel(state);
  const parts = [renderLevels(state, actions),
    el('p', { class: 'explorer-goal' }, el('strong', {}, `${text.goal}: `), level.goal),
    level.hint ? el('p', { class: 'explorer-hint' }, level.hint) : null];
  const { snapshot } = state;
  if (snapshot && snapshot.ok) {
    parts.push(
      renderEditor(state, actions),
      renderThreads(snapshot, actions),
      renderMemory(snapshot),
      renderSchedule(state.log, snapshot.program),
      renderOutcome(snapshot),
      renderButtons(state, actions),
      el('p', { class: 'explorer-help' }, text.keyboardHelp(snapshot.program.threads.map((t) => t.name)), ' ', text.workerNote),
      renderExplored(state, actions));
  }
  const solvedNow = state.message.startsWith(text.solved);
  parts.push(el('p', { class: `explorer-message${solvedNow ? ' solved' : ''}`, role: 'status', 'aria-live': 'polite' }, state.message));
  return parts.filter((part) => part !== null && part !== undefined);
}

/**
 * Replaces `root`'s content with `parts`, keeping keyboard focus on the
 * button that had it (found again by its key or its text), or else on root.
 */
export function replaceKeepingFocus(root, parts) {
  const hadFocus = root.contains(document.activeElement);
  const focusedKey = hadFocus && document.activeElement !== root
    ? document.activeElement.getAttribute('aria-keyshortcuts') || document.activeElement.textContent : null;
  root.replaceChildren(...parts);
  if (hadFocus) {
    const again = focusedKey && [...root.querySelectorAll('button')].find((b) =>
      (b.getAttribute('aria-keyshortcuts') || b.textContent) === focusedKey && !b.disabled);
    (again || root).focus({ preventScroll: true });
  }
}
