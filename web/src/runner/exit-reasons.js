// Turns Emscripten's abort texts into something a learner can act on.
export function describeAbort(reason) {
  const text = String(reason ?? 'unknown reason');
  if (/OOM|Cannot enlarge memory|out of memory|bad_alloc/i.test(text)) return 'out of memory';
  if (/SharedArrayBuffer/.test(text)) return 'threads are not available on this page (no SharedArrayBuffer)';
  if (/unreachable/.test(text)) return `the program trapped (${text})`;
  return text.replace(/^Aborted\((.*)\)\.? ?.*$/s, '$1') || text;
}

export const isOutOfMemory = (reason) => reason === 'out of memory';
