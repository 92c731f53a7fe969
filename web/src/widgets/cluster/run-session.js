// One run of the cluster, replay or live: a fresh model, views and run record,
// the engine that feeds them, and the animation loop that redraws. Stopping
// ends every worker of the run. The main thread only renders: the engines'
// workers simulate, route, tick and check.
import { createClusterModel } from './model/cluster-model.js';
import { createReplayEngine } from './engines/replay-client.js';
import { startLive } from './engines/live-client.js';
import { createReplayPlayer } from './replay-player.js';
import { createRunRecord } from './run-record.js';
import { createViews } from './views/all-views.js';

const LIVE_LAG_NS = 60e6;
const nodeIds = (spec) => Array.from({ length: spec.nodes }, (_, i) => `n${i + 1}`);

/** Feeds a replay: the whole run's verdict and hash first (detached: fast), then the player. */
async function startReplay(session, { wasmBase, apply, setVerdict, onHash, onPosition, end, onError }) {
  const { spec, model } = session;
  session.engine = createReplayEngine({ wasmBase, onEvents: apply });
  await session.engine.open(spec);
  const detached = await session.engine.runDetached(spec);
  session.hash = detached.event_hash ?? detached.stats?.event_hash ?? null;
  onHash(session.hash, detached);
  setVerdict(detached.verdict);
  session.player = createReplayPlayer(session.engine, {
    onEvents: apply,
    // After a seek the views redraw from the snapshot; the run record
    // keeps the whole run (it ignores events it has already seen).
    onSnapshot: (snapshot) => {
      model.reset();
      apply(snapshot.events ?? []);
    },
    onPosition,
    onEnd: end,
    onError,
  });
  session.player.play();
}

/** Redraws the views every animation frame (each view skips the work when nothing it shows moved). */
function startDrawing(session, views) {
  // Live events arrive in batches (about every 50 ms): the views are drawn
  // LIVE_LAG_NS behind the newest event, moving smoothly between batches.
  const liveNow = ({ time, wall }) => Math.max(0, time + Math.min(LIVE_LAG_NS, (performance.now() - wall) * 1e6) - LIVE_LAG_NS);
  const now = () => (session.mode === 'live' ? liveNow(session.clock) : session.model.now);
  let frame = 0;
  const draw = () => {
    views.render(now());
    frame = requestAnimationFrame(draw);
  };
  frame = requestAnimationFrame(draw);
  return () => {
    cancelAnimationFrame(frame);
    views.render(now()); // what arrived last is drawn
  };
}

/**
 * @param {object} ref the layout's containers
 * @param {{spec, mode, wasmBase, program?, onVerdict, onHash, onEnd, onPosition, onError}} options
 * A replay that reaches its end keeps its worker (step back and the jumps
 * still work); stop() ends every worker of the run.
 */
export function startRunSession(ref, { spec, mode, wasmBase, program = null, onVerdict = () => {}, onHash = () => {}, onEnd = () => {}, onPosition = () => {}, onError = () => {} }) {
  const model = createClusterModel({ nodes: nodeIds(spec), protocol: spec.protocol, clients: spec.clients });
  const record = createRunRecord();
  const session = { spec, mode, model, record, verdict: { verdict: 'pending' }, verdicts: [], ended: false,
    engine: null, player: null, live: null, clock: { time: 0, wall: performance.now() } };
  const apply = (events) => {
    model.apply(events);
    record.apply(events);
    session.clock = { time: model.now, wall: performance.now() };
  };
  const setVerdict = (verdict) => {
    session.verdict = verdict;
    session.verdicts.push(verdict.verdict);
    model.setVerdict(verdict);
    onVerdict(verdict);
  };
  const containers = spec.protocol === 'own' ? ref : { ...ref, logs: null }; // only own nodes write logs
  const views = (session.views = createViews(containers, model, { onDropMessage: (id) => session.live?.dropMessage(id) }));
  const stopDrawing = startDrawing(session, views);
  const end = () => {
    session.ended = true;
    onEnd(session);
  };
  if (mode === 'replay') {
    session.started = startReplay(session, { wasmBase, apply, setVerdict, onHash, onPosition, end, onError }).catch(onError);
  } else {
    // program: the learner's compiled node ({loaderUrl, wasm, runtime}) when the protocol is 'own'.
    session.live = startLive(spec, { wasmBase, program, onEvents: apply, onVerdict: setVerdict, onProblem: onError });
    session.started = Promise.resolve();
  }
  // A live run's fault script lives in its router: kept before Stop ends the
  // workers (waiting a moment at most), so "Save as replay" still has it.
  session.keepScript = async () => {
    if (!session.live || session.stopped) return;
    const patience = new Promise((resolve) => setTimeout(() => resolve(null), 300));
    session.savedScript = await Promise.race([session.live.faultScript().catch(() => null), patience]);
  };
  session.faultScript = async () => (session.stopped ? session.savedScript ?? [] : (await session.live?.faultScript()) ?? []);
  session.stop = () => {
    session.stopped = true;
    stopDrawing();
    session.player?.stop();
    session.engine?.terminate();
    session.live?.stop();
  };
  session.destroy = () => {
    session.stop();
    views.destroy();
  };
  return session;
}
