// The kinds of check a lesson's claim can be: pure functions of one run's
// output (the report lines, cpp/include/cdd/report.h, parsed to objects, and
// the terminal's text lines) and of the machine (its core count). A check
// returns {held, measured}: whether the sentence was true of this run, and
// the figure that decided it, for the table. A figure the run did not report
// makes the claim fail ("missing"), never pass.
//
// A run is {reports: object[], text: string[], cores: number}.

const fmtNumber = (v) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v * 10) / 10) : v.toPrecision(3));

/** Resolves an x given as a number, 'cores' (the machine's), 'first', 'last' or a function of the run. */
function resolveX(x, xs, run) {
  if (typeof x === 'function') return x(run);
  if (x === 'cores') return run.cores;
  if (x === 'first') return Math.min(...xs);
  if (x === 'last') return Math.max(...xs);
  return x;
}

// ---- measures: (run) => number | undefined ------------------------------------

/** The points of `series` on the chart with id `chart`, as a Map x -> y. */
export function seriesOf(run, chart, series) {
  const out = new Map();
  for (const r of run.reports) if (r.kind === 'point' && r.chart === chart && r.series === series) out.set(r.x, r.y);
  return out;
}

/** y of one point; x as for resolveX. */
export const point = (chart, series, x) => (run) => {
  const points = seriesOf(run, chart, series);
  return points.size ? points.get(resolveX(x, [...points.keys()], run)) : undefined;
};

/** The rows of table `table`. */
export const rowsOf = (run, table) => run.reports.filter((r) => r.kind === 'table' && r.id === table && r.row).map((r) => r.row);

/**
 * The number at the start of a table cell ("18.3 us" -> 18.3), in the row whose first cell is
 * `key` (or whose first cells are the array `key`).
 */
export const tableNumber = (table, key, column) => (run) => {
  const keys = Array.isArray(key) ? key : [key];
  const row = rowsOf(run, table).find((cells) => keys.every((k, i) => cells[i] === k));
  const value = row ? Number.parseFloat(row[column]) : NaN;
  return Number.isNaN(value) ? undefined : value;
};

// human_bytes (cpp/include/cdd/args.h) writes decimal units.
const UNITS = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** A table cell such as "0.616 ms" or "86 KB" in seconds or bytes (units differ between rows' cells). */
export const tableQuantity = (table, key, column) => (run) => {
  const row = rowsOf(run, table).find((cells) => cells[0] === key);
  const m = row && /^\s*([\d.eE+-]+)\s*(\S+)/.exec(row[column]);
  return m && UNITS[m[2]] !== undefined ? Number(m[1]) * UNITS[m[2]] : undefined;
};

/** A number the program prints only as a terminal line: the first capture group of `pattern`. */
export const textNumber = (pattern) => (run) => {
  for (const line of run.text) {
    const m = pattern.exec(line);
    if (m) return Number.parseFloat(m[1]);
  }
  return undefined;
};

/** The latest end of the spans on `timeline` (optionally only those whose label matches). */
export const lastEnd = (timeline, label = /./) => (run) => {
  const ends = spansOf(run, timeline).filter((s) => label.test(s.label)).map((s) => s.end);
  return ends.length ? Math.max(...ends) : undefined;
};

/** The largest or smallest y of a series ('max' | 'min'). */
export const seriesStat = (chart, series, stat) => (run) => {
  const ys = [...seriesOf(run, chart, series).values()];
  return ys.length ? Math[stat](...ys) : undefined;
};

/** a / b of two measures. */
export const ratio = (a, b) => (run) => {
  const x = a(run);
  const y = b(run);
  return x === undefined || y === undefined || y === 0 ? undefined : x / y;
};

export const spansOf = (run, timeline) => run.reports.filter((r) => r.kind === 'span' && r.timeline === timeline);

// ---- checks: (run) => {held, measured} ---------------------------------------

const missing = { held: false, measured: 'missing' };
const within = (v, { min = -Infinity, max = Infinity }) => v >= min && v <= max;
const bound = (b, run) => (typeof b === 'function' ? b(run) : b);

/** One measured number lies in [min, max] (either may be left out; each a number or a function of the run). */
export const inRange = (measure, range) => (run) => {
  const v = measure(run);
  if (v === undefined || Number.isNaN(v)) return missing;
  return { held: within(v, { min: bound(range.min, run), max: bound(range.max, run) }), measured: fmtNumber(v) };
};

/** A series is flat: its largest y over its smallest is at most `max` ("about the same at any size"). */
export const flatSeries = (chart, series, max) => inRange(ratio(seriesStat(chart, series, 'max'), seriesStat(chart, series, 'min')), { max });

/** Several measures agree: the largest over the smallest is at most `max` ("all three lines meet"). */
export const spreadWithin = (measures, max) => (run) => {
  const ys = measures.map((m) => m(run));
  if (ys.some((y) => !(y > 0))) return missing;
  const spread = Math.max(...ys) / Math.min(...ys);
  return { held: spread <= max, measured: fmtNumber(spread) };
};

/** Every point of a series lies in [min, max] (and there is at least one). */
export const everyPoint = (chart, series, range) => (run) => {
  const ys = [...seriesOf(run, chart, series).values()];
  if (!ys.length) return missing;
  return { held: ys.every((y) => within(y, range)), measured: ys.map(fmtNumber).join(' ') };
};

/** At least `share` of a series' points satisfy `test` ("usually", "most runs"). */
export const mostPoints = (chart, series, test, share) => (run) => {
  const ys = [...seriesOf(run, chart, series).values()];
  if (!ys.length) return missing;
  const hits = ys.filter(test).length;
  return { held: hits >= share * ys.length, measured: `${hits} of ${ys.length}` };
};

/**
 * For every x both series report: if `when(a)` holds then `then(b)` must ("many turns -> updates
 * lost"); and `when` must come up at least once.
 */
export const pointwise = ([chartA, seriesA], [chartB, seriesB], when, then) => (run) => {
  const a = seriesOf(run, chartA, seriesA);
  const b = seriesOf(run, chartB, seriesB);
  const xs = [...a.keys()].filter((x) => b.has(x));
  if (!xs.length) return missing;
  const applies = xs.filter((x) => when(a.get(x)));
  // A run in which the condition never came up neither confirms the sentence nor shows it: not held.
  if (!applies.length) return { held: false, measured: 'not seen (the condition never came up)' };
  const broken = applies.filter((x) => !then(b.get(x)));
  return { held: broken.length === 0, measured: `${applies.length - broken.length} of ${applies.length} runs` };
};

/** The most spans labelled `label` on `timeline` that overlap at one instant is at most `limit`. */
export const maxOverlap = (timeline, label, limit) => (run) => {
  const spans = spansOf(run, timeline).filter((s) => s.label === label);
  if (!spans.length) return missing;
  // Ends sort before starts at the same instant: a slot released and taken at once is not two.
  const events = spans.flatMap((s) => [[s.start, 1], [s.end, -1]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of events) most = Math.max(most, (now += step));
  return { held: most <= bound(limit, run), measured: String(most) };
};

/** Spans labelled "<word> N": no span of step N+1 starts before every span of step N has ended. */
export const stepsInOrder = (timeline, word) => (run) => {
  const steps = new Map();
  for (const s of spansOf(run, timeline)) {
    const m = new RegExp(`^${word} (\\d+)$`).exec(s.label);
    if (m) (steps.get(Number(m[1])) ?? steps.set(Number(m[1]), []).get(Number(m[1]))).push(s);
  }
  if (steps.size < 2) return missing;
  let worst = Infinity; // the smallest (next start - previous end), in ms; negative = out of order
  for (const [n, spans] of steps) {
    const next = steps.get(n + 1);
    if (next) worst = Math.min(worst, Math.min(...next.map((s) => s.start)) - Math.max(...spans.map((s) => s.end)));
  }
  return { held: worst >= 0, measured: `${fmtNumber(worst)} ms` };
};

/**
 * Spans matching `later` each start after the spans matching `earlier` that they wait for, by at
 * most `slackMs`: pairs(run) gives [[earlierSpans, laterSpan], ...].
 */
export const startsAfter = (pairs, slackMs = Infinity) => (run) => {
  const list = pairs(run);
  if (!list.length) return missing;
  let worst = Infinity;
  let longest = -Infinity;
  for (const [earlier, later] of list) {
    if (!earlier.length || !later) return missing;
    const gap = later.start - Math.max(...earlier.map((s) => s.end));
    worst = Math.min(worst, gap);
    longest = Math.max(longest, gap);
  }
  return { held: worst >= 0 && longest <= slackMs, measured: `${fmtNumber(worst)}..${fmtNumber(longest)} ms` };
};

/**
 * Waiters wake after their release, and no later than `share` of the time they had waited by then
 * plus `slackMs`: waits(run) gives [{waited, released, woke}, ...] in ms (the wait's start, the
 * moment the last party arrived, the moment this waiter went on). Emscripten's libc++ has no futex
 * behind std::atomic::wait (std::latch, std::barrier, std::counting_semaphore): a waiter polls and
 * sleeps half the time it has waited so far, so it may go on up to half its wait late, never early.
 */
export const wakesLate = (waits, share, slackMs) => (run) => {
  const list = waits(run);
  if (!list.length || list.some((w) => ![w.waited, w.released, w.woke].every(Number.isFinite))) return missing;
  let early = Infinity; // the smallest (woke - released); negative = went on before the release
  let worst = -Infinity; // the largest lateness beyond the allowance
  let latest = 0;
  for (const { waited, released, woke } of list) {
    early = Math.min(early, woke - released);
    latest = Math.max(latest, woke - released);
    worst = Math.max(worst, woke - released - (share * Math.max(0, released - waited) + slackMs));
  }
  return { held: early >= 0 && worst <= 0, measured: `${fmtNumber(Math.max(0, early))}..${fmtNumber(latest)} ms late${early < 0 ? ` (✗ ${fmtNumber(-early)} ms early)` : ''}` };
};

/** Every row of a table satisfies `test(cells)` (and there is at least one). */
export const everyRow = (table, test) => (run) => {
  const rows = rowsOf(run, table);
  if (!rows.length) return missing;
  const good = rows.filter(test).length;
  return { held: good === rows.length, measured: `${good} of ${rows.length} rows` };
};

/** All of several checks (one sentence that says two things). */
export const allOf = (...checks) => (run) => {
  const results = checks.map((c) => c(run));
  // Marks the parts that failed, so the table says which half of the sentence did not hold.
  const measured = results.map((r) => (r.held || results.length === 1 ? r.measured : `(✗ ${r.measured})`));
  return { held: results.every((r) => r.held), measured: measured.join('; ') };
};

// ---- reading a run ------------------------------------------------------------

/** A run from a program's stdout lines (as the page received them) and the machine's core count. */
export function runFromLines(lines, cores) {
  const reports = [];
  const text = [];
  for (const line of lines) {
    if (!line.startsWith('@cdd ')) text.push(line);
    else {
      try {
        reports.push(JSON.parse(line.slice(5)));
      } catch {
        text.push(line);
      }
    }
  }
  return { reports, text, cores };
}
