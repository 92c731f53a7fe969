// The replay engine's worker (module worker, README.md "engines/"): the seeded
// simulator, stepped, sought, run detached and compared across protocols, all
// off the main thread. The page talks to it through replay-client.js.
//
// Methods (worker protocol, web/src/workers/serve.js):
//   init({wasmBase})                  loads kv.wasm; -> {protocols}
//   open({spec})                      a new replay at event 0; -> position + {capabilities}
//   advance({untilNs})                -> {events, eventIndex, time, done, warnings}
//   stepForward()                     the next event alone; same shape
//   seek({eventIndex}) / seekTime({timeNs})   -> snapshot {events (last few s), states, ...}
//   jumpTo({target: 'fault'|'violation'})     -> snapshot + {found, verdict?}
//   runDetached({spec})               progress events {phase}; -> {stats, event_hash, verdict, ...}
//   compare({spec, protocols?})       a {row} event per protocol as it finishes; -> rows
import '../../../workers/serve.js';
import { loadEmscriptenModule } from '../../../workers/emscripten-module.js';
import { ReplaySession } from './replay/session.js';
import { runDetached, compare, COMPARE_PROTOCOLS } from './replay/detached.js';
import { validateSpec } from '../model/run-spec.js';

let kv = null;
let session = null;

function loaded() {
  if (!kv) throw new Error('the replay engine is not loaded yet (call init first)');
  return kv;
}

function opened() {
  if (!session) throw new Error('no replay is open (call open first)');
  return session;
}

function checkedSpec(spec) {
  const problems = validateSpec(spec);
  if (problems.length) throw Object.assign(new Error(`${problems[0].field}: ${problems[0].message}`), { field: problems[0].field });
  return spec;
}

self.cddWorkerProtocol.serve({
  async init({ wasmBase }) {
    kv ??= await loadEmscriptenModule(`${wasmBase}kv.js`, `${wasmBase}kv.wasm`, 'createKv');
    return { protocols: JSON.parse(kv.protocols()) };
  },
  open({ spec }) {
    session?.close();
    session = null;
    session = new ReplaySession(loaded(), checkedSpec(spec));
    return { ...session.position(), capabilities: session.caps };
  },
  advance({ untilNs }) {
    return opened().advance({ untilNs });
  },
  stepForward() {
    return opened().stepForward();
  },
  seek({ eventIndex }) {
    return opened().seek({ eventIndex });
  },
  seekTime({ timeNs }) {
    return opened().seekTime(timeNs);
  },
  jumpTo({ target }) {
    return opened().jumpTo(target);
  },
  runDetached({ spec }, call) {
    return runDetached(loaded(), checkedSpec(spec), { onProgress: (progress) => call.emit({ progress }) });
  },
  compare({ spec, protocols = COMPARE_PROTOCOLS }, call) {
    return compare(loaded(), checkedSpec(spec), protocols, {
      onRow: (row, { index, total }) => call.emit({ row, progress: { done: index + 1, total } }),
    });
  },
  close() {
    session?.close();
    session = null;
    return true;
  },
});
