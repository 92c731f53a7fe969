// Lesson 4's programs under node: the browser backend of cdd::mp with node's
// worker_threads standing in for Web Workers (nested workers, postMessage of
// a SharedArrayBuffer and a WebAssembly.Module, Atomics.wait/notify, and
// terminate() all behave as in a browser). What only Chromium can show (Blob
// worker URLs, synchronous XHR of the .wasm, COOP/COEP) is covered by
// tests/e2e/multiprocessing.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProgram } from './run-program.mjs';

const rows = (reports, id) => reports.filter((r) => r.kind === 'table' && r.id === id && r.row).map((r) => r.row);
const points = (reports, series) => reports.filter((r) => r.kind === 'point' && r.series === series);

test('a child process changes only its own copy of a global; a thread changes the parent\'s', async () => {
  const run = await runProgram('isolation', ['value=7']);
  assert.equal(run.code, 0, run.stderr);
  const [thread, process] = rows(run.reports, 'isolation');
  assert.deepEqual(thread.slice(0, 3), ['thread', '7', '7']);
  assert.deepEqual(process.slice(0, 3), ['process', '8', '0']);
  // The child's value + 1 is explained, not left for the learner to wonder about.
  assert.match(run.stdout, /process: asked to write 8 \(value \+ 1, a number only the child writes/);
});

test('the single-threaded build still starts processes when SharedArrayBuffer exists', async () => {
  const run = await runProgram('isolation', [], { singleThreaded: true });
  assert.equal(run.code, 0, run.stderr);
  const [thread, process] = rows(run.reports, 'isolation');
  assert.equal(thread[1], '(no threads in this build)');
  assert.deepEqual(process.slice(0, 3), ['process', '43', '0']);
});

// A page that is not cross-origin isolated has no SharedArrayBuffer and runs
// the single-threaded build, whose processes share nothing and talk by
// postMessage (cpp/multiprocessing/browser/multiprocessing_messages.js; it
// never uses SharedArrayBuffer, present or not). Before issue 15 every program
// of lesson 4 refused to run there. (Under node the global cannot be deleted
// for these runs: node's own worker_threads then fail to start any worker.
// tests/e2e/isolation.test.mjs runs them in Chromium without it.)
const runWithoutSharedArrayBuffer = (name, args) => runProgram(name, args, { singleThreaded: true });

test('single-threaded build, as without SharedArrayBuffer: a child process runs by messages and changes only its own copy of a global', async () => {
  const run = await runWithoutSharedArrayBuffer('isolation', ['value=7']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const [thread, process] = rows(run.reports, 'isolation');
  assert.equal(thread[1], '(no threads in this build)');
  assert.deepEqual(process.slice(0, 3), ['process', '8', '0']);
});

test('single-threaded build, as without SharedArrayBuffer: a pool of processes gives the serial answer, and the busiest share shows both worked', async () => {
  const run = await runWithoutSharedArrayBuffer('pool_speedup', ['n=100000', 'pieces=8', 'processes=2', 'chunk=1', 'chunk_processes=2', 'reps=1']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(points(run.reports, 'measured').length, 2); // the map gave the serial total at 1 and 2 processes
  assert.match(run.stdout, /\(\d+ cores? reported\)/);
  const [one, two] = points(run.reports, "busiest process's share");
  assert.equal(one.y, 1);
  assert.ok(two.y >= 0.5 && two.y <= 1, `share ${two.y}`);
});

test('single-threaded build, as without SharedArrayBuffer: an abort, running out of memory and an endless loop each take down only their process', async () => {
  const run = await runWithoutSharedArrayBuffer('failures', ['jobs=8', 'timeout_ms=3000', 'memory_limit_mb=64']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const table = rows(run.reports, 'jobs');
  assert.deepEqual(table.map((r) => Number(r[0])), [0, 1, 2, 3, 4, 5, 6, 7]);
  const outcome = Object.fromEntries(table.map(([, what, how]) => [what, how]));
  assert.equal(outcome.abort, 'aborted');
  assert.equal(outcome['out of memory'], 'out of memory');
  assert.equal(outcome['endless loop'], 'timeout');
  assert.equal(table.filter((r) => r[2] === 'done').length, 5);
  assert.match(run.stdout, /5 jobs done, 3 failed, 3 worker processes replaced/);
});

test('single-threaded build, as without SharedArrayBuffer: messages are copied and buffers transferred; shared memory is refused with the reason', async () => {
  const run = await runWithoutSharedArrayBuffer('communication_costs', ['max_size=65536', 'reps=1']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  for (const method of ['copy', 'transfer']) assert.deepEqual(points(run.reports, method).map((p) => p.x), [1024, 4096, 16384, 65536], method);
  assert.equal(points(run.reports, 'shared').length, 0);
  assert.match(run.stdout, /shared: not measured: shared memory between processes needs SharedArrayBuffer/);
  const after = Object.fromEntries(rows(run.reports, 'after_send').map(([method, ...rest]) => [method, rest]));
  assert.deepEqual(after.transfer, ['an empty Buffer', 'the same block of memory']);
  const counter = await runWithoutSharedArrayBuffer('shared_counter', ['processes=1', 'increments=10']);
  assert.equal(counter.code, 1);
  assert.match(counter.stderr, /shared memory between processes needs SharedArrayBuffer, which the browser offers only on a cross-origin isolated page/);
});

test('shared counter: the lock and atomics give exact totals across processes', async () => {
  const run = await runProgram('shared_counter', ['processes=2', 'increments=20000']);
  assert.equal(run.code, 0, run.stderr);
  const table = rows(run.reports, 'counter');
  assert.equal(table.length, 6);
  for (const [processes, way, expected, got] of table) {
    assert.equal(Number(expected), 20000 * Number(processes));
    if (way === 'racy') assert.ok(Number(got) <= Number(expected));
    else assert.equal(got, expected, `${way} with ${processes} processes`);
  }
});

// Each failure kind is tested where no other limit can race it: running out
// of memory with no time limit (it is slow on a busy machine), the endless
// loop with no memory limit.
test('failures without a time limit: abort and out of memory are each reported, and every other job completes', async () => {
  const run = await runProgram('failures', ['jobs=8', 'timeout_ms=0', 'memory_limit_mb=64']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /no time limit \(so no endless loop/);
  const table = rows(run.reports, 'jobs');
  assert.deepEqual(table.map((r) => Number(r[0])), [0, 1, 2, 3, 4, 5, 6, 7]);
  const outcome = Object.fromEntries(table.map(([, what, how]) => [what, how]));
  assert.equal(outcome.abort, 'aborted');
  assert.equal(outcome['out of memory'], 'out of memory');
  assert.equal(outcome['endless loop'], undefined);
  assert.equal(table.filter((r) => r[2] === 'done').length, 6);
  assert.match(run.stdout, /6 jobs done, 2 failed, 2 worker processes replaced/);
});

test('failures without a memory limit: abort and the endless loop are each reported, and every other job completes', async () => {
  const run = await runProgram('failures', ['jobs=8', 'timeout_ms=2000', 'memory_limit_mb=0']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /no memory limit \(so no job runs out of memory\)/);
  const table = rows(run.reports, 'jobs');
  assert.deepEqual(table.map((r) => Number(r[0])), [0, 1, 2, 3, 4, 5, 6, 7]);
  const outcome = Object.fromEntries(table.map(([, what, how, details]) => [what, [how, details]]));
  assert.equal(outcome.abort[0], 'aborted');
  assert.deepEqual(outcome['endless loop'], ['timeout', 'ran longer than 2000 ms; its worker process was killed and replaced']);
  assert.equal(outcome['out of memory'], undefined);
  assert.equal(table.filter((r) => r[2] === 'done').length, 6);
  assert.match(run.stdout, /6 jobs done, 2 failed, 2 worker processes replaced/);
});

test('pool map gives the serial answer for every process count and chunk size', async () => {
  const run = await runProgram('pool_speedup', ['n=100000', 'pieces=16', 'processes=2', 'reps=1']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(points(run.reports, 'measured').length, 2);
  assert.equal(points(run.reports, '2 processes').length, 3); // chunk sizes 1, 4, 16
});

// The pool exercise's second check: the busiest process's share of the tasks.
// Exact when one chunk holds every task; never above 1 or below an even spread otherwise.
test('pool: one chunk of every task gives one process all of them; chunks of 1 spread them', async () => {
  const lumped = await runProgram('pool_speedup', ['n=100000', 'pieces=8', 'processes=2', 'chunk=8', 'reps=1']);
  assert.equal(lumped.code, 0, lumped.stderr);
  assert.deepEqual(points(lumped.reports, "busiest process's share").map((p) => [p.x, p.y]), [[1, 1], [2, 1]]);
  const spread = await runProgram('pool_speedup', ['n=100000', 'pieces=8', 'processes=2', 'chunk=1', 'reps=1']);
  assert.equal(spread.code, 0, spread.stderr);
  const [one, two] = points(spread.reports, "busiest process's share");
  assert.equal(one.y, 1);
  assert.ok(two.y >= 0.5 && two.y <= 1, `share ${two.y}`);
});

// How much faster a transfer is than a copy is a figure for the bench
// (tools/bench/multiprocessing.mjs); here: that each way does what it says.
test('communication: every method is measured at every size; a copy leaves the sender its message, a transfer empties its Buffer and returns the same block', async () => {
  const run = await runProgram('communication_costs', ['max_size=4194304', 'reps=2']);
  assert.equal(run.code, 0, run.stderr);
  for (const method of ['copy', 'transfer', 'shared']) {
    const measured = points(run.reports, method);
    assert.deepEqual(measured.map((p) => p.x), [1024, 4096, 16384, 65536, 262144, 1048576, 4194304], method);
    for (const p of measured) assert.ok(p.y > 0, `${method} at ${p.x} bytes: ${p.y} ms`);
  }
  const after = Object.fromEntries(rows(run.reports, 'after_send').map(([method, ...rest]) => [method, rest]));
  assert.deepEqual(after.copy, ['its 4.2 MB message, unchanged', 'a second copy of the bytes']);
  assert.deepEqual(after.transfer, ['an empty Buffer', 'the same block of memory']);
});

test('threads vs processes: the table answers all four questions', async () => {
  const run = await runProgram('threads_vs_processes', ['units=2', 'reps=1', 'round_trips=50']);
  assert.equal(run.code, 0, run.stderr);
  const table = rows(run.reports, 'compare');
  assert.equal(table.length, 4);
  assert.match(table[3][2], /parent carries on.*aborted/);
  assert.ok(points(run.reports, 'processes').length === 2 && points(run.reports, 'threads').length === 2);
});
