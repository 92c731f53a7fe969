// The interleaving explorer widget: ```widget explorer``` in a lesson.
//
// Config: {"levels": [{id, title, goal, hint?, program: {shared, threads}, win, editable?}], "maxStates"?}
// (see levels.js for `win`). An editable level lets the learner change the
// threads' lines; its goal is usually checked by Explore all. Two modes on the same program:
//   Step:        the learner picks which thread runs its next line; the page
//                shows every thread's current line, locals and status, the
//                shared memory and the mutexes, and checks the level's goal.
//   Explore all: every schedule, grouped by how it ends, with a count and one
//                example each (Replay loads it into Step mode); deadlocks flagged.
// All the semantics live in the C++ model (cpp/explorer), which runs in this
// widget's Web Worker (explorer-worker.js, reached through explorer-client.js)
// so the page never freezes; this file queues the learner's commands and draws
// the latest snapshot the worker sent back.
import './explorer.css';
import { text } from './strings.js';
import { startExplorer } from './explorer-client.js';
import { isSolved, isSolvedByExploration, levelProblems, loadSolved, saveSolved } from './levels.js';

// A bound on Explore all, so its answer comes quickly and its memory stays
// small (about a quarter of a second at this size; the C++ side clamps it as
// well). Stop ends an exploration sooner.
const MAX_STATES = 20000;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function mount(element, config = {}) {
  const levels = Array.isArray(config.levels) ? config.levels : [];
  const maxStates = Math.min(MAX_STATES, Number(config.maxStates) || MAX_STATES);
  // tabindex -1: the region itself can hold focus (and so keep receiving the
  // keyboard shortcuts) when the button that had focus becomes disabled.
  const root = el('div', { class: 'cdd-explorer', role: 'region', tabindex: '-1', 'aria-label': config.title || text.title });
  element.replaceChildren(root);
  root.append(el('p', { class: 'explorer-status' }, text.loading));

  const problems = levels.flatMap(levelProblems);
  if (levels.length === 0) problems.push(text.noLevels);
  if (problems.length) {
    root.replaceChildren(el('p', { class: 'explorer-error', role: 'alert' }, text.badProgram(problems.join('; '))));
    return () => {};
  }

  let explorer = startExplorer();
  let sessionId = null; // the open session, in the worker
  let snapshot = null; // {ok, error, state, program} of that session, as last sent
  let levelIndex = 0;
  let log = []; // per executed step: {thread, line, retake} for the schedule display
  let explored = null;
  let exploring = false;
  let message = '';
  const edited = new Map(); // level index -> the learner's applied program
  const drafts = new Map(); // level index -> [text per thread] not applied yet
  let editorOpen = false;
  const solved = loadSolved();
  let destroyed = false;
  let broken = false; // the worker failed: the widget shows why, and nothing else

  // Commands run one at a time, in the order given, each on the snapshot the
  // one before it left: keys 1 2 1 2 pressed faster than the worker answers
  // all apply, in that order. Stop bumps `epoch`, dropping what was queued.
  let queue = Promise.resolve();
  let epoch = 0;
  function command(action) {
    const mine = epoch;
    queue = queue
      .then(() => (mine === epoch && !destroyed && !broken ? action() : undefined))
      .catch((error) => {
        if (mine === epoch && !destroyed) fail(error);
      });
  }

  function fail(error) {
    broken = true;
    explorer.terminate();
    const why = snapshot ? text.crashed : text.loadFailed;
    root.replaceChildren(el('p', { class: 'explorer-error', role: 'alert' }, why(error.message)));
  }

  async function openLevel(index, note = '') {
    const opened = await explorer.open(edited.get(index) || levels[index].program);
    if (sessionId !== null) await explorer.delete(sessionId);
    levelIndex = index;
    sessionId = opened.session;
    snapshot = opened.snapshot;
    log = [];
    explored = null;
    message = snapshot.ok ? note : text.badProgram(snapshot.error);
    render();
  }

  const currentProgram = () => edited.get(levelIndex) || levels[levelIndex].program;

  function markSolved(level) {
    solved.add(level.id || level.title);
    saveSolved(solved);
    message = text.solvedNow(level.title);
  }

  // Editable levels: the learner's lines replace the level's, if they compile.
  async function applyEdits() {
    const level = levels[levelIndex];
    const texts = drafts.get(levelIndex) || [];
    const program = {
      shared: level.program.shared || {},
      threads: level.program.threads.map((t, i) => ({
        name: t.name,
        lines: (texts[i] ?? t.lines.join('\n')).split('\n').map((l) => l.trim()).filter(Boolean),
      })),
    };
    const candidate = await explorer.open(program);
    if (!candidate.snapshot.ok) {
      await explorer.delete(candidate.session);
      message = text.badProgram(candidate.snapshot.error);
      render();
      return;
    }
    await explorer.delete(sessionId);
    sessionId = candidate.session;
    snapshot = candidate.snapshot;
    edited.set(levelIndex, program);
    log = [];
    explored = null;
    message = text.applied;
    render();
  }

  async function restoreLevel() {
    edited.delete(levelIndex);
    drafts.delete(levelIndex);
    await openLevel(levelIndex);
  }

  async function runThread(t) {
    if (!snapshot || !snapshot.ok || !snapshot.state.threads[t]) return;
    const reply = await explorer.step(sessionId, t);
    snapshot = reply.snapshot;
    if (reply.error) {
      message = reply.error;
    } else {
      log.push(reply.entry);
      message = '';
      checkGoal();
    }
    render();
  }

  function checkGoal() {
    const level = levels[levelIndex];
    const { state } = snapshot;
    if (state.outcome.kind === 'running') return;
    if ((level.win || {}).explore) message = text.exploreToCheck;
    else if (isSolved(level, state)) markSolved(level);
    else message = text.notYet;
  }

  async function undo() {
    if (!snapshot) return;
    const reply = await explorer.undo(sessionId);
    snapshot = reply.snapshot;
    if (reply.undone) {
      log.pop();
      message = '';
      render();
    }
  }

  async function reset() {
    if (!snapshot) return;
    ({ snapshot } = await explorer.reset(sessionId));
    log = [];
    message = '';
    render();
  }

  async function replay(schedule) {
    const reply = await explorer.replay(sessionId, schedule);
    snapshot = reply.snapshot;
    log = reply.entries;
    message = '';
    checkGoal();
    render();
    root.querySelector('.thread-step')?.focus();
  }

  async function exploreAll() {
    if (!snapshot || !snapshot.ok) return;
    exploring = true;
    render();
    focusIfLost('.explore-stop'); // Explore all, which had it, is disabled now
    const reply = await explorer.exploreAll(sessionId, maxStates);
    exploring = false;
    explored = reply.explored;
    const level = levels[levelIndex];
    if ((level.win || {}).explore) {
      const verdict = isSolvedByExploration(level, explored);
      if (verdict.solved) markSolved(level);
      else message = verdict.reason === 'truncated' ? text.exploreTruncated : text.exploreFailed(verdict.reason);
    }
    render();
    root.querySelector('.explore-results')?.focus();
  }

  // A running wasm call cannot be interrupted: Stop ends the whole worker,
  // starts a fresh one and opens the level again there.
  function stop() {
    if (!exploring) return;
    epoch += 1;
    exploring = false;
    explorer.terminate();
    explorer = startExplorer();
    sessionId = null;
    render();
    command(async () => {
      await openLevel(levelIndex, text.exploreStopped);
      focusIfLost('.explore-all');
    });
  }

  // After a redraw whose focused button is gone, focus falls back to the
  // region; this puts it on the button that took that one's place.
  function focusIfLost(selector) {
    if (document.activeElement === root) root.querySelector(selector)?.focus({ preventScroll: true });
  }

  function renderLevels() {
    return el('nav', { class: 'explorer-levels', 'aria-label': text.levels },
      levels.map((level, i) => {
        const done = solved.has(level.id || level.title);
        return el('button', {
          type: 'button', class: `level${i === levelIndex ? ' current' : ''}${done ? ' solved' : ''}`,
          'aria-pressed': String(i === levelIndex), onclick: () => command(() => openLevel(i)),
          title: done ? text.solved : undefined,
        }, `${i + 1}. ${level.title}`, done ? el('span', { class: 'tick', 'aria-label': text.solved }, ' ✓') : null);
      }));
  }

  function renderThreads(state, program) {
    return el('div', { class: 'explorer-threads' },
      program.threads.map((thread, t) => {
        const st = state.threads[t];
        const key = t + 1;
        const locals = Object.entries(st.locals);
        return el('section', { class: `thread${st.canRun ? ' can-run' : ''}${st.finished ? ' finished' : ''}`, 'aria-label': text.thread(thread.name) },
          el('h4', {}, text.thread(thread.name)),
          el('ol', { class: 'thread-code' }, thread.lines.map((line, i) =>
            el('li', { class: i === st.pc ? 'current' : i < st.pc ? 'done' : '', 'aria-current': i === st.pc ? 'step' : undefined },
              el('code', {}, line)))),
          el('p', { class: 'thread-status' }, st.status),
          el('p', { class: 'thread-locals' }, locals.length
            ? `${text.locals}: ${locals.map(([n, v]) => `${n} = ${v}`).join(', ')}` : text.noLocals),
          el('button', {
            type: 'button', class: 'thread-step', disabled: !st.canRun,
            title: text.stepTitle(thread.name, key), 'aria-keyshortcuts': String(key), onclick: () => command(() => runThread(t)),
          }, text.step(thread.name)));
      }));
  }

  function renderMemory(state) {
    const shared = Object.entries(state.shared);
    const mutexes = Object.entries(state.mutexes);
    return el('div', { class: 'explorer-memory' },
      shared.length ? el('div', {}, el('h4', {}, text.shared),
        el('ul', {}, shared.map(([n, v]) => el('li', {}, el('code', {}, n), ` = ${v}`)))) : null,
      mutexes.length ? el('div', {}, el('h4', {}, text.mutexes),
        el('ul', {}, mutexes.map(([n, owner]) => el('li', {}, el('code', {}, n), `: ${owner ? text.heldBy(owner) : text.free}`)))) : null);
  }

  function renderSchedule(program) {
    const items = log.map(({ thread, line, retake }) =>
      `${program.threads[thread].name}${line + 1}${retake ? '′' : ''}`);
    return el('p', { class: 'explorer-schedule' }, `${text.schedule}: `,
      el('code', {}, items.length ? items.join(' ') : text.emptySchedule));
  }

  function renderEditor() {
    const level = levels[levelIndex];
    if (!level.editable) return null;
    const program = currentProgram();
    const texts = drafts.get(levelIndex) || program.threads.map((t) => t.lines.join('\n'));
    const details = el('details', { class: 'explorer-editor' },
      el('summary', {}, text.edit),
      el('p', { class: 'explorer-help' }, text.editHelp),
      el('div', { class: 'editor-threads' }, program.threads.map((t, i) => {
        const id = `explorer-${levelIndex}-${i}-${Math.random().toString(36).slice(2, 7)}`;
        return el('div', {},
          el('label', { for: id }, text.threadLines(t.name)),
          el('textarea', {
            id, rows: String(Math.max(4, texts[i].split('\n').length + 1)), spellcheck: 'false',
            oninput: (e) => {
              const next = [...(drafts.get(levelIndex) || texts)];
              next[i] = e.target.value;
              drafts.set(levelIndex, next);
            },
          }, texts[i]));
      })),
      el('div', { class: 'explorer-actions' },
        el('button', { type: 'button', onclick: () => command(applyEdits), class: 'apply' }, text.apply),
        el('button', { type: 'button', onclick: () => command(restoreLevel) }, text.restore)));
    details.open = editorOpen;
    details.addEventListener('toggle', () => (editorOpen = details.open));
    return details;
  }

  function renderExplored() {
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
          el('td', {}, el('button', { type: 'button', title: text.replayTitle, onclick: () => command(() => replay(o.schedule)) }, text.replay))))));
    return el('div', { class: 'explore-results', tabindex: '-1' },
      el('p', { class: 'explored-summary' }, text.explored(explored.schedules, explored.states), ' ',
        el('strong', { class: explored.deadlockReachable ? 'deadlock-yes' : 'deadlock-no' },
          explored.deadlockReachable ? text.deadlockFound : text.noDeadlock)),
      explored.truncated ? el('p', { class: 'explorer-warning' }, text.truncated(maxStates)) : null,
      table);
  }

  function render() {
    if (destroyed || broken) return;
    const hadFocus = root.contains(document.activeElement);
    const focusedKey = hadFocus && document.activeElement !== root
      ? document.activeElement.getAttribute('aria-keyshortcuts') || document.activeElement.textContent : null;
    const level = levels[levelIndex];
    const parts = [renderLevels(),
      el('p', { class: 'explorer-goal' }, el('strong', {}, `${text.goal}: `), level.goal),
      level.hint ? el('p', { class: 'explorer-hint' }, level.hint) : null];
    if (snapshot && snapshot.ok) {
      const { state, program } = snapshot;
      const outcomeText = state.outcome.kind === 'running' ? '' : text.outcome[state.outcome.kind](state.outcome.label);
      parts.push(
        renderEditor(),
        renderThreads(state, program),
        renderMemory(state),
        renderSchedule(program),
        el('p', { class: `explorer-outcome outcome-${state.outcome.kind}` }, outcomeText),
        el('div', { class: 'explorer-actions' },
          el('button', { type: 'button', onclick: () => command(undo), 'aria-keyshortcuts': 'u', disabled: log.length === 0 }, text.undo),
          el('button', { type: 'button', onclick: () => command(reset), 'aria-keyshortcuts': 'r' }, text.reset),
          el('button', {
            type: 'button', onclick: () => command(exploreAll), 'aria-keyshortcuts': 'e', class: 'explore-all', disabled: exploring,
          }, text.exploreAll),
          exploring ? el('button', { type: 'button', onclick: stop, class: 'explore-stop', title: text.stopTitle }, text.stop) : null,
          exploring ? el('span', { class: 'explorer-busy', role: 'status' }, text.exploring) : null),
        el('p', { class: 'explorer-help' }, text.keyboardHelp, ' ', text.workerNote),
        renderExplored());
    }
    parts.push(el('p', { class: `explorer-message${message.startsWith('Solved') ? ' solved' : ''}`, role: 'status', 'aria-live': 'polite' }, message));
    root.replaceChildren(...parts.filter((part) => part !== null && part !== undefined));
    // Keep keyboard focus where it was across the re-render.
    if (hadFocus) {
      const again = focusedKey && [...root.querySelectorAll('button')].find((b) =>
        (b.getAttribute('aria-keyshortcuts') || b.textContent) === focusedKey && !b.disabled);
      (again || root).focus({ preventScroll: true });
    }
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest('input, textarea, select, [contenteditable]')) return;
    const key = event.key.toLowerCase();
    if (/^[1-4]$/.test(key)) command(() => runThread(Number(key) - 1));
    else if (key === 'u') command(undo);
    else if (key === 'r') command(reset);
    else if (key === 'e') command(exploreAll);
    else return;
    event.preventDefault();
  }
  root.addEventListener('keydown', onKey);

  const start = levels.findIndex((l) => !solved.has(l.id || l.title));
  command(() => openLevel(Math.max(0, Math.min(levels.length - 1, Number(config.start) || (start < 0 ? 0 : start)))));

  return () => {
    destroyed = true;
    root.removeEventListener('keydown', onKey);
    explorer.terminate(); // its sessions go with it
  };
}
