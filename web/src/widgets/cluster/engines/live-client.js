// The page's side of a live run: starts a worker per node, the router and
// the checker, wires them with MessageChannels (node <-> router, router ->
// checker), so that messages cross threads without touching the page, and
// returns the controls. It validates nothing: the page gives a valid spec.
//
//   const live = startLive(spec, {wasmBase, onEvents, onVerdict, onProblem, program});
//   (spec.protocol 'own': a learner's compiled node program, `program` as
//   web/src/cells/edited-program.js makes it, runs in an own-node-worker.js
//   per node; its echo and broadcast workloads are judged by the router, lin-kv
//   by the checker)
//   live.fault(step); live.clientOp({node, f, key, value}); live.setRate(r);
//   live.setDetail('counts'); live.dropMessage(id); await live.faultScript(); live.stop();
import { connect } from '../../../workers/connect.js';
import { nodeIdsOf } from './live/router-core.js';

function startNodeWorker(id, wasmBase, onGone) {
  const worker = new Worker(new URL('./live-node-worker.js', import.meta.url), { type: 'module', name: 'cluster-node' });
  // A worker that dies (an uncaught error, not a reported trap) takes only its node down.
  worker.addEventListener('error', (event) => onGone(id, event.message || `${id}'s worker failed`));
  const channel = new MessageChannel();
  const connection = connect(worker, { failureMessage: `${id}'s worker failed` });
  const loaded = connection.call('load', { wasmBase, port: channel.port2 }, { transfer: [channel.port2] });
  return { id, connection, routerPort: channel.port1, loaded };
}

// What an own-node shell starts its program worker from (classic scripts, by URL).
const ownNodeUrls = () => ({
  programWorker: new URL('../../../runner/program-worker.js', import.meta.url).href,
  protocol: new URL('../../../workers/serve.js', import.meta.url).href,
  stdinPipe: new URL('../../../runner/stdin-pipe.js', import.meta.url).href,
});

function startOwnNodeWorker(id, program, onGone) {
  const worker = new Worker(new URL('./own-node-worker.js', import.meta.url), { type: 'module', name: `cluster-own-${id}` });
  worker.addEventListener('error', (event) => onGone(id, event.message || `${id}'s worker failed`));
  const channel = new MessageChannel();
  const connection = connect(worker, { failureMessage: `${id}'s worker failed` });
  const loaded = program.then((compiled) => connection.call('load', { nodeId: id, program: compiled, urls: ownNodeUrls(), port: channel.port2 },
    { transfer: [channel.port2] }));
  return { id, connection, routerPort: channel.port1, loaded };
}

// The compiled wasm, compiled to a WebAssembly.Module once for every node (a module is shared with workers, not copied).
async function ownProgram(program) {
  if (!program) throw new Error("a run of protocol 'own' needs the compiled program");
  const wasm = program.wasm instanceof WebAssembly.Module ? program.wasm : await WebAssembly.compile(program.wasm);
  return { ...program, wasm };
}

export const judgedByChecker = (spec) => spec.protocol !== 'own' || (spec.workload ?? 'lin-kv') === 'lin-kv';

/**
 * @param {object} spec the run spec (cluster README)
 * @param {{wasmBase: string, detail?: 'full'|'counts', onEvents: (events: object[]) => void,
 *          onVerdict: (verdict: object) => void, onProblem?: (error: Error) => void,
 *          program?: {loaderUrl: string, wasm: Uint8Array|WebAssembly.Module, runtime: object}}} options
 */
export function startLive(spec, { wasmBase, detail = 'full', onEvents, onVerdict, onProblem = () => {}, program }) {
  let stopped = false;
  const problem = (error) => {
    if (!stopped) onProblem(error);
  };
  const router = connect(new Worker(new URL('./live-router-worker.js', import.meta.url), { type: 'module', name: 'cluster-router' }),
    { failureMessage: 'the router worker failed' });
  const nodeGone = (node, text) => {
    if (!stopped) router.call('nodeGone', { node, text }).catch(problem);
  };
  const own = spec.protocol === 'own' ? ownProgram(program) : null;
  const nodes = nodeIdsOf(spec).map((id) => (own ? startOwnNodeWorker(id, own, nodeGone) : startNodeWorker(id, wasmBase, nodeGone)));
  // Echo and broadcast runs are judged by the router: no checker worker for them.
  const checker = judgedByChecker(spec)
    ? connect(new Worker(new URL('./live-checker-worker.js', import.meta.url), { type: 'module', name: 'cluster-checker' }),
      { failureMessage: 'the checker worker failed' })
    : null;

  async function boot() {
    await Promise.all([checker?.call('load', { wasmBase }), ...nodes.map((n) => n.loaded)]);
    const history = checker ? new MessageChannel() : null; // router -> checker
    checker?.call('watch', { port: history.port2 }, { transfer: [history.port2], onEvent: onVerdict }).catch(problem);
    const ports = Object.fromEntries(nodes.map((n) => [n.id, n.routerPort]));
    // The router emits arrays of events, and {verdict} for the workloads it judges itself.
    const onEvent = (item) => (Array.isArray(item) ? onEvents(item) : onVerdict(item.verdict));
    const checkerPort = history?.port1 ?? null;
    router.call('start', { spec, detail, ports, checkerPort },
      { transfer: [...Object.values(ports), ...(checkerPort ? [checkerPort] : [])], onEvent }).catch(problem);
  }
  const ready = boot();
  ready.catch(problem);
  // Controls sent before the workers are up wait for them.
  const request = (method, args) => ready.then(() => router.call(method, args));

  return {
    fault: (step) => request('fault', { step }),
    clientOp: (op) => request('clientOp', { op }),
    setRate: (rate) => request('setRate', { rate }),
    setDetail: (value) => request('setDetail', { detail: value }),
    dropMessage: (id) => request('dropMessage', { id }),
    /** The steps run so far with their `at`: a script that replays this run. */
    faultScript: () => request('faultScript', {}),
    /** Terminates every worker at once. */
    stop() {
      stopped = true;
      const reason = new Error('the live run was stopped');
      [router, checker, ...nodes.map((n) => n.connection)].forEach((w) => w?.terminate(reason));
    },
  };
}
