// A priority queue of things due at a time (ns): a binary heap ordered by
// (time, insertion order), so items due at the same instant come out in the
// order they went in (a message and its successor on one link stay in order
// when their delays are equal).
export class TimerQueue {
  #heap = [];
  #seq = 0;

  get size() {
    return this.#heap.length;
  }

  /** Adds `item`, due at `time`. */
  push(time, item) {
    const heap = this.#heap;
    const entry = { time, seq: this.#seq++, item };
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** The time of the earliest item, or Infinity when empty. */
  peekTime() {
    return this.#heap.length ? this.#heap[0].time : Infinity;
  }

  /** Removes and returns every item due at or before `now`, earliest first. */
  popDue(now) {
    const due = [];
    while (this.#heap.length && this.#heap[0].time <= now) due.push(this.#pop());
    return due;
  }

  #pop() {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const child = left + 1 < heap.length && before(heap[left + 1], heap[left]) ? left + 1 : left;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top.item;
  }
}

const before = (x, y) => x.time < y.time || (x.time === y.time && x.seq < y.seq);
