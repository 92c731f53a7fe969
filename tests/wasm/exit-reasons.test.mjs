// A failed program is named from what happened (web/src/runner/exit-reasons.js),
// with the reasons exactly as the program worker reports them: abort reasons
// from the runtime libraries every program links (cpp/browser/), errors with
// their name. Issue 15, item 3: an exception whose text says "room" is not
// "out of memory", a real out-of-memory says so, a trap is not a worker failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure, MEMORY_LIMIT_BYTES } from '../../web/src/runner/exit-reasons.js';

const NOTE = ' (exceptions cannot be caught in the WebAssembly build)';

test('an uncaught exception names its type and what(), whatever what() says', () => {
  assert.deepEqual(describeFailure({ status: 'abort', reason: `uncaught C++ exception std::runtime_error: no room left${NOTE}` }),
    { kind: 'exception', type: 'std::runtime_error', what: 'no room left' });
  assert.deepEqual(describeFailure({ status: 'abort', reason: `uncaught C++ exception std::runtime_error: out of memory: OOM${NOTE}` }),
    { kind: 'exception', type: 'std::runtime_error', what: 'out of memory: OOM' });
  assert.deepEqual(describeFailure({ status: 'abort', reason: `uncaught C++ exception Oops${NOTE}` }),
    { kind: 'exception', type: 'Oops', what: '' });
});

test('running out of memory says so with the limit: a refused heap growth, or std::bad_alloc', () => {
  assert.deepEqual(
    describeFailure({ status: 'abort', reason: 'out of memory: the heap could not grow to 2214592512 bytes (limit 2147483648 bytes)' }),
    { kind: 'out-of-memory', requestedBytes: 2214592512, limitBytes: 2147483648 });
  assert.deepEqual(describeFailure({ status: 'abort', reason: `uncaught C++ exception std::bad_alloc: std::bad_alloc${NOTE}` }),
    { kind: 'out-of-memory', limitBytes: MEMORY_LIMIT_BYTES, type: 'std::bad_alloc' });
});

test('abort() without a reason is an abort, and Emscripten\'s own "Aborted(...)" error is the same abort', () => {
  assert.deepEqual(describeFailure({ status: 'abort', reason: '' }), { kind: 'abort', message: '' });
  assert.deepEqual(describeFailure({ status: 'abort' }), { kind: 'abort', message: '' });
  assert.deepEqual(
    describeFailure({ status: 'crash', errorName: 'RuntimeError', reason: `Aborted(uncaught C++ exception std::out_of_range: vector${NOTE}). Build with -s ASSERTIONS=1 for more info.` }),
    { kind: 'exception', type: 'std::out_of_range', what: 'vector' });
  assert.deepEqual(describeFailure({ status: 'crash', errorName: 'RuntimeError', reason: 'Aborted()' }), { kind: 'abort', message: '' });
});

test('a WebAssembly trap is a trap; out-of-bounds memory access is named as such', () => {
  assert.deepEqual(describeFailure({ status: 'crash', errorName: 'RuntimeError', reason: 'memory access out of bounds' }),
    { kind: 'memory-access', message: 'memory access out of bounds' });
  assert.deepEqual(describeFailure({ status: 'crash', errorName: 'RuntimeError', reason: 'unreachable' }),
    { kind: 'trap', message: 'unreachable' });
});

test('any other error is a failure of the worker, with its message, even one that mentions memory', () => {
  assert.deepEqual(describeFailure({ status: 'crash', errorName: 'TypeError', reason: 'x is not a function' }),
    { kind: 'crash', message: 'x is not a function' });
  assert.deepEqual(describeFailure({ status: 'crash', reason: 'Cannot enlarge memory' }), { kind: 'crash', message: 'Cannot enlarge memory' });
  assert.deepEqual(describeFailure({ status: 'crash' }), { kind: 'crash', message: 'unknown reason' });
});
