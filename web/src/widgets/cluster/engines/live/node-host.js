// One node of a live run, without the thread: the node worker
// (../live-node-worker.js) passes it what the router sent (a batch of
// messages and commands) and its ticks; it drives a KvNode of kv.js and hands
// back one batch of output per call: {out: messages, state?: summary}, or
// {trap: text} once the wasm failed (after which it does nothing more).
//
// Commands: {cmd: 'init', protocol, config, seed, message}, {cmd: 'crash',
// keep}, {cmd: 'restart'}, {cmd: 'pause'}, {cmd: 'resume'}, {cmd: 'trap'}.

const STATE_EVERY_NS = 100e6;

/**
 * @param {object} kv the instantiated kv module (createKv)
 * @param {{clock: () => number, post: (batch: object) => void}} shell clock: ns since the run started
 */
export function createNodeHost(kv, { clock, post }) {
  let node = null;
  let running = false; // handles messages and ticks (false: crashed or paused)
  let failed = false;
  let lastState = '';
  let lastStateAt = -Infinity;
  const canReportState = () => typeof node?.state === 'function';

  const outputOf = (json) => JSON.parse(json).messages;

  function command(item, out) {
    const now = clock();
    if (item.cmd === 'init') {
      node = new kv.KvNode(item.protocol, JSON.stringify(item.config ?? {}), item.seed);
      if (node.error()) throw new Error(node.error());
      out.push(...outputOf(node.handle(JSON.stringify(item.message), now)));
      running = true;
    } else if (item.cmd === 'crash') {
      running = false;
      if (!item.keep) node.crash(now);
    } else if (item.cmd === 'restart' || item.cmd === 'resume') {
      running = true;
      lastState = ''; // the router showed it down or paused: report the state afresh
      lastStateAt = -Infinity;
    } else if (item.cmd === 'pause') {
      running = false;
    } else if (item.cmd === 'trap') {
      if (typeof node.trap !== 'function') throw new Error('this kv.wasm has no KvNode.trap()');
      node.trap();
    }
  }

  /** The node's summary if it changed and the last one is 100 ms old. */
  function stateIfDue() {
    const now = clock();
    if (!running || !canReportState() || now - lastStateAt < STATE_EVERY_NS) return undefined;
    const text = node.state();
    if (text === lastState) return undefined;
    lastState = text;
    lastStateAt = now;
    return JSON.parse(text);
  }

  /** Runs `work(out)`; posts its output, or the trap if anything in it threw. */
  function guarded(work) {
    if (failed) return;
    const out = [];
    try {
      work(out);
      const state = stateIfDue();
      if (out.length || state) post(state ? { out, state } : { out });
    } catch (error) {
      failed = true;
      running = false;
      post({ out, trap: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  return {
    /** A batch from the router: messages ({src, dest, body}) and commands ({cmd}), in order. */
    receive(items) {
      guarded((out) => {
        for (const item of items) {
          if (item.cmd) command(item, out);
          else if (running) out.push(...outputOf(node.handle(JSON.stringify(item), clock())));
        }
      });
    },
    tick() {
      guarded((out) => {
        if (running) out.push(...outputOf(node.tick(clock())));
      });
    },
    get failed() {
      return failed;
    },
    /** Whether this kv.wasm has KvNode.state() (false until the C++ side has it). */
    get reportsState() {
      return canReportState();
    },
  };
}
