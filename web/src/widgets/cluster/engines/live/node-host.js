// One node of a live run, without the thread: the node worker
// (../live-node-worker.js) passes it what the router sent (a batch of
// messages and commands) and its ticks; it drives a KvNode of kv.js and hands
// back one batch of output per call: {out: messages, state?: summary}, or
// {trap: text} once the wasm failed (after which it does nothing more).
//
// Commands: {cmd: 'init', protocol, config, seed, message}, {cmd: 'crash',
// keep}, {cmd: 'restart'}, {cmd: 'pause'}, {cmd: 'resume'}, {cmd: 'trap'}.

const STATE_EVERY_NS = 100e6;
const outputOf = (json) => JSON.parse(json).messages;

class NodeHost {
  #kv;
  #clock;
  #post;
  #node = null;
  #running = false; // handles messages and ticks (false: crashed or paused)
  #failed = false;
  #lastState = '';
  #lastStateAt = -Infinity;

  constructor(kv, { clock, post }) {
    this.#kv = kv;
    this.#clock = clock;
    this.#post = post;
  }

  /** A batch from the router: messages ({src, dest, body}) and commands ({cmd}), in order. */
  receive(items) {
    this.#guarded((out) => {
      let messages = [];
      const handleMessages = () => {
        if (messages.length && this.#running) out.push(...this.#handleAll(messages));
        messages = [];
      };
      for (const item of items) {
        if (!item.cmd) {
          messages.push(item);
          continue;
        }
        handleMessages();
        this.#command(item, out);
      }
      handleMessages();
    });
  }

  // A run of messages in one call into the wasm when this kv.js can (handleAll),
  // one call per message otherwise.
  #handleAll(messages) {
    const now = this.#clock();
    if (typeof this.#node.handleAll === 'function') return outputOf(this.#node.handleAll(JSON.stringify(messages), now));
    return messages.flatMap((m) => outputOf(this.#node.handle(JSON.stringify(m), now)));
  }

  tick() {
    this.#guarded((out) => {
      if (this.#running) out.push(...outputOf(this.#node.tick(this.#clock())));
    });
  }

  get failed() {
    return this.#failed;
  }

  /** Whether this kv.wasm has KvNode.state(). */
  get reportsState() {
    return typeof this.#node?.state === 'function';
  }

  #command(item, out) {
    const now = this.#clock();
    if (item.cmd === 'init') {
      this.#node = new this.#kv.KvNode(item.protocol, JSON.stringify(item.config ?? {}), item.seed);
      if (this.#node.error()) throw new Error(this.#node.error());
      out.push(...outputOf(this.#node.handle(JSON.stringify(item.message), now)));
      this.#running = true;
    } else if (item.cmd === 'crash') {
      this.#running = false;
      if (!item.keep) this.#node.crash(now);
    } else if (item.cmd === 'restart' || item.cmd === 'resume') {
      this.#running = true;
      this.#lastState = ''; // the router showed it down or paused: report the state afresh
      this.#lastStateAt = -Infinity;
    } else if (item.cmd === 'pause') {
      this.#running = false;
    } else if (item.cmd === 'trap') {
      if (typeof this.#node.trap !== 'function') throw new Error('this kv.wasm has no KvNode.trap()');
      this.#node.trap();
    }
  }

  /** The node's summary if it changed and the last one is 100 ms old. */
  #stateIfDue() {
    const now = this.#clock();
    if (!this.#running || !this.reportsState || now - this.#lastStateAt < STATE_EVERY_NS) return undefined;
    const text = this.#node.state();
    if (text === this.#lastState) return undefined;
    this.#lastState = text;
    this.#lastStateAt = now;
    return JSON.parse(text);
  }

  /** Runs `work(out)`; posts its output, or the trap if anything in it threw. */
  #guarded(work) {
    if (this.#failed) return;
    const out = [];
    try {
      work(out);
      const state = this.#stateIfDue();
      if (out.length || state) this.#post(state ? { out, state } : { out });
    } catch (error) {
      this.#failed = true;
      this.#running = false;
      this.#post({ out, trap: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
}

/**
 * @param {object} kv the instantiated kv module (createKv)
 * @param {{clock: () => number, post: (batch: object) => void}} shell clock: ns since the run started
 */
export const createNodeHost = (kv, shell) => new NodeHost(kv, shell);
