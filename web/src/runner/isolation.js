// Whether this page may use SharedArrayBuffer, and so run threaded builds.
// `?threads=off` forces the single-threaded path (used by tests and for comparison).
const forcedOff = new URLSearchParams(location.search).get('threads') === 'off';

export const isolation = {
  threads: !forcedOff && self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
};
