// What the learner's clicks and keys do: each command talks to the explorer's
// worker (through explorer-client.js), updates the state and asks the view to
// draw it. The view is {render(), focus(selector), focusIfLost(selector), showError(text)}.
import { text } from './strings.js';
import { startExplorer } from './explorer-client.js';
import { isSolved, isSolvedByExploration, saveSolved } from './levels.js';
import { currentLevel, levelKey, programFromDrafts, programOf } from './state.js';

export function createCommands(state, view) {
  let explorer = startExplorer();

  // Commands run one at a time, in the order given, each on the snapshot the
  // one before it left: keys 1 2 1 2 pressed faster than the worker answers
  // all apply, in that order. Stop bumps `epoch`, dropping what was queued.
  let queue = Promise.resolve();
  let epoch = 0;
  function command(action) {
    const mine = epoch;
    queue = queue
      .then(() => (mine === epoch && !state.destroyed && !state.broken ? action() : undefined))
      .catch((error) => {
        if (mine === epoch && !state.destroyed) fail(error);
      });
  }

  function fail(error) {
    state.broken = true;
    explorer.terminate();
    const why = state.snapshot ? text.crashed : text.loadFailed;
    view.showError(why(error.message));
  }

  // A new session (for the level's program, or another one) replaces the open one.
  function useSession({ session, snapshot }, message) {
    state.sessionId = session;
    state.snapshot = snapshot;
    state.log = [];
    state.explored = null;
    state.message = message;
    view.render();
  }

  async function openLevel(index, note = '') {
    const opened = await explorer.open(programOf(state, index));
    if (state.sessionId !== null) await explorer.delete(state.sessionId);
    state.levelIndex = index;
    useSession(opened, opened.snapshot.ok ? note : text.badProgram(opened.snapshot.error));
  }

  // Editable levels: the learner's lines replace the level's, if they compile.
  async function applyEdits() {
    const program = programFromDrafts(currentLevel(state), state.drafts.get(state.levelIndex) || []);
    const candidate = await explorer.open(program);
    if (!candidate.snapshot.ok) {
      await explorer.delete(candidate.session);
      state.message = text.badProgram(candidate.snapshot.error);
      view.render();
      return;
    }
    await explorer.delete(state.sessionId);
    state.edited.set(state.levelIndex, program);
    useSession(candidate, text.applied);
  }

  async function restoreLevel() {
    state.edited.delete(state.levelIndex);
    state.drafts.delete(state.levelIndex);
    await openLevel(state.levelIndex);
  }

  function markSolved(level) {
    state.solved.add(levelKey(level));
    saveSolved(state.solved);
    state.message = text.solvedNow(level.title);
  }

  // A Step-mode run that has ended: solved, not yet, or "use Explore all".
  function checkGoal() {
    const level = currentLevel(state);
    const { state: model } = state.snapshot;
    if (model.outcome.kind === 'running') return;
    if ((level.win || {}).explore) state.message = text.exploreToCheck;
    else if (isSolved(level, model)) markSolved(level);
    else state.message = text.notYet;
  }

  async function runThread(t) {
    if (!state.snapshot || !state.snapshot.ok || !state.snapshot.state.threads[t]) return;
    const reply = await explorer.step(state.sessionId, t);
    state.snapshot = reply.snapshot;
    if (reply.error) {
      state.message = reply.error;
    } else {
      state.log.push(reply.entry);
      state.message = '';
      checkGoal();
    }
    view.render();
  }

  async function undo() {
    if (!state.snapshot) return;
    const reply = await explorer.undo(state.sessionId);
    state.snapshot = reply.snapshot;
    if (reply.undone) {
      state.log.pop();
      state.message = '';
      view.render();
    }
  }

  async function reset() {
    if (!state.snapshot) return;
    ({ snapshot: state.snapshot } = await explorer.reset(state.sessionId));
    state.log = [];
    state.message = '';
    view.render();
  }

  async function replay(schedule) {
    const reply = await explorer.replay(state.sessionId, schedule);
    state.snapshot = reply.snapshot;
    state.log = reply.entries;
    state.message = '';
    checkGoal();
    view.render();
    view.focus('.thread-step');
  }

  async function exploreAll() {
    if (!state.snapshot || !state.snapshot.ok) return;
    state.exploring = true;
    view.render();
    view.focusIfLost('.explore-stop'); // Explore all, which had it, is disabled now
    const reply = await explorer.exploreAll(state.sessionId, state.maxStates);
    state.exploring = false;
    state.explored = reply.explored;
    const level = currentLevel(state);
    if ((level.win || {}).explore) {
      const verdict = isSolvedByExploration(level, state.explored);
      if (verdict.solved) markSolved(level);
      else state.message = verdict.reason === 'truncated' ? text.exploreTruncated : text.exploreFailed(verdict.reason);
    }
    view.render();
    view.focus('.explore-results');
  }

  // A running wasm call cannot be interrupted: Stop ends the whole worker,
  // starts a fresh one and opens the level again there.
  function stop() {
    if (!state.exploring) return;
    epoch += 1;
    state.exploring = false;
    explorer.terminate();
    explorer = startExplorer();
    state.sessionId = null;
    view.render();
    command(async () => {
      await openLevel(state.levelIndex, text.exploreStopped);
      view.focusIfLost('.explore-all');
    });
  }

  // Every command but Stop (which must not wait for the one running) is queued.
  return {
    openLevel: (index) => command(() => openLevel(index)),
    applyEdits: () => command(applyEdits),
    restoreLevel: () => command(restoreLevel),
    runThread: (t) => command(() => runThread(t)),
    undo: () => command(undo),
    reset: () => command(reset),
    replay: (schedule) => command(() => replay(schedule)),
    exploreAll: () => command(exploreAll),
    stop,
    /** Unmounting: no command runs or draws any more, and the worker ends (its sessions with it). */
    destroy() {
      state.destroyed = true;
      explorer.terminate();
    },
  };
}
