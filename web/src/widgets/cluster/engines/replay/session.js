// One replay of a run spec in the seeded simulator: advance in virtual time,
// step one event, seek to any event (back = rebuild and re-run silently, which
// the seed makes exact), jump to the next fault or to a violation's window.
// Pure: takes the loaded kv module, so node tests drive it like the worker.
import { openSimulator, capabilitiesOf } from './sim-options.js';
import { EventSource } from './event-source.js';
import { checkSimulator, windowStartNs, violationNs } from './verdict.js';

const FAULT_EVENTS = new Set(['fault', 'heal', 'crash', 'restart', 'pause', 'resume']);
export const RECENT_NS = 3e9; // a snapshot carries the last 3 s of virtual time

export class ReplaySession {
  /** @param kv the module from createKv(); @param spec a valid run spec */
  constructor(kv, spec, { recentNs = RECENT_NS } = {}) {
    this.kv = kv;
    this.spec = spec;
    this.recentNs = recentNs;
    this.sim = null;
    this.verdict = null; // of the whole run, once computed
    this.rebuild();
  }

  /** A fresh simulator at event 0. */
  rebuild() {
    this.sim?.delete();
    this.sim = openSimulator(this.kv, this.spec);
    this.caps = capabilitiesOf(this.sim);
    this.source = new EventSource(this.sim, this.caps);
    this.eventIndex = 0; // events taken so far
    this.time = 0; // virtual time reached (ns)
    this.recent = [];
  }

  /** Why a spec's parts may be ignored by this build of kv.js (empty when none). */
  get warnings() {
    const warnings = [];
    if (this.spec.faults?.length && !this.caps.faults) warnings.push('this build of the simulator ignores fault scripts');
    return warnings;
  }

  take(event) {
    this.eventIndex += 1;
    this.time = Math.max(this.time, event.time);
    this.recent.push(event);
    if (this.recent.length > 4096 && this.recent[0].time < this.time - 2 * this.recentNs) this.pruneRecent();
  }

  pruneRecent() {
    const from = this.time - this.recentNs;
    this.recent = this.recent.filter((e) => e.time >= from);
  }

  /** `state` events for every node, when the build has nodeStates(). */
  stateEvents() {
    if (!this.caps.nodeStates) return [];
    return JSON.parse(this.sim.nodeStates()).map((state) => ({ time: this.time, event: 'state', node: state.id, state }));
  }

  /** Events up to virtual time untilNs, then the nodes' states. */
  advance({ untilNs }) {
    const events = [];
    this.source.drainUntil(untilNs, (event) => {
      this.take(event);
      events.push(event);
    });
    if (!this.source.done) this.time = Math.max(this.time, untilNs);
    return { events: events.concat(this.stateEvents()), ...this.position() };
  }

  /** The next event alone (none at the end), then the nodes' states. */
  stepForward() {
    const event = this.source.next();
    if (event) this.take(event);
    return { events: event ? [event, ...this.stateEvents()] : [], ...this.position() };
  }

  position() {
    return { eventIndex: this.eventIndex, time: this.time, done: this.source.done, warnings: this.warnings };
  }

  /**
   * Where the replay stands, for a redraw after a seek or jump: the events of
   * the last few seconds followed by the nodes' `state` events (also alone in
   * `states`), so applying `events` to a fresh model shows the present.
   */
  snapshot() {
    this.pruneRecent();
    const states = this.stateEvents();
    return { events: this.recent.concat(states), states, ...this.position() };
  }

  /** Runs silently until `stop(event)` is true for an event just taken, or the end. */
  runSilently(stop) {
    for (let event = this.source.next(); event; event = this.source.next()) {
      this.take(event);
      if (stop(event)) return true;
    }
    return false;
  }

  /** Moves to just after event number `eventIndex` (0 = the start); back means re-running from the start. */
  seek({ eventIndex }) {
    if (eventIndex < this.eventIndex) this.rebuildBefore(eventIndex);
    if (eventIndex > this.eventIndex) this.runSilently(() => this.eventIndex >= eventIndex);
    return this.snapshot();
  }

  /**
   * Rebuilds, then runs silently (skipUntil, no events reported: fast) to a
   * little before event `eventIndex` when its time is known from the recent
   * window, so that the snapshot still gets its last seconds of events.
   */
  rebuildBefore(eventIndex) {
    const back = this.eventIndex - eventIndex;
    const target = back < this.recent.length ? this.recent[this.recent.length - 1 - back].time : undefined;
    this.rebuild();
    const skipTo = target === undefined ? -1 : target - this.recentNs - 1;
    if (this.caps.skipUntil && skipTo > 0) {
      this.eventIndex = this.sim.skipUntil(skipTo);
      this.time = skipTo;
    }
  }

  /** Moves to virtual time `timeNs` (back means re-running from the start). */
  seekTime(timeNs) {
    if (timeNs < this.time) this.rebuild();
    this.source.drainUntil(timeNs, (event) => this.take(event));
    if (!this.source.done) this.time = Math.max(this.time, timeNs);
    return this.snapshot();
  }

  /** The verdict of the whole run (computed once, on a copy so the replay keeps its place). */
  runVerdict() {
    if (this.verdict) return this.verdict;
    const copy = openSimulator(this.kv, this.spec);
    try {
      copy.run();
      this.verdict = checkSimulator(copy);
    } finally {
      copy.delete();
    }
    return this.verdict;
  }

  /**
   * 'fault': just after the next fault event (fault, heal, crash, restart,
   * pause, resume); 'violation': where the window's last definite answer arrived.
   * {found, ...snapshot}, plus the verdict for 'violation'.
   */
  jumpTo(target) {
    if (target === 'fault') {
      const found = this.runSilently((event) => FAULT_EVENTS.has(event.event));
      return { found, ...this.snapshot() };
    }
    if (target === 'violation') {
      const verdict = this.runVerdict();
      const start = windowStartNs(verdict);
      if (verdict.verdict !== 'not linearizable' || start === null) return { found: false, verdict, ...this.snapshot() };
      // Landing where the unexplainable answer arrived shows the window's last operations and their messages.
      const at = violationNs(verdict);
      return { found: true, verdict, windowStartNs: start, violationNs: at, ...this.seekTime(at) };
    }
    throw new Error(`cannot jump to "${target}" (fault or violation)`);
  }

  close() {
    this.sim?.delete();
    this.sim = null;
  }
}
