// A run spec (model/run-spec.js) as the options of kv.KvSimulator
// (cpp/kv/README.md "WebAssembly"), and what the loaded simulator can do.
import { normaliseSteps } from '../../model/fault-script.js';

/** Simulator options for `spec`: no random nemesis unless asked, the spec's fault script. */
export function simulatorOptions(spec, { nemesis = 'none' } = {}) {
  const options = {
    protocol: spec.protocol,
    nodes: spec.nodes,
    seed: spec.seed,
    ops: spec.ops,
    clients: spec.clients,
    keys: spec.keys,
    latency: spec.latency,
    clientTimeoutMs: spec.clientTimeoutMs,
    nemesis,
  };
  if (spec.protocol === 'quorum') Object.assign(options, { replicas: spec.replicas, r: spec.r, w: spec.w });
  if (spec.faults?.length) options.faults = normaliseSteps(spec.faults);
  return options;
}

/**
 * A new simulator for `spec`; throws with the simulator's reason when it
 * refuses the options. The caller owns it and must call .delete().
 */
export function openSimulator(kv, spec, settings) {
  const sim = new kv.KvSimulator(JSON.stringify(simulatorOptions(spec, settings)));
  const error = sim.error();
  if (error) {
    sim.delete();
    throw new Error(`the simulator refused the run: ${error}`);
  }
  return sim;
}

/**
 * What this build of kv.js offers beyond step/run/check (the fault script, the
 * event hash, stepUntil and node states arrived later): feature-detected on a
 * simulator, so an older build still replays what it can.
 */
export function capabilitiesOf(sim) {
  const stats = JSON.parse(sim.stats());
  return {
    // The fault script and the event hash arrived together in the simulator.
    faults: 'event_hash' in stats,
    eventHash: 'event_hash' in stats,
    stepUntil: typeof sim.stepUntil === 'function',
    nodeStates: typeof sim.nodeStates === 'function',
    skipUntil: typeof sim.skipUntil === 'function',
  };
}
