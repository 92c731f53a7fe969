// Hosts the interleaving explorer's WebAssembly model (build/public/wasm/explorer.js,
// built from cpp/bindings/explorer_bindings.cpp), so the page's main thread
// never runs wasm. A classic worker, because the Emscripten glue is a classic
// script (it defines createExplorer) that only importScripts can load here.
// explorer-client.js is the page's side.
//
// Calls (web/src/workers/serve.js); each throws if the model did not load, or broke:
//      load({wasmBase})                               first, once
//      open({program})                                -> {session, snapshot}
//      step({session, thread})                        -> {snapshot, error, entry}
//      undo({session})                                -> {snapshot, undone}
//      reset({session})                               -> {snapshot}
//      replay({session, schedule})                    -> {snapshot, entries}
//      exploreAll({session, maxStates})               -> {explored}
//      delete({session})                              -> {}
//   snapshot: {ok, error, state, program}, what the session's methods return.
//   entry:    {thread, line, retake}: the line the thread ran (its pc before
//             the step) and whether it was retaking a mutex after a wait.
//   explored: exploreAll's result, each outcome with `example`, its schedule
//             as line numbers ("A1 B1 A2′").
'use strict';

importScripts(new URLSearchParams(self.location.hash.slice(1)).get('protocol'));

let loaded = null; // Promise of the instantiated module
let Module = null;
const sessions = new Map(); // id -> {session, program}
let nextSession = 1;

function load(wasmBase) {
  importScripts(`${wasmBase}explorer.js`);
  return self.createExplorer({ locateFile: (file) => wasmBase + file });
}

const snapshot = (session) => ({
  ok: session.ok(), error: session.error(), state: JSON.parse(session.state()), program: JSON.parse(session.program()),
});

function step(session, thread) {
  const before = JSON.parse(session.state()).threads[thread];
  const error = session.step(thread);
  return { error, entry: error ? null : { thread, line: before.pc, retake: before.waiting } };
}

// Line numbers of a schedule, replayed on a scratch session so the learner's
// own session keeps its place.
function describe(program, schedule) {
  const scratch = new Module.ExplorerSession(JSON.stringify(program));
  const parts = [];
  try {
    for (const t of schedule) {
      const th = JSON.parse(scratch.state()).threads[t];
      parts.push(`${th.name}${th.pc + 1}${th.waiting ? '′' : ''}`);
      if (scratch.step(t)) break;
    }
  } finally {
    scratch.delete();
  }
  return parts.join(' ');
}

function open({ program }) {
  const id = nextSession++;
  const session = new Module.ExplorerSession(JSON.stringify(program));
  sessions.set(id, { session, program });
  return { session: id, snapshot: snapshot(session) };
}

// Commands on an open session: (message, {session, program}) -> reply.
const commands = {
  step: ({ thread }, { session }) => ({ ...step(session, thread), snapshot: snapshot(session) }),
  undo: (message, { session }) => ({ undone: session.undo(), snapshot: snapshot(session) }),
  reset(message, { session }) {
    session.reset();
    return { snapshot: snapshot(session) };
  },
  replay({ schedule }, { session }) {
    session.reset();
    const entries = [];
    for (const thread of schedule) {
      const { error, entry } = step(session, thread);
      if (error) break;
      entries.push(entry);
    }
    return { entries, snapshot: snapshot(session) };
  },
  exploreAll({ maxStates }, { session, program }) {
    const explored = JSON.parse(session.exploreAll(maxStates));
    for (const outcome of explored.outcomes) outcome.example = describe(program, outcome.schedule);
    return { explored };
  },
  delete(message, { session }) {
    session.delete();
    sessions.delete(message.session);
    return {};
  },
};

function run(message) {
  if (message.type === 'open') return open(message);
  const command = commands[message.type];
  if (!command) throw new Error(`unknown command ${message.type}`);
  const entry = sessions.get(message.session);
  if (!entry) throw new Error(`no session ${message.session}`);
  return command(message, entry);
}

// Calls are handled in arrival order: each waits for the same load, and the
// commands themselves are synchronous.
async function handle(message) {
  if (!loaded) throw new Error('the module was not asked to load');
  Module = await loaded;
  return run(message);
}

self.cddWorkerProtocol.serve({
  load({ wasmBase }) {
    // A promise even when importScripts throws, so every waiting command gets the reason.
    loaded = Promise.resolve(wasmBase).then(load);
    return loaded.then(() => ({}));
  },
  ...Object.fromEntries(['open', ...Object.keys(commands)].map((type) => [type, (fields) => handle({ ...fields, type })])),
});
