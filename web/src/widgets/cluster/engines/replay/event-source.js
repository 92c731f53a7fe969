// The simulator's events one at a time, in order, with a look-ahead buffer:
// step() hands over a batch at a time, and stepUntil(t) (when the build has
// it) everything up to a virtual time, so events past a boundary wait here.

export class EventSource {
  /** @param sim a kv.KvSimulator (not owned); @param caps from capabilitiesOf(sim) */
  constructor(sim, caps) {
    this.sim = sim;
    this.caps = caps;
    this.buffer = [];
    this.head = 0; // buffer[head] is the next event
  }

  get pending() {
    return this.buffer.length - this.head;
  }

  /** Fetches one more batch; false when the run is over. */
  fill() {
    if (this.head > 0) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    const batch = JSON.parse(this.sim.step());
    if (batch.length === 0) return false;
    for (const event of batch) this.buffer.push(event);
    return true;
  }

  /** The next event without taking it, or null at the end. */
  peek() {
    if (this.pending === 0 && !this.fill()) return null;
    return this.buffer[this.head];
  }

  /** The next event, or null at the end. */
  next() {
    const event = this.peek();
    if (event) this.head += 1;
    return event;
  }

  /**
   * Takes every event with time <= untilNs, in order, handing each to `take`;
   * stops early (leaving the event in place) when `take` returns false.
   */
  drainUntil(untilNs, take) {
    for (;;) {
      if (this.pending === 0) {
        // With stepUntil the simulator runs to the time in one call; it is
        // only asked once the buffer is empty (else it is already past it).
        if (this.caps.stepUntil) {
          this.buffer = JSON.parse(this.sim.stepUntil(untilNs));
          this.head = 0;
          if (this.buffer.length === 0) return;
        } else if (!this.fill()) {
          return;
        }
      }
      const event = this.buffer[this.head];
      if (event.time > untilNs) return;
      if (take(event) === false) return;
      this.head += 1;
    }
  }

  get done() {
    return this.pending === 0 && this.sim.done();
  }
}
