// The cluster widget (lesson 5): ```widget cluster``` in a lesson.
// Config: {id, title?, question?, spec: {run spec, README.md}, lock?: [field...|'faults'],
//          exercise?: {kind, choices?}, compare?: true}
// A learner sets up a key-value cluster, writes or applies faults, runs it in
// replay (the seeded simulator) or live (a Web Worker per node), and reads the
// views and the checker's verdict. This file wires the parts:
//   layout.js        where everything goes;
//   controls/        the settings form and the fault-script editor;
//   run-session.js   one run: engine, model, views, run record;
//   transport.js     replay's play/step/seek buttons and live's controls;
//   exercise.js      the Check button of an exercise;
//   share.js         share links in and out.
import './cluster.css';
import './controls/controls.css';
import { buildLayout } from './layout.js';
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

export function mount(element, config = {}) {
  const ref = buildLayout(config);
  element.replaceChildren(ref.root);
  const lessonSpec = () => ({ ...defaultSpec(config.spec?.protocol ?? 'raft'), ...(config.spec ?? {}) });
  const shared = sharedRunFor(config.id, location.hash);
  const w = { ref, config, spec: shared.spec ?? lessonSpec(), mode: 'replay', session: null, expectedHash: shared.hash };
  const locked = config.lock ?? [];

  const status = (text) => (ref.status.textContent = text);
  const form = createSpecForm({ spec: w.spec, mode: w.mode, locked, onChange: (spec) => setSpec(spec) });
  const faults = createFaultEditor({ mode: w.mode, nodes: w.spec.nodes, steps: w.spec.faults, locked: locked.includes('faults'),
    onChange: (steps) => (w.spec = { ...w.spec, faults: steps }), onApply: (steps) => steps.forEach((s) => w.session?.live?.fault(s)) });
  ref.spec.append(form.element);
  ref.faults.append(faults.element);
  const source = mountSourceTab(ref, () => w.spec.protocol);
  const transport = mountTransport(ref, w);
  const exercise = config.exercise ? mountExercise(ref, w, config.exercise, () => run()) : null;

  function setSpec(spec) {
    w.spec = spec;
    faults.update({ nodes: spec.nodes });
    source.protocolChanged();
  }

  function setMode(mode) {
    w.mode = mode;
    for (const radio of ref.mode.querySelectorAll('input')) radio.checked = radio.value === mode;
    form.render(w.spec, mode);
    faults.update({ mode, steps: w.spec.faults });
    ref.saveAsReplay.hidden = mode !== 'live';
    transport.setMode(mode);
  }

  function stop() {
    w.session?.stop();
    ref.stop.disabled = true;
    ref.run.disabled = false;
  }

  /** Starts a run with the current settings; resolves once the engine has started (or failed). */
  function run() {
    if (form.problems().length) {
      status(t.cannotRun);
      form.focusFirstProblem();
      return Promise.resolve(null);
    }
    w.session?.destroy();
    ref.run.disabled = true;
    ref.stop.disabled = false;
    ref.share.disabled = true;
    ref.hash.textContent = '';
    status(t.loading);
    const session = startRunSession(ref, {
      spec: w.spec, mode: w.mode, wasmBase: wasmBase(),
      onVerdict: () => {},
      onHash: (hash) => showHash(hash),
      onPosition: (p) => transport.position(p),
      onEnd: () => {
        status(t.finished);
        stop();
      },
      onError: (error) => {
        status(t.failed(error.message));
        stop();
      },
    });
    w.session = session;
    transport.attach(session);
    return session.started.then(() => {
      if (w.session === session && !session.ended) status(t.running(w.mode));
      return session;
    });
  }

  function showHash(hash) {
    if (!hash) return;
    ref.share.disabled = false;
    if (w.expectedHash) ref.hash.textContent = hash === w.expectedHash ? t.hashMatches(hash) : t.hashDiffers(hash, w.expectedHash);
    else ref.hash.textContent = t.hash(hash);
    w.expectedHash = null;
  }

  let comparer = null;
  async function compare() {
    if (form.problems().length) {
      status(t.cannotRun);
      form.focusFirstProblem();
      return;
    }
    comparer?.terminate();
    comparer = createReplayEngine({ wasmBase: wasmBase() });
    const view = createCompareView(ref.compareTable, { caption: t.compareCaption(w.spec) });
    ref.compare.disabled = true;
    try {
      await comparer.compare(w.spec, { onRow: (row, progress) => {
        view.addRow(row);
        if (progress) status(t.comparing(progress.done, progress.total));
      } });
      status(t.compared);
    } catch (error) {
      status(t.failed(error.message));
    } finally {
      comparer.terminate();
      ref.compare.disabled = false;
    }
  }

  ref.mode.addEventListener('change', (event) => setMode(event.target.value));
  ref.run.addEventListener('click', () => run());
  ref.stop.addEventListener('click', () => {
    stop();
    status(t.stopped);
  });
  ref.compare.addEventListener('click', compare);
  ref.share.addEventListener('click', () => shareRun(config.id, w.spec, w.session?.hash, status));
  ref.reset.addEventListener('click', () => {
    w.spec = lessonSpec();
    form.render(w.spec, w.mode);
    faults.update({ nodes: w.spec.nodes, steps: w.spec.faults });
    source.protocolChanged();
  });
  ref.saveAsReplay.addEventListener('click', async () => {
    const steps = (await w.session?.live?.faultScript()) ?? [];
    stop();
    w.spec = { ...w.spec, faults: steps };
    setMode('replay');
    status(t.savedAsReplay(steps.length));
  });
  ref.root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!ref.run.disabled) run();
    }
  });
  setMode('replay');
  // Tests and benchmarks drive the widget through this handle, as a learner would through the page.
  ref.root.cddCluster = {
    run, stop, compare, setMode, exercise,
    setSpec(spec) {
      setSpec({ ...w.spec, ...spec });
      form.render(w.spec, w.mode);
      faults.update({ steps: w.spec.faults });
    },
    shareLink: () => shareLinkFor(config.id, w.spec, w.session?.hash),
    get session() { return w.session; },
    get spec() { return w.spec; },
  };
  if (shared.spec) {
    ref.root.scrollIntoView({ block: 'start' });
    run();
  } else if (shared.error) status(t.badLink(shared.error));

  return () => {
    w.session?.destroy();
    comparer?.terminate();
    source.destroy();
  };
}
