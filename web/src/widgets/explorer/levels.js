// Level rules: when is a level solved? A level's `win` is one of
//   {"outcome": "finished" | "deadlock" | "fault", "shared": {"x": 1}}
//       Step mode: the run the learner chose ends this way; `shared`
//       (optional) must match the final shared memory for the names it lists.
//   {"explore": {"deadlock": false, "shared": {"x": 2}}}
//       Explore all: EVERY schedule must finish (no deadlock, no error) and,
//       if `shared` is given, end with those values. For levels where the
//       learner edits the program ("editable": true) to make it correct.
export function isSolved(level, state) {
  const win = level.win || {};
  if (win.explore) return false; // judged by isSolvedByExploration
  if (!state || !state.outcome || state.outcome.kind === 'running') return false;
  if (win.outcome && state.outcome.kind !== win.outcome) return false;
  for (const [name, value] of Object.entries(win.shared || {})) {
    if (state.shared[name] !== value) return false;
  }
  return true;
}

// "x=2, y=0" -> {x: 2, y: 0}
function sharedFromLabel(label) {
  const values = {};
  for (const part of label.split(', ')) {
    const [name, value] = part.split('=');
    if (value !== undefined) values[name] = Number(value);
  }
  return values;
}

// Explore-all goals: returns {solved, reason}.
export function isSolvedByExploration(level, explored) {
  const goal = (level.win || {}).explore;
  if (!goal || !explored) return { solved: false, reason: '' };
  if (explored.truncated) return { solved: false, reason: 'truncated' };
  for (const o of explored.outcomes) {
    if (o.kind !== 'finished') return { solved: false, reason: o.label };
    const values = sharedFromLabel(o.label);
    for (const [name, wanted] of Object.entries(goal.shared || {})) {
      if (values[name] !== wanted) return { solved: false, reason: o.label };
    }
  }
  return { solved: explored.outcomes.length > 0, reason: '' };
}

// Checks a level definition before use, so a typo in a lesson's JSON gets a
// clear message instead of a broken widget.
export function levelProblems(level, index) {
  const where = `level ${index + 1}${level && level.title ? ` (“${level.title}”)` : ''}`;
  const problems = [];
  if (!level || typeof level !== 'object') return [`${where} is not an object`];
  if (typeof level.title !== 'string') problems.push(`${where} needs a "title"`);
  if (typeof level.goal !== 'string') problems.push(`${where} needs a "goal"`);
  if (!level.program || !Array.isArray(level.program.threads)) problems.push(`${where} needs "program.threads"`);
  const outcome = level.win && level.win.outcome;
  if (outcome && !['finished', 'deadlock', 'fault'].includes(outcome)) {
    problems.push(`${where}: "win.outcome" must be finished, deadlock or fault`);
  }
  return problems;
}

const STORAGE_KEY = 'cdd-explorer-solved';

export function loadSolved() {
  try {
    return new Set(JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]'));
  } catch {
    return new Set();
  }
}

export function saveSolved(solved) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...solved]));
  } catch {
    // storage may be disabled; solving still works for this visit
  }
}
