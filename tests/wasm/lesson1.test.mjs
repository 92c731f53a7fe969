// Lesson 1's programs as WebAssembly under node: the same report lines as
// natively, both builds (threaded and single-threaded), and clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProgram } from './run-program.mjs';

for (const singleThreaded of [false, true]) {
  const build = singleThreaded ? 'single-threaded' : 'threaded';

  // The exercise: the guess is judged against this run's own crossover (the
  // first size from which the hash set wins at every larger size measured).
  test(`search_missing (${build}) judges a guess against the crossover it measured`, async () => {
    const run = await runProgram('search_missing', ['n_min=1', 'n_max=10000', 'reps=1', 'guess=10'], { singleThreaded });
    assert.equal(run.code, 0, run.stderr);
    const at = (series, n) => run.reports.find((r) => r.kind === 'point' && r.series === series && r.x === n).y;
    const judged = run.reports.filter((r) => r.kind === 'point' && r.series === 'prediction off by (factor)');
    if (judged.length === 0) {
      assert.match(run.stdout, /The hash set never beat the linear scan at every size from some n on/);
      return;
    }
    assert.equal(judged.length, 1);
    const { x: crossover, y: factor } = judged[0];
    assert.ok(Math.abs(factor - Math.max(10 / crossover, crossover / 10)) < 1e-6, JSON.stringify(judged[0]));
    const sizes = run.reports.filter((r) => r.kind === 'point' && r.series === 'hash set').map((r) => r.x);
    for (const n of sizes.filter((size) => size >= crossover))
      assert.ok(at('hash set', n) < at('linear search', n), `hash set not ahead at ${n}`);
    const before = sizes.filter((size) => size < crossover).at(-1);
    if (before !== undefined) assert.ok(at('hash set', before) >= at('linear search', before), `ahead at ${before} already`);
    assert.match(run.stdout, new RegExp(`You predicted n = 10\\. Here the hash set beat the linear scan from n = ${crossover} on`));
  });

  test(`list_creation (${build}) reports three ways at every size`, async () => {
    const run = await runProgram('list_creation', ['n_min=1000', 'n_max=100000', 'reps=2'], { singleThreaded });
    assert.equal(run.code, 0, run.stderr);
    const points = run.reports.filter((r) => r.kind === 'point');
    assert.equal(points.length, 21);
    assert.deepEqual(new Set(points.map((p) => p.series)), new Set(['vector push_back', 'vector reserve + push_back', 'std::list push_back']));
    assert.ok(points.every((p) => p.chart === 'build' && p.unit === 'ms' && p.y >= 0));
  });

  test(`search_missing (${build}) extrapolates the linear trend`, async () => {
    const run = await runProgram('search_missing', ['n_min=1000', 'n_max=10000', 'reps=2'], { singleThreaded });
    assert.equal(run.code, 0, run.stderr);
    const extrapolated = run.reports.filter((r) => r.series === 'linear search (extrapolated)');
    assert.deepEqual(extrapolated.map((p) => p.x), [1e9, 1e10, 1e12]);
    // The prediction grows in proportion to n.
    assert.ok(Math.abs(extrapolated[2].y / extrapolated[1].y - 100) < 1e-6);
  });
}

test('a size the wasm memory cannot hold is refused before any allocation', async () => {
  const run = await runProgram('list_creation', ['n_max=100000000']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /a std::list of n_max ints needs about 2\.4 GB, more than the 1\.9 GB this runtime can give/);
  assert.equal(run.reports.length, 0);
});

test('non-numeric and non-positive sizes get a clear message', async () => {
  for (const bad of ['n_max=abc', 'n_max=-5', 'n_max=0']) {
    const run = await runProgram('search_missing', [bad]);
    assert.equal(run.code, 2, bad);
    assert.match(run.stderr, /n_max must be a whole number from 1 to 100000000/);
  }
});
