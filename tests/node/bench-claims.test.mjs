// The claims bench (tools/bench/claims.mjs) judged on recorded report lines:
// real runs of the lesson programs (native builds, small sizes, on a busy
// 2-core machine; tests/node/fixtures/claims/), and copies of them altered the
// way a failure would alter them (a worker's clock running late, a lost update
// in a "fixed" counter). Each kind of check must hold on one run and fail on
// the other; every claim must find its figures in its program's real output
// (a renamed series makes it fail here, not read as "missing" in the bench);
// and every quoted sentence must still be in its lesson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderLesson } from '../../web/build/render-lesson.mjs';
import { claims } from '../../tools/bench/claims/index.mjs';
import { pointwise, runFromLines, tableQuantity } from '../../tools/bench/claims/checks.mjs';

const lessons = fileURLToPath(new URL('../../lessons/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/claims/', import.meta.url));
const CORES = 2; // the machine the fixtures were recorded on

const recorded = (name) => runFromLines(readFileSync(`${fixtures}${name}.txt`, 'utf8').split('\n'), CORES);
// The recording for a claim: the program's, or the one made with the settings the claim names,
// or with those of the exercise cell it is about.
const FIXTURE_FOR_ARGS = {
  'queue {"stop":"empty","pause":"yes"}': 'queue@empty', 'queue {"stop":"empty"}': 'queue@stop-empty',
  'queue {"work":0}': 'queue@work0', 'queue {"work":2000}': 'queue@work2000', 'mandelbrot {"chunk":100}': 'mandelbrot@chunk100', 'timeline {"tasks":16}': 'timeline@16',
};
const fixtureOf = (claim) => {
  if (claim.args) return FIXTURE_FOR_ARGS[`${claim.program} ${JSON.stringify(claim.args)}`];
  if (claim.title) return claim.program === 'reduction_exercise' ? claim.program : `${claim.program}@exercise`;
  return claim.program;
};

/** A copy of `run` whose reports matching `which` are replaced by `change(report)`. */
const altered = (run, which, change) => ({ ...run, reports: run.reports.map((r) => (which(r) ? change({ ...r }) : r)) });
const claimSaying = (quoteStart) => {
  const found = claims.filter((c) => c.quote.startsWith(quoteStart));
  assert.equal(found.length, 1, `one claim quotes "${quoteStart}"`);
  return found[0];
};
const held = (claim, run) => claim.check(run).held;
const span = (timeline, lane, label) => (r) => r.kind === 'span' && r.timeline === timeline && r.lane === lane && r.label === label;
const spanOf = (run, match) => run.reports.find(match);

test('every quoted sentence is in its lesson, and its program has a default cell there (or the exercise named) with the controls the claim sets', () => {
  const flat = (text) => text.replace(/\s+/g, ' ');
  for (const claim of claims) {
    const folder = `${lessons}${claim.lesson}/`;
    const markdown = readFileSync(`${folder}lesson.md`, 'utf8');
    assert.ok(flat(markdown).includes(flat(claim.quote)), `${claim.lesson} still says: ${claim.quote}`);
    const cell = renderLesson(markdown, folder).cells.find((c) => c.program === claim.program && c.title === (claim.title ?? ''));
    assert.ok(cell, `${claim.lesson} has a ${claim.program} cell titled "${claim.title ?? ''}"`);
    for (const key of Object.keys(claim.args ?? {})) {
      const names = [...cell.controls, ...cell.choices].map((c) => c.name);
      assert.ok(names.includes(key), `${claim.program}'s cell has a control for ${key}`);
    }
  }
});

test('every claim finds its figures in a real run of its program, and none holds on a run that reported nothing', () => {
  const empty = runFromLines([], CORES);
  for (const claim of claims) {
    const name = fixtureOf(claim);
    assert.ok(name, `a recording for ${claim.program} ${JSON.stringify(claim.args)}`);
    const result = claim.check(recorded(name));
    assert.doesNotMatch(result.measured, /missing/, `${claim.program}: ${claim.quote} -> ${result.measured}`);
    assert.equal(claim.check(empty).held, false, `${claim.quote} holds without a measurement`);
  }
});

test('everyPoint: the three fixes are exact in the recorded run; one lost update in the mutex run breaks the claim', () => {
  const claim = claimSaying('Three fixes, all exact');
  const run = recorded('races');
  assert.equal(held(claim, run), true);
  const broken = altered(run, (r) => r.kind === 'point' && r.series === 'mutex lost updates' && r.x === 3, (r) => ({ ...r, y: 1 }));
  assert.equal(held(claim, broken), false);
  assert.match(claim.check(broken).measured, /✗/, 'the failing part is marked');
});

test('mostPoints: "usually far from zero" holds when most runs lost updates, fails when most lost none', () => {
  const claim = claimSaying('the racy line is usually far from zero');
  const lostIn = (runs) => altered(recorded('races'), (r) => r.kind === 'point' && r.series === 'racy lost updates', (r) => ({ ...r, y: runs.includes(r.x) ? 1000 : 0 }));
  assert.equal(held(claim, lostIn([1, 2, 3])), true);
  assert.equal(held(claim, lostIn([1, 2])), false);
  assert.equal(claim.check(lostIn([1, 2])).measured, '2 of 5');
});

test('pointwise: thousands of turns without a lost update contradict "lose updates every time"; a run without thousands of turns is the busy machine the next sentence describes', () => {
  const claim = claimSaying('Threads that really run at the same time');
  const run = (turns, lost) => altered(altered(recorded('races'),
    (r) => r.kind === 'point' && r.series === 'racy turns', (r) => ({ ...r, y: r.x === 2 ? turns : 3 })),
  (r) => r.kind === 'point' && r.series === 'racy lost updates', (r) => ({ ...r, y: r.x === 2 ? lost : 0 }));
  assert.equal(held(claim, run(5000, 1200)), true);
  assert.equal(held(claim, run(5000, 0)), false);
  assert.equal(held(claim, run(500, 0)), true, 'no run took thousands of turns: the busy machine');
  assert.match(claim.check(run(500, 0)).measured, /busy machine/);
  // pointwise itself: a run in which the condition never came up is not held.
  const bare = pointwise(['turns', 'racy turns'], ['lost', 'racy lost updates'], (t) => t >= 1000, (l) => l > 0);
  assert.equal(bare(run(500, 0)).held, false);
  assert.match(bare(run(500, 0)).measured, /not seen/);
});

test('maxOverlap: the recorded semaphore never has three slots in use; the last worker bar drawn early by a skewed clock makes three', () => {
  const claim = claimSaying('the timeline never shows more than two');
  const run = recorded('sync_tools');
  assert.equal(held(claim, run), true);
  // The worker that waited for a slot, drawn by a clock that is off: its bar moves onto the first two.
  const waited = run.reports.filter((r) => r.kind === 'span' && r.timeline === 'counting_semaphore').sort((a, b) => b.start - a.start)[0];
  const skew = waited.start - 0.5 * Math.min(...run.reports.filter((r) => r.kind === 'span' && r.timeline === 'counting_semaphore').map((r) => r.end));
  const skewed = altered(run, (r) => r === waited, (r) => ({ ...r, start: r.start - skew, end: r.end - skew }));
  assert.equal(held(claim, skewed), false);
  assert.equal(claim.check(skewed).measured, '3');
});

test('stepsInOrder: the recorded barrier keeps its phases; a lane whose phase 1 ends after phase 2 began breaks it', () => {
  const claim = claimSaying('Nobody starts phase 2');
  const run = recorded('sync_tools');
  assert.equal(held(claim, run), true);
  const phase2 = Math.min(...run.reports.filter((r) => r.kind === 'span' && r.timeline === 'barrier' && r.label === 'phase 2').map((r) => r.start));
  const late = altered(run, span('barrier', 'thread 0', 'phase 1'), (r) => ({ ...r, end: phase2 + 3 }));
  assert.equal(held(claim, late), false);
  assert.match(claim.check(late).measured, /^-/);
});

test('wakesLate with no share: main goes on within 5 ms of the last worker being ready; later than that, or before it, the claim fails', () => {
  const claim = claimSaying('Main\'s "running" bar starts as soon as');
  const run = recorded('sync_tools');
  assert.equal(held(claim, run), true);
  const main = span('latch', 'main', 'running');
  const shift = (ms) => altered(run, main, (r) => ({ ...r, start: r.start + ms }));
  const lastReady = Math.max(...run.reports.filter((r) => r.kind === 'span' && r.timeline === 'latch' && r.label === 'getting ready').map((r) => r.end));
  const late = spanOf(run, main).start - lastReady;
  assert.equal(held(claim, shift(4 - late)), true, '4 ms after the last worker was ready');
  assert.equal(held(claim, shift(6 - late)), false, 'more than 5 ms late: what libc++ 13\'s polling wait did');
  assert.equal(held(claim, shift(-late - 1)), false, 'before the last worker was ready');
});

test('wakesLate: every lane starts the next barrier phase after the last arrival; a lane that starts before it, or far too late, breaks the claim', () => {
  const claim = claimSaying('in the browser a lane that waited long');
  const run = recorded('sync_tools');
  assert.equal(held(claim, run), true);
  const phaseSpans = (k) => run.reports.filter((r) => r.kind === 'span' && r.timeline === 'barrier' && r.label === `phase ${k}`);
  const released = Math.max(...phaseSpans(1).map((r) => r.end));
  const first = phaseSpans(1).reduce((a, b) => (a.end < b.end ? a : b)); // the lane that waited longest
  const next = phaseSpans(2).find((r) => r.lane === first.lane);
  const moveTo = (start) => altered(run, (r) => r === next, (r) => ({ ...r, start }));
  assert.equal(held(claim, moveTo(released - 1)), false, 'phase 2 before the last lane ended phase 1');
  assert.equal(held(claim, moveTo(released + 0.5 * (released - first.end) + 6)), false, 'more than half its wait + 5 ms late');
  assert.equal(held(claim, moveTo(released + 0.3 * (released - first.end))), true);
});

test('inRange on a table cell: the recorded coroutines mix up thread_local requests; a run with none contradicts the text', () => {
  const claim = claimSaying('a task sets it, awaits');
  const run = recorded('coroutines');
  assert.equal(held(claim, run), true);
  const none = altered(run, (r) => r.kind === 'table' && r.row?.[0] === 'thread_local, coroutines on one thread', (r) => ({ ...r, row: [r.row[0], '0'] }));
  assert.equal(held(claim, none), false);
});

test('inRange on a terminal line: a speed-up above the core count breaks "at most the number of cores"', () => {
  const claim = claimSaying('The speed-up over one thread');
  // Recorded with 5 ms tasks on a busy machine: the one-thread run was held up, the speed-up read 3.30x.
  const run = recorded('timeline');
  assert.equal(held(claim, run), false);
  assert.equal(claim.check(run).measured, '3.30');
  const text = run.text.map((l) => l.replace(/Speed-up from threads: [\d.]+x/, 'Speed-up from threads: 1.80x'));
  assert.equal(held(claim, { ...run, text }), true);
});

test('tableQuantity reads units (12 KB vs 1.2 MB is 100x), so "a wide margin" is judged in bytes, not digits', () => {
  const claim = claimSaying('Expect processes to lose the start and the memory');
  const rows = (memory) => runFromLines([
    '@cdd {"kind":"table","id":"compare","row":["start + join one","0.100 ms","5.0 ms"]}',
    '@cdd {"kind":"table","id":"compare","row":["64-byte round trip","0.005 ms","0.050 ms"]}',
    `@cdd {"kind":"table","id":"compare","row":["memory per unit","12 KB","${memory}"]}`,
  ], CORES);
  assert.equal(tableQuantity('compare', 'memory per unit', 2)(rows('1.2 MB')), 1.2e6);
  assert.equal(held(claim, rows('1.2 MB')), true);
  assert.equal(held(claim, rows('24 KB')), false, '24 KB is only twice 12 KB, though 24 > 3 x 1.2');
});

test('a small round trip: under 0.1 ms on both sides and a process start 100 times it hold; a slow trip or a quick start breaks it', () => {
  const claim = claimSaying('a small message there and back takes well under a tenth');
  const rows = (start, trip) => runFromLines([
    `@cdd {"kind":"table","id":"compare","row":["start + join one","0.050 ms","${start}"]}`,
    `@cdd {"kind":"table","id":"compare","row":["64-byte round trip","0.006 ms","${trip}"]}`,
  ], CORES);
  assert.equal(held(claim, rows('11.1 ms', '0.045 ms')), true);
  assert.equal(held(claim, rows('11.1 ms', '0.150 ms')), false, 'a 0.15 ms trip is not well under 0.1 ms');
  assert.equal(held(claim, rows('2.0 ms', '0.045 ms')), false, 'a start of 44 trips is not hundreds');
});

test('everyRow: every recorded job ends as it should; a prime job that failed breaks "every other job gets its result"', () => {
  const claim = claimSaying('Every other job gets its result');
  const run = recorded('failures');
  assert.equal(held(claim, run), true);
  const failed = altered(run, (r) => r.kind === 'table' && r.row?.[0] === '0', (r) => ({ ...r, row: [r.row[0], r.row[1], 'aborted', ''] }));
  assert.equal(held(claim, failed), false);
});

test('ratio of points: the recorded packed/padded ratio at 1 thread is judged against the claim both ways', () => {
  const claim = claimSaying('With one thread both layouts cost the same.');
  const at1 = (y) => altered(recorded('false_sharing'), (r) => r.kind === 'point' && r.chart === 'false-sharing-ratio' && r.x === 1, (r) => ({ ...r, y }));
  assert.equal(held(claim, at1(1.02)), true);
  assert.equal(held(claim, at1(1.6)), false);
});

test('flatSeries: a hash set that costs the same at every size holds "about the same"; one size four times slower breaks it', () => {
  const claim = claimSaying('so a lookup costs');
  const isHashSet = (r) => r.kind === 'point' && r.chart === 'search' && r.series === 'hash set';
  const run = altered(recorded('search_missing'), isHashSet, (r) => ({ ...r, y: 0.02 }));
  assert.equal(held(claim, run), true);
  const last = run.reports.filter(isHashSet).at(-1);
  assert.equal(held(claim, altered(run, (r) => r === last, (r) => ({ ...r, y: 0.08 }))), false);
});

test('spreadWithin: at the smallest message three ways within 3x of each other meet; a transfer ten times slower breaks it', () => {
  const claim = claimSaying('so there all three lines meet');
  const atFirst = (series) => (r) => r.kind === 'point' && r.chart === 'round_trip' && r.series === series && r.x === 1024;
  const run = altered(altered(altered(recorded('communication_costs'), atFirst('copy'), (r) => ({ ...r, y: 0.01 })),
    atFirst('transfer'), (r) => ({ ...r, y: 0.012 })), atFirst('shared'), (r) => ({ ...r, y: 0.005 }));
  assert.equal(held(claim, run), true);
  assert.equal(claim.check(run).measured, '2.40');
  assert.equal(held(claim, altered(run, atFirst('transfer'), (r) => ({ ...r, y: 0.1 }))), false);
});
