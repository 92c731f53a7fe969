// The explorer widget's state rules (web/src/widgets/explorer/state.js): which
// level opens first, the editor's drafts and the program they describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createState, editorTexts, firstLevelIndex, programFromDrafts, programOf, setDraft } from '../../web/src/widgets/explorer/state.js';

const level = (id, lines) => ({ id, title: id, goal: '', program: { shared: { x: 0 }, threads: [{ name: 'A', lines }, { name: 'B', lines }] } });
const levels = [level('one', ['x = 1']), level('two', ['r = x', 'x = r + 1']), level('three', ['lock(m)'])];

test('Explore all is bounded by 20000 states, or fewer when the config asks', () => {
  assert.equal(createState(levels, {}).maxStates, 20000);
  assert.equal(createState(levels, { maxStates: 500 }).maxStates, 500);
  assert.equal(createState(levels, { maxStates: 1e9 }).maxStates, 20000);
});

test('the first level opened is the one asked for, else the first one not solved', () => {
  const state = createState(levels, {});
  assert.equal(firstLevelIndex(state, undefined), 0);
  state.solved.add('one');
  assert.equal(firstLevelIndex(state, undefined), 1);
  assert.equal(firstLevelIndex(state, 2), 2);
  assert.equal(firstLevelIndex(state, 99), 2); // clamped to the last level
  state.solved.add('two').add('three');
  assert.equal(firstLevelIndex(state, undefined), 0); // all solved: start over
});

test('drafts start as the program\'s lines and keep what the learner typed per level', () => {
  const state = createState(levels, {});
  state.levelIndex = 1;
  const shown = editorTexts(state);
  assert.deepEqual(shown, ['r = x\nx = r + 1', 'r = x\nx = r + 1']);
  setDraft(state, 0, 'lock(m)\n  r = x  \n\nx = r + 1\nunlock(m)', shown);
  assert.deepEqual(editorTexts(state), ['lock(m)\n  r = x  \n\nx = r + 1\nunlock(m)', 'r = x\nx = r + 1']);
  state.levelIndex = 0;
  assert.deepEqual(editorTexts(state), ['x = 1', 'x = 1']); // another level's drafts are its own
});

test('the drafts\' program: trimmed non-blank lines, the level\'s shared memory, untouched threads as they were', () => {
  const program = programFromDrafts(levels[1], ['lock(m)\n  r = x  \n\nx = r + 1\nunlock(m)']);
  assert.deepEqual(program, {
    shared: { x: 0 },
    threads: [{ name: 'A', lines: ['lock(m)', 'r = x', 'x = r + 1', 'unlock(m)'] }, { name: 'B', lines: ['r = x', 'x = r + 1'] }],
  });
});

test('an applied edit replaces the level\'s program', () => {
  const state = createState(levels, {});
  assert.equal(programOf(state, 1), levels[1].program);
  const mine = programFromDrafts(levels[1], ['x = 2']);
  state.edited.set(1, mine);
  assert.equal(programOf(state, 1), mine);
});
