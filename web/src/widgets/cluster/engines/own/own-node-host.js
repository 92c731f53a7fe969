// One learner's node of a live run, without the thread: the shell
// (../own-node-worker.js) gives it what the router sent (batches of messages
// and commands, as to live-node-worker.js), the program's output lines and
// heartbeat ticks; it posts back batches for the router:
//   {out?: messages, log?: [{stream, text, rejected?}], problem?: [{kind, text}], trap?: text}
// The program itself is behind `startProcess` (own/program-process.js in the
// page, a fake in node tests), so this file has no worker and no clock of its own.
//
// Commands: init (start of the run: the init message is written to stdin),
// crash (keep: false ends the process, its memory is gone; keep: true freezes
// it: input and output wait), restart (a fresh process gets init again; after
// a kept crash the frozen one goes on), pause/resume (input and output wait in
// here), trap (the process is ended and reported as crashed).
import { decodeLine, encodeMessage } from './line-codec.js';
import { createRateWindow, createWatchdog, DEFAULTS } from './watchdog.js';

class OwnNodeHost {
  #nodeId;
  #startProcess;
  #post;
  #options;
  #process = null;
  #watchdog = null;
  #initMessage = null;
  #held = false; // paused, or crashed with its state kept
  #heldIn = [];
  #heldOut = [];
  #logs;
  #gone = false; // trapped, crashed by itself or hung: nothing more happens

  constructor(nodeId, { startProcess, post, options = {} }) {
    this.#nodeId = nodeId;
    this.#startProcess = startProcess;
    this.#post = post;
    this.#options = { ...DEFAULTS, ...options };
    this.#logs = createRateWindow(this.#options.maxLogsPerSecond);
  }

  /** Starts the program (before init arrives, so it is ready by then). */
  start() {
    this.#watchdog = createWatchdog(this.#nodeId, this.#options);
    this.#process = this.#startProcess({
      onLines: (lines, now) => this.lines(lines, now),
      onEnd: (text) => this.#fail('crashed', text),
    });
  }

  /** A batch from the router. */
  receive(items, now) {
    if (this.#gone) return;
    for (const item of items) {
      if (item.cmd) this.#command(item, now);
      else if (this.#held) this.#heldIn.push(item);
      else this.#process?.write(encodeMessage(item));
    }
  }

  /** Lines the program wrote (in order). */
  lines(lines, now) {
    if (this.#gone) return;
    const batch = { out: [], log: [], problem: [] };
    for (const { stream, text } of lines) {
      if (stream === 'err') {
        this.#log(batch, { stream, text }, now);
        continue;
      }
      const { pass, problems } = this.#watchdog.line(now);
      batch.problem.push(...problems);
      if (!pass) continue;
      const decoded = decodeLine(text, this.#initMessage ? this.#nodeId : null);
      if (decoded.rejected) {
        this.#log(batch, { stream, text, rejected: decoded.rejected }, now);
        continue;
      }
      if (decoded.message.body.type === 'init_ok') this.#watchdog.initAnswered();
      batch.out.push(decoded.message);
    }
    if (this.#held) this.#heldOut.push(...batch.out.splice(0));
    this.#postBatch(batch);
  }

  /** Every beatMs: a heartbeat into the pipe; problems found since the last one are reported. */
  tick(now) {
    if (this.#gone || !this.#process) return;
    const problems = this.#watchdog.check(now, this.#process.acknowledged());
    this.#watchdog.beatSent(this.#process.beat(), now);
    if (this.#watchdog.isHung()) {
      this.#fail('hung', problems.find((p) => p.kind === 'hung')?.text ?? `${this.#nodeId} is hung`, problems);
      return;
    }
    const refused = this.#logs.takeRefused();
    const log = refused ? [{ stream: 'err', text: `(${refused} more log lines in the last second not shown)` }] : [];
    this.#postBatch({ log, problem: problems });
  }

  #command(item, now) {
    if (item.cmd === 'init') {
      this.#initMessage = item.message;
      this.#watchdog.initSent(now);
      this.#process.write(encodeMessage(item.message));
    } else if (item.cmd === 'crash' && item.keep) {
      this.#held = true;
    } else if (item.cmd === 'crash') {
      this.#process.stop();
      this.#process = null;
      this.#held = false;
      this.#heldIn = [];
      this.#heldOut = [];
    } else if (item.cmd === 'restart' && !this.#process) {
      this.start();
      this.#watchdog.initSent(now);
      this.#process.write(encodeMessage(this.#initMessage));
    } else if (item.cmd === 'pause') {
      this.#held = true;
    } else if (item.cmd === 'resume' || item.cmd === 'restart') {
      this.#release();
    } else if (item.cmd === 'trap') {
      this.#fail('crashed', `${this.#nodeId} was made to crash (its program worker was terminated)`);
    }
  }

  #release() {
    this.#held = false;
    for (const message of this.#heldIn.splice(0)) this.#process.write(encodeMessage(message));
    this.#postBatch({ out: this.#heldOut.splice(0) });
  }

  #log(batch, entry, now) {
    if (this.#logs.allow(now)) batch.log.push(entry);
  }

  /** The program is gone (by itself, hung, or trapped): reported, and shown down by the router like a trap. */
  #fail(kind, text, problems = []) {
    if (this.#gone) return;
    this.#gone = true;
    this.#process?.stop();
    this.#process = null;
    const all = problems.some((p) => p.kind === kind) ? problems : [...problems, { kind, text }];
    this.#post({ out: [], problem: all, trap: `${kind}: ${text}` });
  }

  #postBatch({ out = [], log = [], problem = [] }) {
    if (!out.length && !log.length && !problem.length) return;
    const batch = { out };
    if (log.length) batch.log = log;
    if (problem.length) batch.problem = problem;
    this.#post(batch);
  }
}

/**
 * @param {string} nodeId
 * @param {{startProcess: ({onLines, onEnd}) => {write, beat, acknowledged, stop}, post: (batch) => void,
 *          options?: Partial<typeof DEFAULTS>}} shell
 */
export const createOwnNodeHost = (nodeId, shell) => new OwnNodeHost(nodeId, shell);
