// A learner's node of a live run in a module worker of its own: the shell of
// a compiled node program (own/own-node-host.js decides, own/program-
// process.js runs the program in a program worker with a stdin pipe). It
// speaks the router's port protocol of live-node-worker.js: batches of
// messages and commands in; {out, log?, problem?, trap?} out. The page calls
// `load` with the compiled program, the script URLs and this node's port.
import '../../../workers/serve.js';
import { createOwnNodeHost } from './own/own-node-host.js';
import { startProgramProcess } from './own/program-process.js';
import { DEFAULTS } from './own/watchdog.js';

const nowMs = () => performance.now();

self.cddWorkerProtocol.serve({
  /**
   * @param {{nodeId: string, program: {loaderUrl, wasm, runtime}, urls: object, port: MessagePort, options?: object}} args
   * resolves once the program is starting (init may be sent at once: it waits in the pipe)
   */
  load({ nodeId, program, urls, port, options = {} }) {
    let ticker = null;
    const host = createOwnNodeHost(nodeId, {
      options,
      post(batch) {
        port.postMessage(batch);
        if (batch.trap === undefined) return;
        clearInterval(ticker);
      },
      startProcess: ({ onLines, onEnd }) => startProgramProcess({
        program, urls, name: `${nodeId} program`, onEnd, onLines: (lines) => onLines(lines, nowMs()),
      }),
    });
    port.onmessage = ({ data }) => host.receive(data, nowMs());
    host.start();
    ticker = setInterval(() => host.tick(nowMs()), options.beatMs ?? DEFAULTS.beatMs);
    return { reportsState: false };
  },
});
