// The explorer widget's state: every field that changes while a widget is
// mounted, in one object, and the small rules that read it. Commands
// (commands.js) write it; drawing (render.js) only reads it.
import { loadSolved } from './levels.js';

// A bound on Explore all, so its answer comes quickly and its memory stays
// small (about a quarter of a second at this size; the C++ side clamps it as
// well). Stop ends an exploration sooner.
const MAX_STATES = 20000;

/** A fresh widget's state, for levels already checked (levelProblems). */
export function createState(levels, config) {
  return {
    levels,
    maxStates: Math.min(MAX_STATES, Number(config.maxStates) || MAX_STATES),
    levelIndex: 0,
    sessionId: null, // the open session, in the worker
    snapshot: null, // {ok, error, state, program} of that session, as last sent
    log: [], // per executed step: {thread, line, retake} for the schedule display
    explored: null, // the last Explore all's answer for this program
    exploring: false,
    message: '', // the line under the widget: a verdict, an error or a hint
    edited: new Map(), // level index -> the learner's applied program
    drafts: new Map(), // level index -> [text per thread] not applied yet
    editorOpen: false,
    solved: loadSolved(), // ids (or titles) of the levels solved, kept across visits
    destroyed: false, // unmounted: nothing draws any more
    broken: false, // the worker failed: the widget shows why, and nothing else
  };
}

export const levelKey = (level) => level.id || level.title;
export const currentLevel = (state) => state.levels[state.levelIndex];

/** The program level `index` runs: the learner's applied edit, or the level's own. */
export const programOf = (state, index) => state.edited.get(index) || state.levels[index].program;

/** The level to open first: the one the config names, else the first not solved yet. */
export function firstLevelIndex(state, requested) {
  const { levels, solved } = state;
  const start = levels.findIndex((l) => !solved.has(levelKey(l)));
  return Math.max(0, Math.min(levels.length - 1, Number(requested) || (start < 0 ? 0 : start)));
}

/** The text of each thread shown in the editor: the learner's draft, or the program's lines. */
export function editorTexts(state) {
  const program = programOf(state, state.levelIndex);
  return state.drafts.get(state.levelIndex) || program.threads.map((t) => t.lines.join('\n'));
}

/** Records the learner's typing in thread `thread`'s box; `shown` is what the editor was drawn with. */
export function setDraft(state, thread, value, shown) {
  const next = [...(state.drafts.get(state.levelIndex) || shown)];
  next[thread] = value;
  state.drafts.set(state.levelIndex, next);
}

/** The program the drafts describe: each thread's non-blank lines, trimmed; the level's shared memory. */
export function programFromDrafts(level, texts) {
  return {
    shared: level.program.shared || {},
    threads: level.program.threads.map((t, i) => ({
      name: t.name,
      lines: (texts[i] ?? t.lines.join('\n')).split('\n').map((l) => l.trim()).filter(Boolean),
    })),
  };
}
