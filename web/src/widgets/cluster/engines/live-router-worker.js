// The router of a live run, in a module worker: every message between node
// workers crosses this thread, where live/router-core.js decides its fate
// (latency, loss, partitions, paused and crashed nodes) and runs the fault
// script and the lin-kv clients. This file is the shell: the clock, the
// ports, and the batching.
//   - to each node: one postMessage per destination per turn (an array);
//   - to the page: the contract's events every 50 ms, as one array;
//   - to the checker: the history events, on its own port, at the same pace.
import '../../../workers/serve.js';
import { createRouterCore } from './live/router-core.js';

const FLUSH_NS = 50e6;

let run = null;

function startRun({ spec, detail, ports, checkerPort }, call) {
  const epochMs = performance.timeOrigin + performance.now();
  const now = () => Math.round((performance.timeOrigin + performance.now() - epochMs) * 1e6);
  const core = createRouterCore(spec, { detail });
  let events = [];
  let history = [];
  let verdict = null; // the router's own verdict (echo, broadcast), sent when it changed
  let nextFlush = FLUSH_NS;
  let timer = null;
  let timerAt = Infinity;
  let finish;

  function turn() {
    timer = null;
    timerAt = Infinity;
    const t = now();
    core.pump(t);
    const taken = core.take(t);
    for (const [node, items] of taken.toNodes) ports[node].postMessage(items);
    for (const event of taken.events) events.push(event);
    for (const op of taken.history) history.push(op);
    if (taken.verdict) verdict = taken.verdict;
    if (t >= nextFlush) {
      if (events.length) call.emit(events);
      if (verdict) call.emit({ verdict });
      verdict = null;
      if (history.length) checkerPort?.postMessage(history); // none for router-judged workloads
      events = [];
      history = [];
      nextFlush = t + FLUSH_NS;
    }
    wakeAt(Math.min(core.nextWake(), nextFlush));
  }

  /** Makes sure a turn runs by `at` (ns). */
  function wakeAt(at) {
    if (at >= timerAt) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(turn, Math.max(0, (at - now()) / 1e6));
  }

  for (const [node, port] of Object.entries(ports)) {
    port.onmessage = ({ data }) => {
      core.fromNode(node, data, now());
      wakeAt(0);
    };
  }
  core.start(epochMs);
  wakeAt(0);

  const act = (work) => {
    const result = work(core, now());
    wakeAt(0);
    return result;
  };
  const stop = () => {
    clearTimeout(timer);
    timerAt = -Infinity; // no turn is scheduled again
    Object.values(ports).forEach((port) => port.close());
    checkerPort?.close();
    finish();
  };
  run = { act, stop, core };
  return new Promise((resolve) => {
    finish = () => resolve({ faultScript: core.faultScript() });
  });
}

const running = () => {
  if (!run) throw new Error('the live run has not started');
  return run;
};

self.cddWorkerProtocol.serve({
  /**
   * Runs until stop; emits arrays of events.
   * @param {{spec: object, detail: 'full'|'counts', ports: Object<string, MessagePort>, checkerPort: MessagePort|null}} args
   */
  start: (args, call) => startRun(args, call),
  fault: ({ step }) => running().act((core, t) => core.fault(step, t)),
  clientOp: ({ op }) => running().act((core, t) => core.clientOp(op, t)),
  setRate: ({ rate }) => running().act((core) => core.setRate(rate)),
  setDetail: ({ detail }) => running().act((core) => core.setDetail(detail)),
  dropMessage: ({ id }) => running().act((core, t) => core.dropMessage(id, t)),
  nodeGone: ({ node, text }) => running().act((core, t) => core.nodeGone(node, text, t)),
  faultScript: () => running().core.faultScript(),
  stop: () => running().stop(),
});
