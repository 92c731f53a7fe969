// Level rules: when is a level solved? A level's `win` says which ending
// counts: {"outcome": "finished" | "deadlock" | "fault", "shared": {"x": 1}}.
// `shared` (optional) must match the final shared memory exactly for the
// variables it names.
export function isSolved(level, state) {
  const win = level.win || {};
  if (!state || !state.outcome || state.outcome.kind === 'running') return false;
  if (win.outcome && state.outcome.kind !== win.outcome) return false;
  for (const [name, value] of Object.entries(win.shared || {})) {
    if (state.shared[name] !== value) return false;
  }
  return true;
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
