// One cluster widget's state and what its buttons do. index.js builds it and
// wires the page's events to these methods; each method is one action.
import { createSpecForm } from './controls/spec-form.js';
import { createFaultEditor } from './controls/fault-editor.js';
import { controlText as t } from './controls/control-strings.js';
import { defaultSpec, withTemplate } from './model/run-spec.js';
import { startRunSession } from './run-session.js';
import { mountTransport } from './transport.js';
import { mountExercise } from './exercise.js';
import { sharedRunFor, shareRun, shareLinkFor } from './share.js';
import { mountSourceTab } from './source-tab.js';
import { createReplayEngine } from './engines/replay-client.js';
import { createCompareView } from './views/compare-view.js';
import { builtinSpecFor, canCompare, ownRow } from './own-node/own-compare.js';
import { mountOwnNode } from './own-node/own-node-panel.js';
import { ownText } from './own-node/own-strings.js';
import { isolation } from '../../runner/isolation.js';

const wasmBase = () => new URL('wasm/', document.baseURI).href;

export class ClusterWidget {
  constructor(ref, config) {
    this.ref = ref;
    this.config = config;
    this.shared = sharedRunFor(config.id, location.hash);
    this.spec = this.shared.spec ?? this.lessonSpec();
    this.mode = 'replay';
    this.session = null;
    this.comparer = null;
    this.expectedHash = this.shared.hash;
    const locked = config.lock ?? [];
    this.form = createSpecForm({ spec: this.spec, mode: this.mode, locked, onChange: (spec) => this.setSpec(spec) });
    this.faults = createFaultEditor({ mode: this.mode, nodes: this.spec.nodes, steps: this.spec.faults, locked: locked.includes('faults'),
      onChange: (steps) => (this.spec = { ...this.spec, faults: steps }), onApply: (steps) => this.applyNow(steps) });
    ref.spec.append(this.form.element);
    ref.faults.append(this.faults.element);
    this.source = mountSourceTab(ref, () => this.spec.protocol);
    this.transport = mountTransport(ref, this);
    this.exercise = config.exercise ? mountExercise(ref, this, config.exercise) : null;
    this.own = null; // the node program's panel, made the first time the protocol is 'own'
    this.compiling = null;
    this.ownChanged();
    this.setMode('replay');
  }

  get isOwn() {
    return this.spec.protocol === 'own';
  }

  /** Your own node: its panel and logs show, the engine is live only, Compare is off. */
  ownChanged() {
    const own = this.isOwn;
    this.ref.own.hidden = !own;
    this.ref.logs.hidden = !own;
    this.ref.compare.title = own ? ownText.compareHint : '';
    this.ref.tabSource.textContent = own ? t.ownSourceTab : t.tabs.source;
    const replay = this.ref.mode.querySelector('input[value=replay]');
    replay.disabled = own;
    replay.parentElement.title = own ? ownText.liveOnly : '';
    if (!own) return;
    this.own ??= mountOwnNode(this.ref.own, {
      store: `own-node/${this.config.id ?? 'cluster'}`, template: this.spec.template,
      onTemplate: (id) => this.setSpec(withTemplate(this.spec, id), { redraw: true }),
      onRun: () => !this.ref.run.disabled && this.run(), status: (text) => this.status(text),
    });
    this.own.setTemplate(this.spec.template);
    if (this.mode !== 'live') this.setMode('live');
  }

  /** Live: faults from the editor's "Apply now". */
  applyNow(steps) {
    const live = this.session?.live;
    if (!live || this.session.stopped) return this.status(t.notLive);
    for (const step of steps) live.fault(step).catch((error) => this.status(t.failed(error.message)));
  }

  lessonSpec() {
    const protocol = this.config.spec?.protocol ?? 'raft';
    const base = protocol === 'own' ? withTemplate(defaultSpec('own'), this.config.spec.template ?? 'lin_kv') : defaultSpec(protocol);
    return { ...base, ...(this.config.spec ?? {}) };
  }

  status(text) {
    this.ref.status.textContent = text;
  }

  /** A new spec from the form (or a test); the other parts follow it. */
  setSpec(spec, { redraw = false } = {}) {
    this.spec = spec;
    if (redraw) this.form.render(spec, this.mode);
    this.faults.update({ nodes: spec.nodes, steps: spec.faults });
    this.transport.setMode(this.mode); // the request form lists the nodes and keys
    this.source.protocolChanged();
    this.ownChanged();
  }

  setMode(requested) {
    const mode = this.isOwn ? 'live' : requested; // a node program runs live only
    this.mode = mode;
    for (const radio of this.ref.mode.querySelectorAll('input')) radio.checked = radio.value === mode;
    this.form.render(this.spec, mode);
    this.faults.update({ mode, steps: this.spec.faults });
    this.ref.saveAsReplay.hidden = mode !== 'live';
    this.transport.setMode(mode);
  }

  /** False (and says why, focusing the first bad field) when the settings cannot run. */
  settingsCanRun() {
    if (!this.form.problems().length) return true;
    this.status(t.cannotRun);
    this.form.focusFirstProblem();
    return false;
  }

  stop() {
    if (this.compiling) this.own.cancel();
    this.session?.stop();
    this.ref.stop.disabled = true;
    this.ref.run.disabled = false;
  }

  /** Starts a run with the current settings; resolves once the engine has started (or failed). */
  run() {
    if (!this.settingsCanRun()) return Promise.resolve(null);
    if (this.isOwn) return this.runOwn();
    this.startRun();
    return this.startSession(null);
  }

  startRun() {
    this.session?.destroy();
    this.session = null;
    this.ref.run.disabled = true;
    this.ref.stop.disabled = false;
    this.ref.share.disabled = true;
    this.ref.hash.textContent = '';
  }

  /** Your own node: compile it in the page (once per source), then start a worker per node. */
  async runOwn() {
    if (!isolation.threads) {
      this.status(ownText.needsIsolation);
      return null;
    }
    this.startRun();
    const compiling = (this.compiling = this.own.compile());
    let program = null;
    try {
      program = await compiling;
    } catch (error) {
      this.status(t.failed(error.message));
    } finally {
      if (this.compiling === compiling) this.compiling = null;
    }
    if (!program || this.ref.run.disabled === false) { // did not compile, or Stop was pressed meanwhile
      this.ref.run.disabled = false;
      this.ref.stop.disabled = true;
      return null;
    }
    this.status(ownText.compiled);
    return this.startSession(program);
  }

  startSession(program) {
    this.status(t.loading);
    const session = startRunSession(this.ref, {
      spec: this.spec, mode: this.mode, wasmBase: wasmBase(), program,
      onHash: (hash) => this.showHash(hash),
      onPosition: (p) => this.transport.position(p),
      onEnd: () => this.finished(),
      onError: (error) => this.ended(t.failed(error.message)),
    });
    this.session = session;
    this.transport.attach(session);
    return session.started.then(() => {
      if (this.session === session && !session.ended) this.status(t.running(this.mode));
      return session;
    });
  }

  ended(message) {
    this.status(message);
    this.stop();
  }

  /** A replay reached its end: its worker stays, so stepping back and the jumps still work. */
  finished() {
    this.status(t.finished);
    this.ref.run.disabled = false;
    this.ref.stop.disabled = true;
  }

  async stopByLearner() {
    await this.session?.keepScript();
    this.ended(t.stopped);
  }

  /** Opened from a share link to this widget: replay that run at once (or say why the link is bad). */
  openShared() {
    if (this.shared.spec) {
      this.ref.root.scrollIntoView({ block: 'start' });
      this.run();
    } else if (this.shared.error) {
      this.status(t.badLink(this.shared.error));
    }
  }

  showHash(hash) {
    if (!hash) return;
    this.ref.share.disabled = false;
    const expected = this.expectedHash;
    this.ref.hash.textContent = !expected ? t.hash(hash) : hash === expected ? t.hashMatches(hash) : t.hashDiffers(hash, expected);
    this.expectedHash = null;
  }

  /** The same seed and faults under every protocol, in a worker of its own; rows fill the table as they finish. */
  async compare() {
    if (this.isOwn) return this.compareOwn();
    if (!this.settingsCanRun()) return;
    const view = createCompareView(this.ref.compareTable, { caption: t.compareCaption(this.spec) });
    await this.runComparison(this.spec, view);
  }

  /** Your node's last lin-kv run as the first row, then the built-in protocols on its settings. */
  async compareOwn() {
    const session = this.session;
    if (!canCompare(session)) return this.status(ownText.compareNeedsRun);
    const spec = builtinSpecFor(session.spec, session.record.ops.length);
    const view = createCompareView(this.ref.compareTable, { caption: ownText.compareCaption(t.compareCaption(spec)) });
    view.addRow(ownRow({ ops: session.record.ops, series: session.model.series(), verdict: session.verdict }));
    await this.runComparison(spec, view);
  }

  async runComparison(spec, view) {
    this.comparer?.terminate();
    const comparer = (this.comparer = createReplayEngine({ wasmBase: wasmBase() }));
    this.ref.compare.disabled = true;
    try {
      await comparer.compare(spec, { onRow: (row, progress) => {
        view.addRow(row);
        if (progress) this.status(t.comparing(progress.done, progress.total));
      } });
      this.status(t.compared);
    } catch (error) {
      this.status(t.failed(error.message));
    } finally {
      comparer.terminate();
      this.ref.compare.disabled = false;
    }
  }

  reset() {
    this.setSpec(this.lessonSpec(), { redraw: true });
  }

  share() {
    return shareRun(this.config.id, this.spec, this.session?.hash, (text) => this.status(text));
  }

  shareLink() {
    return shareLinkFor(this.config.id, this.spec, this.session?.hash).link;
  }

  /** A live run's faults, with the seed, become the replay's script. */
  async saveAsReplay() {
    const steps = (await this.session?.faultScript().catch(() => null)) ?? [];
    this.stop();
    this.spec = { ...this.spec, faults: steps };
    this.setMode('replay');
    this.status(t.savedAsReplay(steps.length));
  }

  destroy() {
    this.own?.destroy();
    this.session?.destroy();
    this.comparer?.terminate();
    this.source.destroy();
  }
}
