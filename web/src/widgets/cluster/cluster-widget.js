// One cluster widget's state and what its buttons do. index.js builds it and
// wires the page's events to these methods; each method is one action.
import { createSpecForm } from './controls/spec-form.js';
import { createFaultEditor } from './controls/fault-editor.js';
import { controlText as t } from './controls/control-strings.js';
import { defaultSpec } from './model/run-spec.js';
import { startRunSession } from './run-session.js';
import { mountTransport } from './transport.js';
import { mountExercise } from './exercise.js';
import { sharedRunFor, shareRun, shareLinkFor } from './share.js';
import { mountSourceTab } from './source-tab.js';
import { createReplayEngine } from './engines/replay-client.js';
import { createCompareView } from './views/compare-view.js';

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
    this.setMode('replay');
  }

  /** Live: faults from the editor's "Apply now". */
  applyNow(steps) {
    const live = this.session?.live;
    if (!live || this.session.stopped) return this.status(t.notLive);
    for (const step of steps) live.fault(step).catch((error) => this.status(t.failed(error.message)));
  }

  lessonSpec() {
    return { ...defaultSpec(this.config.spec?.protocol ?? 'raft'), ...(this.config.spec ?? {}) };
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
  }

  setMode(mode) {
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
    this.session?.stop();
    this.ref.stop.disabled = true;
    this.ref.run.disabled = false;
  }

  /** Starts a run with the current settings; resolves once the engine has started (or failed). */
  run() {
    if (!this.settingsCanRun()) return Promise.resolve(null);
    this.session?.destroy();
    this.ref.run.disabled = true;
    this.ref.stop.disabled = false;
    this.ref.share.disabled = true;
    this.ref.hash.textContent = '';
    this.status(t.loading);
    const session = startRunSession(this.ref, {
      spec: this.spec, mode: this.mode, wasmBase: wasmBase(),
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
    if (!this.settingsCanRun()) return;
    this.comparer?.terminate();
    const comparer = (this.comparer = createReplayEngine({ wasmBase: wasmBase() }));
    const view = createCompareView(this.ref.compareTable, { caption: t.compareCaption(this.spec) });
    this.ref.compare.disabled = true;
    try {
      await comparer.compare(this.spec, { onRow: (row, progress) => {
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
    return shareLinkFor(this.config.id, this.spec, this.session?.hash);
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
    this.session?.destroy();
    this.comparer?.terminate();
    this.source.destroy();
  }
}
