// Lesson 3's programs, built to WebAssembly, run under node: the report lines
// a page would draw, in both the threaded and the single-threaded build.
// Sizes are kept small: these check behaviour, not speed (tools/bench does that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runProgram } from './run-program.mjs';
import { lateThreadReason } from './late-thread.mjs';
import { fileURLToPath } from 'node:url';
import { renderLesson } from '../../web/build/render-lesson.mjs';
import { judge } from '../../web/src/cells/checks.js';

const points = (reports, chart, series) =>
  reports.filter((r) => r.kind === 'point' && r.chart === chart && (series === undefined || r.series === series));
const xs = (list) => list.map((p) => p.x);

function assertPositiveTimes(list) {
  assert.ok(list.length > 0, 'no points');
  for (const p of list) assert.ok(typeof p.y === 'number' && p.y > 0, `not a positive time: ${JSON.stringify(p)}`);
}

async function run(name, args, options) {
  const result = await runProgram(name, args, options);
  assert.equal(result.code, 0, `${name} exited with ${result.code}\n${result.stderr}`);
  return result;
}

test('bit_level: a time per size for bytes and words, and a speedup', async () => {
  const { reports } = await run('bit_level', ['n_min=1000', 'n_max=100000', 'reps=1']);
  const sizes = [1000, 2000, 5000, 10000, 20000, 50000, 100000];
  for (const series of ['one byte per member', '64 members per word + popcount']) {
    const list = points(reports, 'bits-time', series);
    assert.deepEqual(xs(list), sizes);
    assertPositiveTimes(list);
  }
  assert.deepEqual(xs(points(reports, 'bits-speedup')), sizes);
  assert.ok(reports.some((r) => r.kind === 'chart' && r.id === 'bits-time' && r.log === 'xy'));
});

test('ilp: one point per accumulator count', async () => {
  const { reports } = await run('ilp', ['n=4096', 'reps=1']);
  assert.deepEqual(xs(points(reports, 'ilp', 'sum')), [1, 2, 4, 8]);
  assertPositiveTimes(points(reports, 'ilp'));
  assert.equal(points(reports, 'ilp-speedup')[0].y, 1);
});

test('branch_prediction: sorted, shuffled and branchless from 0% to 100% kept', async () => {
  const { reports } = await run('branch_prediction', ['n=20000', 'steps=4', 'reps=1']);
  for (const series of ['sorted', 'shuffled', 'shuffled, branchless']) {
    const list = points(reports, 'branches', series);
    assert.equal(list.length, 5);
    assert.equal(list[0].x, 0);
    assert.equal(list[4].x, 100);
  }
});

test('simd: uses WebAssembly SIMD128 and reports all three ways, tails included', async () => {
  // 1001 is not a multiple of 8: the program checks that every way agrees exactly.
  const { stdout, reports } = await run('simd', ['n_min=1001', 'n_max=1001', 'reps=1']);
  assert.match(stdout, /WebAssembly SIMD128/);
  for (const series of ['scalar', '8 lanes, auto-vectorized', 'explicit SIMD intrinsics'])
    assertPositiveTimes(points(reports, 'simd', series));
});

test('task_parallel: one time and one speedup per thread count, 1 to max_threads', async () => {
  const { stdout, reports } = await run('task_parallel', ['sum_n=200000', 'map_n=20000', 'max_threads=3', 'reps=1']);
  assert.match(stdout, /reports \d+ hardware threads/);
  for (const series of ['parallel sum (reduction)', 'parallel map']) {
    assert.deepEqual(xs(points(reports, 'task-time', series)), [1, 2, 3]);
    assertPositiveTimes(points(reports, 'task-time', series));
    assert.deepEqual(xs(points(reports, 'task-speedup', series)), [1, 2, 3]);
  }
});

test('task_parallel, single-threaded build: says so and measures 1 thread', async () => {
  const { stdout, reports } = await run('task_parallel', ['sum_n=20000', 'map_n=2000', 'max_threads=4', 'reps=1'], {
    singleThreaded: true,
  });
  assert.match(stdout, /Threads cannot start in this build/);
  assert.deepEqual(xs(points(reports, 'task-speedup', 'parallel map')), [1]);
});

test('amdahl: measured and predicted speedups, a fitted fraction, and Gustafson', async () => {
  const { reports } = await run('amdahl', ['serial=0.25', 'n=20000', 'max_threads=2', 'reps=1']);
  assert.deepEqual(xs(points(reports, 'amdahl', 'measured')), [1, 2]);
  const predicted = points(reports, 'amdahl', "Amdahl's law, serial fraction as set");
  assert.ok(Math.abs(predicted[1].y - 1.6) < 1e-6);
  assert.equal(points(reports, 'amdahl', "Amdahl's law, serial fraction fitted").length, 2);
  const fit = reports.filter((r) => r.kind === 'table' && r.id === 'amdahl-fit');
  assert.equal(fit.length, 2); // columns, then one row
  const fitted = Number(fit[1].row[1]);
  assert.ok(fitted >= 0 && fitted <= 1);
  assert.deepEqual(xs(points(reports, 'gustafson', 'measured (scaled workload)')), [1, 2]);
  assert.ok(Math.abs(points(reports, 'gustafson', "Gustafson's law")[1].y - 1.75) < 1e-9);
});

test('false_sharing: packed and padded times per thread count', async () => {
  const { stdout, reports } = await run('false_sharing', ['increments=20000', 'max_threads=2', 'reps=1']);
  assert.match(stdout, /packed counter takes 8 bytes, a padded one 64/);
  assert.deepEqual(xs(points(reports, 'false-sharing', 'packed (one cache line)')), [1, 2]);
  assertPositiveTimes(points(reports, 'false-sharing'));
  assert.deepEqual(xs(points(reports, 'false-sharing-ratio')), [1, 2]);
});

function imageRows(reports, image) {
  return reports.filter((r) => r.kind === 'pixels' && r.image === image);
}

test('mandelbrot: every row of both images, 2 thread colours, busy spans per thread', async (t) => {
  const { reports } = await run('mandelbrot', ['width=64', 'height=100', 'max_iter=10000', 'threads=2', 'reps=1']);
  const colours = {};
  const spans = {};
  for (const schedule of ['static', 'dynamic']) {
    const rows = imageRows(reports, `threads, ${schedule}`);
    assert.deepEqual(rows.map((r) => r.row), [...Array(100).keys()]);
    for (const r of rows) {
      assert.equal(r.width, 64);
      assert.equal(r.height, 100);
      assert.equal(r.values.length, 64);
    }
    colours[schedule] = new Set(rows.flatMap((r) => r.values));
    for (const c of colours[schedule]) assert.ok(c === 0 || c === 1);
    // Shaded by iterations: inside one thread's rows, the set (0), its edge and the outside.
    for (const r of rows) assert.equal(r.shades.length, 64);
    const shadesOfThread0 = new Set(rows.filter((r) => r.values[0] === 0).flatMap((r) => r.shades));
    assert.ok(shadesOfThread0.size >= 4, `${schedule}: thread 0's rows hold only shades ${[...shadesOfThread0]}`);
    spans[schedule] = reports.filter((r) => r.kind === 'span' && r.timeline === `busy time, ${schedule}`);
    assert.deepEqual(spans[schedule].map((s) => s.lane).sort(), ['thread 0', 'thread 1']);
    for (const s of spans[schedule]) assert.ok(s.end >= s.start && s.start >= 0);
  }
  // Each thread has a block of its own under the static split, whatever the timing.
  assert.equal(colours.static.size, 2, `static: only thread(s) ${[...colours.static]} computed rows`);
  // One thread and the team of two, side by side on both charts.
  const series = ['work imbalance, static', 'busy-time imbalance, static', 'work imbalance, dynamic', 'busy-time imbalance, dynamic'];
  assert.deepEqual(points(reports, 'mandelbrot-balance').map((p) => [p.x, p.series]),
    [1, 2].flatMap((x) => series.map((name) => [x, name])));
  assert.deepEqual(points(reports, 'mandelbrot-time').map((p) => [p.x, p.series]),
    [[1, 'static'], [1, 'dynamic'], [2, 'static'], [2, 'dynamic']]);
  for (const p of points(reports, 'mandelbrot-balance').filter((q) => q.x === 1)) assert.equal(p.y, 1);
  const balance = points(reports, 'mandelbrot-balance').filter((p) => p.x === 2);
  for (const p of balance) assert.ok(p.y >= 1 && p.y <= 2.0001);
  // The upper half of the set puts the expensive rows in the lower block.
  assert.ok(balance[0].y > 1.5, `static work imbalance only ${balance[0].y}`);
  // Under dynamic hand-out a thread takes rows only if it runs before they are
  // all gone: the team starts together, but a busy machine can still run one late.
  if (colours.dynamic.size < 2) {
    const reason = lateThreadReason(spans.dynamic);
    assert.ok(reason, `dynamic: one thread took every row, though the other began first: ${JSON.stringify(spans.dynamic)}`);
    t.skip(reason);
  }
});

test('mandelbrot, single-threaded build: one thread computes every pixel', async () => {
  const { stdout, reports } = await run('mandelbrot', ['width=32', 'height=20', 'max_iter=100', 'threads=2', 'reps=1'], {
    singleThreaded: true,
  });
  assert.match(stdout, /threads cannot start in this build/);
  const rows = imageRows(reports, 'threads, static');
  assert.equal(rows.length, 20);
  assert.deepEqual([...new Set(rows.flatMap((r) => r.values))], [0]);
});

test('bad arguments get a clear message and exit code 2', async () => {
  const result = await runProgram('mandelbrot', ['schedule=random', 'width=0']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /schedule must be one of both, static, dynamic/);
  assert.match(result.stderr, /width must be a whole number from 8/);
});

// The lesson's exercises (cells with check lines): each check must find the
// points it judges when the program runs (with small sizes here; whether the
// values pass depends on the learner's edit and machine).
const folder = fileURLToPath(new URL('../../lessons/03-parallelism/', import.meta.url));
const lesson = renderLesson(readFileSync(`${folder}lesson.md`, 'utf8'), folder);
const exercises = lesson.cells.filter((cell) => cell.checks.length > 0);
const SMALL = {
  reduction_exercise: ['n=100000', 'reps=1'],
  false_sharing: ['increments=10000', 'reps=1'],
  mandelbrot: ['width=32', 'height=20', 'max_iter=100', 'reps=1'],
  amdahl: ['n=10000', 'reps=1'],
};
const pointsOf = (reports) => reports.filter((r) => r.kind === 'point');

test('the lesson has at least three exercises, each with a title', () => {
  assert.ok(exercises.length >= 3);
  for (const e of exercises) assert.ok(e.title, e.program);
});

for (const e of exercises) {
  test(`exercise "${e.title}": its checks find the points they judge`, async () => {
    const { reports } = await run(e.program, [...e.args, ...(SMALL[e.program] ?? [])]);
    const { reasons } = judge(e.checks, [pointsOf(reports)]);
    for (const reason of reasons) assert.doesNotMatch(reason, /reported no/);
  });
}

test('exercise checks: the Amdahl prediction passes for the right fraction only', async () => {
  const exercise = exercises.find((e) => e.program === 'amdahl');
  const right = await run('amdahl', [...exercise.args, 'serial=0.25', 'n=10000', 'reps=1']);
  assert.equal(judge(exercise.checks, [pointsOf(right.reports)]).passed, true);
  const wrong = await run('amdahl', [...exercise.args, 'serial=0.2', 'n=10000', 'reps=1']);
  assert.equal(judge(exercise.checks, [pointsOf(wrong.reports)]).passed, false);
});
