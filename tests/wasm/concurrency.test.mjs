// Lesson 2's WebAssembly programs under node, threaded and single-threaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProgram } from './run-program.mjs';

const points = (reports, series) => reports.filter((r) => r.kind === 'point' && r.series === series);

// A thread that finds the counter changed since its own last write has taken
// a turn; threads that really run at the same time take thousands of turns
// per run (one after the other: one or two), and then lose updates every
// time (measured natively and in wasm: never a run with a thousand turns and
// nothing lost).
const RAN_TOGETHER_TURNS = 1000;

test('the racy counter loses updates whenever its threads run at the same time', async (t) => {
  // Only a real race shows the loss, and on a busy machine the two threads may
  // run one after the other. So: every run whose threads took turns by the
  // thousand must lose updates; if no run did and none lost any, skip, saying so.
  let lost = 0;
  let mostTurns = 0;
  for (let attempt = 0; attempt < 3 && lost === 0; attempt++) {
    const r = await runProgram('races', ['method=racy', 'threads=2', 'n=5000000', 'runs=5']);
    assert.equal(r.code, 0, r.stderr);
    const runs = points(r.reports, 'racy lost updates');
    const turns = points(r.reports, 'racy turns');
    assert.equal(runs.length, 5);
    assert.deepEqual(turns.map((p) => p.x), runs.map((p) => p.x));
    runs.forEach((run, i) => {
      assert.ok(run.y >= 0, 'the racy counter can lose updates but never invent them');
      if (turns[i].y >= RAN_TOGETHER_TURNS) assert.ok(run.y > 0, `run ${run.x}: ${turns[i].y} turns and no update lost`);
    });
    lost = Math.max(lost, ...runs.map((p) => p.y));
    mostTurns = Math.max(mostTurns, ...turns.map((p) => p.y));
  }
  if (lost === 0) t.skip(`the two threads never ran at the same time (at most ${mostTurns} turns in any of 15 runs), so nothing could be lost`);
});

test('mutex, atomic and partial sums never lose an update', async () => {
  for (const method of ['mutex', 'atomic', 'partial']) {
    const r = await runProgram('races', [`method=${method}`, 'threads=4', 'n=300000', 'runs=3']);
    assert.equal(r.code, 0, r.stderr);
    const series = method === 'partial' ? 'partial sums' : method;
    const lost = points(r.reports, `${series} lost updates`);
    assert.equal(lost.length, 3);
    assert.deepEqual(lost.map((p) => p.y), [0, 0, 0], method);
    // and the time chart has a point for 1, 2 and 4 threads
    assert.deepEqual(points(r.reports, series).filter((p) => p.chart === 'time').map((p) => p.x), [1, 2, 4]);
  }
});

test('the deadlock program finds the cycle in every opposite-order attempt; the fixes never deadlock', async () => {
  // Deadlock is a cycle in the wait-for graph, not a timeout, so a busy
  // machine changes nothing here: every attempt gives the same answer.
  const opposite = await runProgram('deadlock', ['order=opposite', 'attempts=3', 'hold_ms=1'], { timeoutMs: 30000 });
  assert.equal(opposite.code, 0, opposite.stderr);
  assert.deepEqual(points(opposite.reports, 'opposite').map((p) => p.y), [1, 1, 1], 'one refused request per attempt');
  const found = opposite.stdout.match(/DEADLOCK detected: thread [AB] asked for m[12], held by thread [AB], which waits for m[12], held by thread [AB]: a cycle/g);
  assert.equal(found?.length, 3, opposite.stdout);
  const lanes = new Set(opposite.reports.filter((r) => r.kind === 'span').map((r) => r.lane));
  assert.deepEqual([...lanes].sort(), ['thread A', 'thread B']);
  // Each bar says whether its thread held a lock or waited for one, so the
  // page can draw the two differently (issue 15).
  const states = opposite.reports.filter((r) => r.kind === 'span').map((r) => r.state);
  assert.ok(states.every((s) => s === 'holding' || s === 'waiting'), states.join());
  assert.ok(states.includes('holding') && states.includes('waiting'), states.join());
  for (const order of ['same', 'scoped']) {
    const r = await runProgram('deadlock', [`order=${order}`, 'attempts=3', 'hold_ms=1'], { timeoutMs: 30000 });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(points(r.reports, order).map((p) => p.y), [0, 0, 0], order);
    assert.doesNotMatch(r.stdout, /DEADLOCK/);
    assert.equal(r.stdout.match(/both threads got both locks/g)?.length, 3, r.stdout);
  }
});

test('the queue delivers every item when consumers wait for close, and loses some when they stop at empty', async () => {
  const closed = await runProgram('queue', ['threads=2', 'items=20000', 'runs=3', 'stop=closed']);
  assert.equal(closed.code, 0, closed.stderr);
  assert.deepEqual(points(closed.reports, 'stop=closed').map((p) => p.y), [0, 0, 0]);
  assert.ok(points(closed.reports, '2 producers').every((p) => p.y > 0), 'throughput measured');
  // pause=yes holds the producers back halfway until every consumer has
  // found the queue empty: consumers that stop at empty are gone by then, so
  // the second half is lost in every run; consumers that wait get it all.
  const empty = await runProgram('queue', ['threads=2', 'items=20000', 'work=0', 'runs=3', 'stop=empty', 'pause=yes']);
  assert.equal(empty.code, 0, empty.stderr);
  const lost = points(empty.reports, 'stop=empty').map((p) => p.y);
  assert.equal(lost.length, 3);
  for (const l of lost) assert.ok(l >= 10000 && l <= 20000, `lost ${l}: at least everything after the middle`);
  const waited = await runProgram('queue', ['threads=2', 'items=20000', 'work=0', 'runs=3', 'stop=closed', 'pause=yes']);
  assert.equal(waited.code, 0, waited.stderr);
  assert.deepEqual(points(waited.reports, 'stop=closed').map((p) => p.y), [0, 0, 0]);
});

test('sync tools: semaphore limit, latch order, barrier lock-step, every batch delivered', async () => {
  const r = await runProgram('sync_tools', ['threads=4', 'slots=2', 'ms=5']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /processed 3 of 3 batches/);
  assert.match(r.stdout, /never more than [12] using a slot at once \(limit 2\)/);
  assert.match(r.stdout, /no thread began a phase before all had finished/);
  const [, ready, start] = r.stdout.match(/last worker was ready at ([\d.]+) ms, main started at ([\d.]+) ms/);
  assert.ok(Number(start) >= Number(ready));
  const timelines = new Set(r.reports.filter((x) => x.kind === 'span').map((x) => x.timeline));
  assert.deepEqual([...timelines].sort(), ['barrier', 'condition_variable', 'counting_semaphore', 'latch']);
  // The pictures agree with the synchronisation: every thread is a worker with
  // its own clock here too, and the bars come from the one shared clock.
  const bars = (timeline, label) => r.reports.filter((x) => x.kind === 'span' && x.timeline === timeline && x.label === label);
  const [, drawn] = r.stdout.match(/the timeline shows at most (\d+) at once/);
  assert.ok(Number(drawn) >= 1 && Number(drawn) <= 2, `drawn ${drawn}`);
  const edges = bars('counting_semaphore', 'using a slot').flatMap((b) => [[b.start, 1], [b.end, -1]]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  for (const [, step] of edges) assert.ok((open += step) <= 2, 'three "using a slot" bars at once');
  for (let phase = 1; phase < 3; phase += 1) {
    const lastEnd = Math.max(...bars('barrier', `phase ${phase}`).map((b) => b.end));
    const firstStart = Math.min(...bars('barrier', `phase ${phase + 1}`).map((b) => b.start));
    assert.ok(firstStart >= lastEnd, `phase ${phase + 1} drawn starting at ${firstStart}, before phase ${phase} ended at ${lastEnd}`);
  }
});

test('futures: runnables agree, the pool returns every result', async () => {
  const r = await runProgram('futures', ['jobs=200', 'steps=1000', 'workers=2', 'calls=100000']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /all equal: yes/);
  assert.doesNotMatch(r.stdout, /WRONG/);
  assert.deepEqual(points(r.reports, 'thread pool').map((p) => p.x), [1, 2]);
});

test('timeline: one lane for the worker thread, one per task for thread-per-task', async () => {
  const r = await runProgram('timeline', ['tasks=3', 'work_ms=10']);
  assert.equal(r.code, 0, r.stderr);
  const lanes = (name) => new Set(r.reports.filter((x) => x.kind === 'span' && x.timeline === name).map((x) => x.lane));
  assert.deepEqual([...lanes('one worker thread')], ['worker thread']);
  assert.deepEqual([...lanes('one thread per task')].sort(), ['thread 0', 'thread 1', 'thread 2']);
  const costs = r.reports.filter((x) => x.kind === 'table' && x.row);
  assert.equal(costs.length, 2);
});

for (const singleThreaded of [false, true]) {
  test(`coroutines on one thread, ${singleThreaded ? 'single-threaded' : 'threaded'} build`, async () => {
    // Part 1 on the loop's virtual clock: the schedule's own times, exact on
    // any machine (waits of 10 ms, 1 ms of parsing after each).
    const r = await runProgram('coroutines', ['wait_ms=10', 'parse_ms=1', 'rounds=10000', 'clock=virtual'], { singleThreaded });
    assert.equal(r.code, 0, r.stderr);
    const [, loopMs, sumMs, longestMs] = r.stdout.match(/took ([\d.]+) ms; one after another would take ([\d.]+) ms, the longest alone ([\d.]+) ms/);
    assert.deepEqual([loopMs, sumMs, longestMs].map(Number), [33, 89, 33], 'the loop overlaps the waits: the longest download, not the sum');
    // One thread: no two bars of the timeline overlap, and each is one parse long.
    const bars = r.reports.filter((x) => x.kind === 'span' && x.timeline === 'coroutines on one thread').sort((a, b) => a.start - b.start);
    assert.equal(bars.length, 12, 'a first run to the first wait, then one per wait, for each download');
    bars.slice(1).forEach((bar, i) => assert.ok(bar.start >= bars[i].end, `${bar.lane} at ${bar.start} overlaps ${bars[i].lane}`));
    assert.deepEqual(new Set(bars.map((b) => b.end - b.start)), new Set([0, 1]));
    assert.match(r.stdout, /thread_local, coroutines on one thread: 2 of 3 mixed up/);
    assert.match(r.stdout, /task context, coroutines on one thread: 0 of 3 mixed up/);
    if (singleThreaded) assert.match(r.stdout, /skipped: this build cannot start threads/);
    else assert.match(r.stdout, /thread_local, one thread per request: +0 of 3 mixed up/);
  });
}

test('threaded programs explain themselves in the single-threaded build', async () => {
  for (const name of ['timeline', 'races', 'queue', 'sync_tools', 'futures', 'deadlock']) {
    const r = await runProgram(name, [], { singleThreaded: true, timeoutMs: 30000 });
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, /Threads are not available here/, name);
  }
});

test('bad arguments get a clear message and exit code 2', async () => {
  const r = await runProgram('races', ['threads=100', 'method=magic']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /threads must be a whole number from 1 to 16, got '100'/);
  assert.match(r.stderr, /method must be one of all, racy, mutex, atomic, partial, got 'magic'/);
  const d = await runProgram('deadlock', ['order=sideways', 'hold_ms=6000']);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /order must be one of all, opposite, same, scoped, got 'sideways'/);
  assert.match(d.stderr, /hold_ms must be a number from 0 to 5000, got '6000'/);
});
