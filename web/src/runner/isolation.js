// Whether this page may use SharedArrayBuffer, and so run threaded builds.
// `?threads=off` forces the single-threaded path (used by tests and for comparison).
const forcedOff = new URLSearchParams(location.search).get('threads') === 'off';
const sharedArrayBuffer = !forcedOff && self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

// Both need SharedArrayBuffer: threads share the program's memory, and shared
// memory blocks between processes (Web Workers) are one too. Processes alone
// do not: without it they exchange messages (the single-threaded build).
export const isolation = {
  threads: sharedArrayBuffer,
  sharedMemory: sharedArrayBuffer,
};

/**
 * What a cell's built program needs that this page lacks ('threads' or
 * 'shared-memory', as marked in lesson.md), or null when it can run here.
 */
export function missingFeature(cell, available = isolation) {
  if (cell.threadsRequired && !available.threads) return 'threads';
  if (cell.sharedMemoryRequired && !available.sharedMemory) return 'shared-memory';
  return null;
}
