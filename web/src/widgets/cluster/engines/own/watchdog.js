// Decides, from counters and a clock passed in (ms), when a node program has
// a problem the learner should see (web/src/widgets/cluster/README.md,
// `problem` events); no timers, so node tests drive it with virtual time.
//   hung:      a heartbeat (bumped in the stdin pipe every beatMs by the shell)
//              not acknowledged within hangMs; judged only once the program
//              has read input at all (acknowledged a first beat, or answered
//              init), since starting a program takes a while;
//   no-init:   no init_ok within initMs of the init message being there to read
//              (counted from the program's first read, since starting takes a
//              while), or no read at all within startMs of the init message;
//   throttled: more than maxLinesPerSecond stdout lines in a second: the
//              excess is dropped, reported once.
// Each kind is reported once per program start.

export const DEFAULTS = { beatMs: 250, hangMs: 2000, initMs: 3000, startMs: 15000, maxLinesPerSecond: 10000, maxLogsPerSecond: 50 };

/** Counts events in fixed one-second windows; allow() is false past `limit` in the current window. */
export function createRateWindow(limit) {
  let windowStart = -Infinity;
  let count = 0;
  let refused = 0;
  return {
    allow(now) {
      if (now - windowStart >= 1000) {
        windowStart = now;
        count = 0;
      }
      count += 1;
      if (count <= limit) return true;
      refused += 1;
      return false;
    },
    /** How many allow() refused since the last call (then 0 again). */
    takeRefused() {
      const n = refused;
      refused = 0;
      return n;
    },
  };
}

export function createWatchdog(nodeId, options = {}) {
  const { hangMs, initMs, startMs, maxLinesPerSecond } = { ...DEFAULTS, ...options };
  const beats = new Map(); // heartbeat number -> ms it was sent
  const reported = new Set();
  const lines = createRateWindow(maxLinesPerSecond);
  let initAt = null;
  let initOk = false;
  let firstReadAt = null; // when the program was first seen reading (acknowledging a heartbeat)

  const once = (kind, text) => {
    if (reported.has(kind)) return [];
    reported.add(kind);
    return [{ kind, text }];
  };

  return {
    initSent(now) {
      initAt = now;
    },
    initAnswered() {
      initOk = true;
    },
    beatSent(n, now) {
      beats.set(n, now);
    },
    /** A stdout line at `now`: whether it may pass, and the problem to report the first time one may not. */
    line(now) {
      if (lines.allow(now)) return { pass: true, problems: [] };
      return { pass: false, problems: once('throttled', `${nodeId} wrote more than ${maxLinesPerSecond} lines in a second: the excess is dropped`) };
    },
    /**
     * @param {number} now ms
     * @param {number} acknowledged the last heartbeat the program acknowledged
     * @returns {{kind: 'hung'|'no-init', text: string}[]} problems found now (each once)
     */
    check(now, acknowledged) {
      const found = [];
      for (const n of beats.keys()) if (n <= acknowledged) beats.delete(n);
      if (acknowledged > 0 && firstReadAt === null) firstReadAt = now;
      if (!initOk && initAt !== null && firstReadAt !== null && now - Math.max(initAt, firstReadAt) >= initMs) {
        found.push(...once('no-init', `${nodeId} did not answer init with init_ok within ${initMs / 1000} s`));
      }
      if (!initOk && initAt !== null && firstReadAt === null && now - initAt >= startMs) {
        found.push(...once('no-init', `${nodeId} has not read its input (init) within ${startMs / 1000} s of starting: is it stuck before its message loop?`));
      }
      const oldest = Math.min(...beats.values());
      // Answering init proves the program reads too: one that read init and its first request
      // before the first heartbeat was sent, then looped, has acknowledged nothing yet.
      if ((firstReadAt !== null || initOk) && now - oldest >= hangMs) {
        found.push(...once('hung', `${nodeId} has not read its input for ${((now - oldest) / 1000).toFixed(1)} s (no reply to a heartbeat within ${hangMs / 1000} s): is a handler stuck in a loop?`));
      }
      return found;
    },
    isHung: () => reported.has('hung'),
  };
}
