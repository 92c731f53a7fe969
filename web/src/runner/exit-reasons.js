// Why a program ended abnormally, named from what happened, never from words
// that happen to appear in its messages. The program worker reports one of:
//   {status: 'abort', reason}   Emscripten's abort(reason): the reasons our own
//     runtime libraries give have a fixed form (cpp/browser/uncaught_exception.js:
//     "uncaught C++ exception <type>[: <what()>] (...)"; cpp/browser/out_of_memory.js:
//     "out of memory: the heap could not grow to <n> bytes (limit <m> bytes)");
//     abort() called by the program itself has an empty reason;
//   {status: 'crash', reason, errorName}  an error thrown in the worker or one of
//     its pthread workers: errorName 'RuntimeError' is a WebAssembly trap.
// Emscripten's abort() also throws a RuntimeError ("Aborted(...)") after it has
// reported the abort; that error is the same failure, so it is read as an abort.

const EXCEPTION = /^uncaught C\+\+ exception (\S+?)(?:: ([\s\S]*?))?(?: \(exceptions cannot be caught in the WebAssembly build\))?$/;
const OUT_OF_MEMORY = /^out of memory: the heap could not grow to (\d+) bytes \(limit (\d+) bytes\)$/;
const ABORTED = /^Aborted\(([\s\S]*)\)(?:\. Build with -s ASSERTIONS=1 for more info\.)?$/;
// What the C++ library throws when an allocation fails.
const ALLOCATION_FAILURES = new Set(['std::bad_alloc', 'std::bad_array_new_length']);

/** The default memory limit of every program (cmake/CddProgram.cmake, web/src/compiler/toolchain.js). */
export const MEMORY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

function describeAbortReason(reason) {
  const exception = EXCEPTION.exec(reason);
  if (exception) {
    const [, type, what = ''] = exception;
    if (ALLOCATION_FAILURES.has(type)) return { kind: 'out-of-memory', limitBytes: MEMORY_LIMIT_BYTES, type };
    return { kind: 'exception', type, what };
  }
  const memory = OUT_OF_MEMORY.exec(reason);
  if (memory) return { kind: 'out-of-memory', requestedBytes: Number(memory[1]), limitBytes: Number(memory[2]) };
  return { kind: 'abort', message: reason };
}

/**
 * @param {{status: 'abort'|'crash', reason?: string, errorName?: string}} outcome
 * @returns {{kind: 'exception', type: string, what: string}
 *   | {kind: 'out-of-memory', limitBytes: number, requestedBytes?: number, type?: string}
 *   | {kind: 'memory-access', message: string} | {kind: 'trap', message: string}
 *   | {kind: 'abort', message: string} | {kind: 'crash', message: string}}
 */
export function describeFailure({ status, reason = '', errorName = '' }) {
  const text = String(reason ?? '');
  if (status === 'abort') return describeAbortReason(text);
  const aborted = ABORTED.exec(text);
  if (errorName === 'RuntimeError' && aborted) return describeAbortReason(aborted[1]);
  if (errorName === 'RuntimeError') {
    return { kind: text === 'memory access out of bounds' ? 'memory-access' : 'trap', message: text };
  }
  return { kind: 'crash', message: text || 'unknown reason' };
}
