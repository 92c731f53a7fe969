// One start of a learner's compiled node program in a program worker
// (web/src/runner/program-worker.js, a classic worker), as a process: its
// stdin is a pipe this thread writes (web/src/runner/stdin-pipe.js), its
// stdout and stderr come back as lines. The shell (../own-node-worker.js)
// starts a new one on restart; stop() is a crash (the worker and its memory
// are gone at once).
import { connect } from '../../../../workers/connect.js';
import '../../../../runner/stdin-pipe.js';

const RETRY_WRITE_MS = 1;

/**
 * @param {{program: object, urls: {programWorker: string, protocol: string, stdinPipe: string}, name: string,
 *          onLines: (lines: {stream: 'out'|'err', text: string}[]) => void,
 *          onEnd: (text: string) => void}} options onEnd: the program ended by itself (why)
 */
export function startProgramProcess({ program, urls, name, onLines, onEnd }) {
  const { createPipeBuffer, pipeWriter } = globalThis.cddStdinPipe;
  const buffer = createPipeBuffer();
  const writer = pipeWriter(buffer);
  const fragment = new URLSearchParams({ protocol: urls.protocol, stdinPipe: urls.stdinPipe });
  const worker = connect(new Worker(`${urls.programWorker}#${fragment}`, { name }), { failureMessage: `${name}'s program worker failed` });
  let stopped = false;
  const encoder = new TextEncoder();
  let backlog = []; // bytes the ring had no room for yet, in order
  let retry = null;

  const ended = (text) => {
    if (stopped) return;
    stopped = true;
    clearTimeout(retry);
    onEnd(text);
  };
  const describe = ({ status, code, reason }) => (status === 'exit'
    ? `the program exited with code ${code}` : `the program ${status === 'abort' ? 'aborted' : 'crashed'}: ${reason}`);

  worker.call('prepare', { compiled: program })
    .then(() => worker.call('run', { args: [], stdin: buffer, pthreadPoolSize: 1 }, {
      onEvent: (event) => {
        if (event.type === 'lines' && !stopped) onLines(event.lines);
      },
    }))
    .then((outcome) => ended(describe(outcome)), (error) => ended(`the program crashed: ${error.message}`));

  function drain() {
    retry = null;
    while (backlog.length) {
      const bytes = backlog[0];
      const n = writer.write(bytes);
      if (n < bytes.length) {
        backlog[0] = bytes.subarray(n);
        retry = setTimeout(drain, RETRY_WRITE_MS);
        return;
      }
      backlog.shift();
    }
  }

  return {
    /** Appends `text` to the program's stdin (kept in order if the ring is full). */
    write(text) {
      if (stopped) return;
      backlog.push(encoder.encode(text));
      if (retry === null) drain();
    },
    beat: () => writer.beat(),
    acknowledged: () => writer.acknowledged(),
    /** Ends the program at once (a crash: its memory is gone). */
    stop() {
      stopped = true;
      clearTimeout(retry);
      backlog = [];
      worker.terminate();
    },
  };
}
