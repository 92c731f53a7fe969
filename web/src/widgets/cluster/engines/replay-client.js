// The page's side of the replay engine: starts replay-worker.js and turns its
// answers into the one event stream (onEvents(batch), README.md "Event stream").
// The main thread only forwards calls; every simulation step runs in the worker.
import { connect } from '../../../workers/connect.js';

/**
 * @param {{wasmBase: string, onEvents: (events: object[]) => void}} options
 *   wasmBase: where kv.js and kv.wasm are, e.g. new URL('wasm/', document.baseURI).href
 */
export function createReplayEngine({ wasmBase, onEvents = () => {} }) {
  const worker = connect(new Worker(new URL('./replay-worker.js', import.meta.url), { type: 'module', name: 'cluster replay' }), {
    failureMessage: 'the replay engine stopped',
  });
  const ready = worker.call('init', { wasmBase });

  // Calls after init; the events a result carries go to onEvents.
  const call = async (method, args, options) => {
    await ready;
    return worker.call(method, args, options);
  };
  const streamed = async (method, args) => {
    const result = await call(method, args);
    if (result.events?.length) onEvents(result.events);
    return result;
  };

  return {
    ready,
    /** A new replay of `spec` at its start. */
    open: (spec) => call('open', { spec }),
    /** Events up to virtual time untilNs (ns since the start), streamed to onEvents. */
    advance: (untilNs) => streamed('advance', { untilNs }),
    stepForward: () => streamed('stepForward', {}),
    /** A snapshot (recent events and node states) at event `eventIndex`: the views redraw from it. */
    seek: (eventIndex) => call('seek', { eventIndex }),
    seekTime: (timeNs) => call('seekTime', { timeNs }),
    /** 'fault' (the next one) or 'violation' (where the checker's window got its last definite answer). */
    jumpTo: (target) => call('jumpTo', { target }),
    runDetached: (spec, { onProgress = () => {} } = {}) =>
      call('runDetached', { spec }, { onEvent: ({ progress }) => onProgress(progress) }),
    /** Rows as they finish go to onRow; resolves with all rows. */
    compare: (spec, { protocols, onRow = () => {} } = {}) =>
      call('compare', { spec, protocols }, { onEvent: ({ row, progress }) => onRow(row, progress) }),
    /** Stops the worker at once (a long run included). */
    terminate: () => worker.terminate(),
    get isOpen() {
      return worker.isOpen;
    },
  };
}
