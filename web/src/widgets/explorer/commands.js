// What the learner's clicks and keys do: each command talks to the explorer's
// worker (through explorer-client.js), updates the state and asks the view to
// draw it. Every command below takes `ctx`:
//   state     the widget's state (state.js);
//   view      {render(), focus(selector), focusIfLost(selector), showError(text)};
//   explorer  the worker's client (Stop replaces it with a fresh one);
//   queue     runs the commands one at a time (commandQueue below).
import { text } from './strings.js';
import { startExplorer } from './explorer-client.js';
import { isSolved, isSolvedByExploration, saveSolved } from './levels.js';
import { currentLevel, levelKey, programFromDrafts, programOf } from './state.js';

/** The commands, queued (all but Stop, which must not wait for the one running), and destroy() for unmounting. */
export function createCommands(state, view) {
  const ctx = { state, view, explorer: startExplorer(), queue: null };
  ctx.queue = commandQueue(ctx);
  const queued = (command) => (...args) => ctx.queue.add(() => command(ctx, ...args));
  return {
    openLevel: queued(openLevel),
    applyEdits: queued(applyEdits),
    restoreLevel: queued(restoreLevel),
    runThread: queued(runThread),
    undo: queued(undo),
    reset: queued(reset),
    replay: queued(replay),
    exploreAll: queued(exploreAll),
    stop: () => stop(ctx),
    /** Unmounting: no command runs or draws any more, and the worker ends (its sessions with it). */
    destroy() {
      state.destroyed = true;
      ctx.explorer.terminate();
    },
  };
}

// Commands run one at a time, in the order given, each on the snapshot the
// one before it left: keys 1 2 1 2 pressed faster than the worker answers
// all apply, in that order. Stop calls dropQueued(), which drops what was queued.
function commandQueue(ctx) {
  let tail = Promise.resolve();
  let epoch = 0;
  return {
    add(action) {
      const mine = epoch;
      tail = tail
        .then(() => (mine === epoch && !ctx.state.destroyed && !ctx.state.broken ? action() : undefined))
        .catch((error) => {
          if (mine === epoch && !ctx.state.destroyed) fail(ctx, error);
        });
    },
    dropQueued() {
      epoch += 1;
    },
  };
}

// The worker failed: the widget ends it and shows why, and nothing else from then on.
function fail({ state, view, explorer }, error) {
  state.broken = true;
  explorer.terminate();
  const why = state.snapshot ? text.crashed : text.loadFailed;
  view.showError(why(error.message));
}

// A new session (for the level's program, or the learner's) replaces the open one.
function useSession({ state, view }, { session, snapshot }, message) {
  state.sessionId = session;
  state.snapshot = snapshot;
  state.log = [];
  state.explored = null;
  state.message = message;
  view.render();
}

async function openLevel(ctx, index, note = '') {
  const { state, explorer } = ctx;
  const opened = await explorer.open(programOf(state, index));
  if (state.sessionId !== null) await explorer.delete(state.sessionId);
  state.levelIndex = index;
  useSession(ctx, opened, opened.snapshot.ok ? note : text.badProgram(opened.snapshot.error));
}

// Editable levels: the learner's lines replace the level's, if they compile.
async function applyEdits(ctx) {
  const { state, view, explorer } = ctx;
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
  useSession(ctx, candidate, text.applied);
}

async function restoreLevel(ctx) {
  const { state } = ctx;
  state.edited.delete(state.levelIndex);
  state.drafts.delete(state.levelIndex);
  await openLevel(ctx, state.levelIndex);
}

function markSolved(state, level) {
  state.solved.add(levelKey(level));
  saveSolved(state.solved);
  state.message = text.solvedNow(level.title);
}

// A Step-mode run that has ended: solved, not yet, or "use Explore all".
function checkGoal(state) {
  const level = currentLevel(state);
  const { state: model } = state.snapshot;
  if (model.outcome.kind === 'running') return;
  if ((level.win || {}).explore) state.message = text.exploreToCheck;
  else if (isSolved(level, model)) markSolved(state, level);
  else state.message = text.notYet;
}

async function runThread({ state, view, explorer }, t) {
  if (!state.snapshot || !state.snapshot.ok || !state.snapshot.state.threads[t]) return;
  const reply = await explorer.step(state.sessionId, t);
  state.snapshot = reply.snapshot;
  if (reply.error) {
    state.message = reply.error;
  } else {
    state.log.push(reply.entry);
    state.message = '';
    checkGoal(state);
  }
  view.render();
}

async function undo({ state, view, explorer }) {
  if (!state.snapshot) return;
  const reply = await explorer.undo(state.sessionId);
  state.snapshot = reply.snapshot;
  if (reply.undone) {
    state.log.pop();
    state.message = '';
    view.render();
  }
}

async function reset({ state, view, explorer }) {
  if (!state.snapshot) return;
  ({ snapshot: state.snapshot } = await explorer.reset(state.sessionId));
  state.log = [];
  state.message = '';
  view.render();
}

async function replay({ state, view, explorer }, schedule) {
  const reply = await explorer.replay(state.sessionId, schedule);
  state.snapshot = reply.snapshot;
  state.log = reply.entries;
  state.message = '';
  checkGoal(state);
  view.render();
  view.focus('.thread-step');
}

async function exploreAll({ state, view, explorer }) {
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
    if (verdict.solved) markSolved(state, level);
    else state.message = verdict.reason === 'truncated' ? text.exploreTruncated : text.exploreFailed(verdict.reason);
  }
  view.render();
  view.focus('.explore-results');
}

// A running wasm call cannot be interrupted: Stop ends the whole worker,
// starts a fresh one and opens the level again there.
function stop(ctx) {
  const { state, view, queue } = ctx;
  if (!state.exploring) return;
  queue.dropQueued();
  state.exploring = false;
  ctx.explorer.terminate();
  ctx.explorer = startExplorer();
  state.sessionId = null;
  view.render();
  queue.add(async () => {
    await openLevel(ctx, state.levelIndex, text.exploreStopped);
    view.focusIfLost('.explore-all');
  });
}
